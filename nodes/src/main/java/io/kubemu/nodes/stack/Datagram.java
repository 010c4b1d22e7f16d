package io.kubemu.nodes.stack;

import io.kubemu.protocols.addr.Ipv4Address;

/** A UDP datagram as a socket sees it. */
public record Datagram(Ipv4Address source, int sourcePort, Ipv4Address destination, int destinationPort, byte[] payload) {}
