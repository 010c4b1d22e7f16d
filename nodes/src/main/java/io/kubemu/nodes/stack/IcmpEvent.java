package io.kubemu.nodes.stack;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.icmp.IcmpMessage;

/** An ICMP message delivered to the program that owns its echo identifier: a reply, or an error quoting its request. */
public record IcmpEvent(Ipv4Address from, IcmpMessage message, int ttl, int ipLength) {}
