package io.kubemu.nodes.bgp;

import io.kubemu.protocols.addr.Ipv4Address;

/**
 * One BGP neighbour a node is configured with, as Calico's confd writes a {@code protocol bgp} block
 * into BIRD's configuration: its protocol name ({@code Mesh_172_18_0_3}, {@code Node_...},
 * {@code Global_...}), address and port, AS, the kind calicoctl shows ({@code node-to-node mesh},
 * {@code node specific}, {@code global}), whether this side only waits for the peer to connect,
 * whether the peer is a route-reflector client of this node, and whether it is a real router
 * outside kubemu, reached over a real TCP connection from {@code source} (a loopback address).
 */
public record PeerSpec(String name, Ipv4Address address, int port, long asn, String type, boolean passive,
    boolean rrClient, boolean real, Ipv4Address source) {
  public static final int BGP_PORT = 179;
  public static final String MESH = "node-to-node mesh";
  public static final String NODE_SPECIFIC = "node specific";
  public static final String GLOBAL = "global";

  /**
   * The mesh peer at {@code peer} as seen from {@code self}: as in Calico's BIRD template, the node with
   * the higher address connects and the other waits ("Mesh is unidirectional, peer will connect to us").
   */
  public static PeerSpec mesh(Ipv4Address self, Ipv4Address peer, long asn) {
    return new PeerSpec("Mesh_" + underscored(peer), peer, BGP_PORT, asn, MESH, peer.compareTo(self) > 0, false, false, null);
  }

  /** A peer from a BGPPeer resource: another node ({@code real} false) or a router outside kubemu. */
  public static PeerSpec configured(String type, Ipv4Address self, Ipv4Address peer, int port, long asn, boolean rrClient,
      boolean real, Ipv4Address source) {
    String prefix = GLOBAL.equals(type) ? "Global_" : "Node_";
    String name = prefix + underscored(peer) + (port == BGP_PORT ? "" : "_port_" + port);
    boolean passive = !real && peer.compareTo(self) > 0;
    return new PeerSpec(name, peer, port, asn, type, passive, rrClient, real, source);
  }

  private static String underscored(Ipv4Address a) {
    return a.toString().replace('.', '_');
  }
}
