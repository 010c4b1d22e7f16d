package io.kubemu.nodes.proxy;

import io.kubemu.nodes.backend.FlannelVxlan;
import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.ConntrackConfig;
import io.kubemu.nodes.gateway.HostGateway;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.net.TestNodes;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;

/**
 * Two nodes, w1 (172.18.0.2, pods 10.244.0.0/24) and w2 (172.18.0.3, 10.244.1.0/24), with the
 * Flannel VXLAN backend and kube-proxy in one mode, peered as their agents peer them; pods on
 * either, and the host gateway at 172.18.0.1 on w1's underlay. Frames queue between hops as actor
 * messages do, and {@link #pump()} delivers them until the network is quiet.
 */
public final class TwoNodeCluster {
  public static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");

  private final QueuedTraffic traffic = new QueuedTraffic(CLUSTER);
  public final NodeDataplane w1;
  public final NodeDataplane w2;
  private HostGateway gateway;

  public TwoNodeCluster(String mode) {
    this(mode, FlannelVxlan.NAME);
  }

  /** With {@code backend} (flannel-vxlan, flannel-host-gw) carrying pod traffic between the nodes. */
  public TwoNodeCluster(String mode, String backend) {
    w1 = node("w1", "172.18.0.2", "10.244.0.0/24", mode, backend);
    w2 = node("w2", "172.18.0.3", "10.244.1.0/24", mode, backend);
  }

  /** The nodes learn each other's leases (underlay neighbours, VXLAN routes). */
  public TwoNodeCluster peered() {
    TestNodes.peer(w1, w2);
    TestNodes.peer(w2, w1);
    return this;
  }

  private NodeDataplane node(String name, String ip, String podCidr, String mode, String backend) {
    Ipv4Address nodeIp = Ipv4Address.parse(ip);
    NodeDataplane.Output out = traffic.output((to, frame) -> {
      if (gateway != null && to.equals(gateway.address())) {
        gateway.receive(frame);
      } else {
        (to.equals(w1.eth0().address()) ? w1 : w2).fromUnderlay(frame);
      }
    });
    NodeDataplane dp = new NodeDataplane(name, nodeIp, TestNodes.UNDERLAY, Ipv4Cidr.parse(podCidr), io.kubemu.nodes.backend.Backends.create(backend, nodeIp), out);
    Conntrack conntrack = new Conntrack(ConntrackConfig.KUBE_PROXY, System::nanoTime);
    dp.services(new ServiceNat(Proxiers.create(mode, new Proxiers.NodeSide(name, nodeIp, CLUSTER, conntrack, "rr")), conntrack));
    return dp;
  }

  /** A pod on {@code node} behind {@code veth}. */
  public PodStack pod(NodeDataplane node, String veth, String ip, long mac) {
    return traffic.pod(node, veth, ip, mac);
  }

  /** The host gateway on w1's underlay, where real clients' connections enter. */
  public HostGateway gateway() {
    if (gateway == null) {
      gateway = new HostGateway(w1, Ipv4Address.parse("172.18.0.1"), new FakeTcpTimers(System::nanoTime));
    }
    return gateway;
  }

  /** Both kube-proxies sync {@code state}. */
  public void sync(ProxyState state) {
    w1.services().sync(state);
    w2.services().sync(state);
  }

  /** Delivers queued frames until none are left. */
  public void pump() {
    traffic.pump();
  }
}
