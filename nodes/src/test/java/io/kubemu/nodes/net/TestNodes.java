package io.kubemu.nodes.net;

import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.backend.FlannelVxlan;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;

/** Node dataplanes set up as the node agent sets them up, for tests that drive them with frames. */
public final class TestNodes {
  public static final Ipv4Cidr UNDERLAY = Ipv4Cidr.parse("172.18.0.0/16");

  private TestNodes() {}

  /** Node {@code name} with the Flannel VXLAN backend and two pod ports, veth-{name}-a and veth-{name}-b. */
  public static NodeDataplane flannelNode(String name, Ipv4Address nodeIp, String podCidr, FakeOutput out) {
    NodeDataplane dp = new NodeDataplane(name, nodeIp, UNDERLAY, Ipv4Cidr.parse(podCidr), new FlannelVxlan(nodeIp), out);
    dp.addVeth("veth-" + name + "-a");
    dp.addVeth("veth-" + name + "-b");
    return dp;
  }

  public static NodeLease lease(NodeDataplane dp) {
    return new NodeLease(dp.node(), "h1", dp.eth0().address(), dp.eth0().mac(), dp.cni0().subnet(), dp.backend().name(),
        dp.backend().vtepMac(), null);
  }

  /** What the node agent does with another node's lease: the underlay neighbour, then the backend's part. */
  public static void peer(NodeDataplane dp, NodeDataplane other) {
    dp.neighbors("eth0").addPermanent(other.eth0().address(), other.eth0().mac());
    dp.backend().peerUp(lease(other), dp);
  }

  /** The pod on {@code veth} resolves its gateway, so the bridge and cni0 both learn it; nothing stays recorded. */
  public static void attach(NodeDataplane dp, FakeOutput out, String veth, MacAddress mac, Ipv4Address ip) {
    dp.fromPod(veth, Frames.arpRequest(mac, ip, dp.cni0().address()));
    out.clear();
  }
}
