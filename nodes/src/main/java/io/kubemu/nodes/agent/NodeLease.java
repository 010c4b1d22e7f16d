package io.kubemu.nodes.agent;

import io.kubemu.protocols.ClusterMessage;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a node publishes to the cluster, as flanneld publishes its subnet lease: its underlay
 * address and MAC, its pod CIDR, its backend and VTEP MAC, and where its agent lives. Every other
 * node programs routes, neighbours and FDB entries from these.
 */
public record NodeLease(String node, String host, Ipv4Address nodeIp, MacAddress nodeMac, Ipv4Cidr podCidr,
    String backend, MacAddress vtepMac, ActorRef<NodeAgent.Command> agent) implements ClusterMessage {}
