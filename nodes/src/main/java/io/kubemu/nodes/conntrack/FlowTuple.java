package io.kubemu.nodes.conntrack;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.nat.NatRewrite;
import java.util.Optional;

/** One direction of a flow as conntrack keys it: protocol, addresses and ports (an ICMP echo's identifier as both ports). */
public record FlowTuple(int protocol, Ipv4Address source, int sourcePort, Ipv4Address destination, int destinationPort) {
  /** The tuple of a TCP, UDP or ICMP echo packet; empty for anything conntrack does not track here. */
  public static Optional<FlowTuple> of(Ipv4Packet p) {
    NatRewrite.Ports ports = NatRewrite.ports(p);
    if (ports == null) {
      return Optional.empty();
    }
    return Optional.of(new FlowTuple(p.protocol(), p.source(), ports.source(), p.destination(), ports.destination()));
  }

  /** The tuple a reply to this direction carries. */
  public FlowTuple reversed() {
    return new FlowTuple(protocol, destination, destinationPort, source, sourcePort);
  }

  /** As {@code conntrack -L} prints one direction. */
  public String show() {
    if (protocol == IpProtocol.ICMP) {
      return "src=" + source + " dst=" + destination + " id=" + sourcePort;
    }
    return "src=" + source + " dst=" + destination + " sport=" + sourcePort + " dport=" + destinationPort;
  }
}
