package io.kubemu.nodes.proxy;

import io.kubemu.protocols.addr.Ipv4Address;

/**
 * What netfilter's matches look at in a packet that opens a new flow: addresses, protocol and
 * destination port, and whether each address is one of the node's own ({@code addrtype LOCAL}).
 */
public record PacketContext(Ipv4Address source, Ipv4Address destination, String proto, int destinationPort,
    boolean sourceLocal, boolean destinationLocal) {}
