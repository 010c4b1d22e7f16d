package io.kubemu.nodes.gateway;

import io.kubemu.nodes.backend.Backend;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.net.TestNodes;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A node network of two segments, 172.18.0.0/17 and 172.18.128.0/17, set up as the node agents set
 * theirs up: each node has its segment's gateway (a {@link HostGateway} that routes to the other
 * nodes) and, once {@link #peered()}, eth0 neighbours for the nodes of its own segment only and the
 * backend's part for every peer. Frames queue between hops as actor messages do; what a gateway
 * sends beyond the nodes is kept in {@link #uplinked}.
 */
public final class SegmentedUnderlay {
  public static final Ipv4Cidr SEGMENT_0 = Ipv4Cidr.parse("172.18.0.0/17");
  public static final Ipv4Cidr SEGMENT_1 = Ipv4Cidr.parse("172.18.128.0/17");
  public static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");

  public final QueuedTraffic traffic = new QueuedTraffic(CLUSTER);
  /** Frames the gateways sent up their uplinks, for addresses no node has. */
  public final List<byte[]> uplinked = new ArrayList<>();
  private final Map<Ipv4Address, NodeDataplane> nodes = new LinkedHashMap<>();
  private final Map<Ipv4Address, HostGateway> gateways = new LinkedHashMap<>();

  /** Adds node {@code name} at {@code ip}, on the segment holding it, with pod CIDR {@code podCidr}. */
  public NodeDataplane node(String name, String ip, String podCidr, Function<Ipv4Address, Backend> backend) {
    Ipv4Address nodeIp = Ipv4Address.parse(ip);
    Ipv4Cidr segment = SEGMENT_0.contains(nodeIp) ? SEGMENT_0 : SEGMENT_1;
    NodeDataplane dp = new NodeDataplane(name, nodeIp, segment, Ipv4Cidr.parse(podCidr), backend.apply(nodeIp),
        traffic.output((to, frame) -> fromNode(nodeIp, to, frame)));
    HostGateway.Uplink uplink = frame -> uplinked.add(frame);
    gateways.put(nodeIp, new HostGateway(dp, segment.address(1), new FakeTcpTimers(System::nanoTime), uplink, new Router()));
    nodes.put(nodeIp, dp);
    return dp;
  }

  public HostGateway gateway(NodeDataplane node) {
    return gateways.get(node.eth0().address());
  }

  /** Every node learns every other's lease, as onPeersChanged programs it. */
  public SegmentedUnderlay peered() {
    for (NodeDataplane dp : nodes.values()) {
      for (NodeDataplane other : nodes.values()) {
        if (other == dp) {
          continue;
        }
        if (dp.eth0().subnet().contains(other.eth0().address())) {
          dp.neighbors("eth0").addPermanent(other.eth0().address(), other.eth0().mac());
        }
        dp.backend().peerUp(TestNodes.lease(other), dp);
      }
    }
    return this;
  }

  /** A node's frame goes to its own gateway, or to another node of its segment. */
  private void fromNode(Ipv4Address from, Ipv4Address to, byte[] frame) {
    HostGateway gateway = gateways.get(from);
    if (to.equals(gateway.address())) {
      gateway.receive(frame);
    } else {
      nodes.get(to).fromUnderlay(frame);
    }
  }

  /** The nodes as every gateway knows them. */
  private final class Router implements HostGateway.Nodes {
    @Override
    public MacAddress mac(Ipv4Address node) {
      NodeDataplane dp = nodes.get(node);
      return dp == null ? null : dp.eth0().mac();
    }

    @Override
    public void deliver(Ipv4Address node, byte[] frame) {
      traffic.later(() -> nodes.get(node).fromUnderlay(frame));
    }
  }
}
