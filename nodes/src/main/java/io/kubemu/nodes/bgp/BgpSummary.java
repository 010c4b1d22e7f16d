package io.kubemu.nodes.bgp;

import io.kubemu.protocols.ClusterMessage;

/**
 * A speaker in numbers: neighbours configured and Established, prefixes in its Loc-RIB, paths held,
 * and BGP messages sent and received over its sessions' lifetimes (those of removed neighbours are
 * not counted).
 */
public record BgpSummary(String node, int neighbors, int established, int prefixes, int paths, long messagesSent,
    long messagesReceived) implements ClusterMessage {}
