package io.kubemu.nodes.backend;

import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.Route;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import java.util.HashSet;
import java.util.Set;

/**
 * Flannel's host-gw backend: no tunnel and no device of its own; per remote node, the route
 * {@code <podCIDR> via <node IP> dev eth0} that flanneld programs from its lease, so pod packets
 * cross the underlay as they are, addressed pod to pod. Like flanneld, it needs every node on one
 * L2 network: a peer whose address is not on eth0's subnet cannot be a next hop, gets no route,
 * and is listed by {@link #unreachablePeers()} (flanneld fails to add such a route).
 */
public final class FlannelHostGw implements Backend {
  public static final String NAME = "flannel-host-gw";

  private final Set<String> unreachable = new HashSet<>();

  public FlannelHostGw(Ipv4Address nodeIp) {
    // nothing per node: the routes come from the peers' leases
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(NodeDataplane dp) {}

  @Override
  public MacAddress vtepMac() {
    return null;
  }

  @Override
  public void peerUp(NodeLease peer, NodeDataplane dp) {
    if (!dp.eth0().subnet().contains(peer.nodeIp())) {
      unreachable.add(peer.node());
      return;
    }
    dp.routes().add(Route.via(peer.podCidr(), peer.nodeIp(), "eth0"));
  }

  @Override
  public void peerDown(NodeLease peer, NodeDataplane dp) {
    unreachable.remove(peer.node());
    dp.routes().remove(peer.podCidr());
  }

  /** Peers that got no route because they are not on this node's L2 network. */
  public Set<String> unreachablePeers() {
    return Set.copyOf(unreachable);
  }

  @Override
  public boolean transmit(String device, Ipv4Packet packet, Ipv4Address nextHop, NodeDataplane dp) {
    return false; // its routes point at eth0, which the dataplane sends on itself
  }

  @Override
  public boolean receiveUdp(Ipv4Packet outer, UdpDatagram udp, byte[] outerFrame, NodeDataplane dp) {
    return false;
  }
}
