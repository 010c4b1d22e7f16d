package io.kubemu.nodes.backend;

import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;

/**
 * How pod traffic crosses nodes (flannel-vxlan, flannel-host-gw, calico-bgp). A backend is owned
 * by the node agent and works on its dataplane: it programs routes for peers and carries packets
 * routed to the devices it created.
 */
public interface Backend {
  String name();

  /** Creates the backend's devices on this node (e.g. flannel.1). */
  void start(NodeDataplane dp);

  /** The MAC of the backend's tunnel endpoint, published in the node's lease; null if it has none. */
  MacAddress vtepMac();

  /** Programs what reaching {@code peer}'s pods needs: routes, neighbours, forwarding entries. */
  void peerUp(NodeLease peer, NodeDataplane dp);

  void peerDown(NodeLease peer, NodeDataplane dp);

  /** Sends a packet the routing table put on {@code device}; false when the device is not this backend's. */
  boolean transmit(String device, Ipv4Packet packet, Ipv4Address nextHop, NodeDataplane dp);

  /** A UDP datagram addressed to the node itself; true when the backend consumed it (a tunnel). */
  boolean receiveUdp(Ipv4Packet outer, UdpDatagram udp, byte[] outerFrame, NodeDataplane dp);

  /** A packet of another protocol addressed to the node (IP-in-IP); true when the backend consumed it. */
  default boolean receiveIp(Ipv4Packet outer, NodeDataplane dp) {
    return false;
  }
}
