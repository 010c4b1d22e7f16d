package io.kubemu.nodes.agent;

import io.kubemu.nodes.gateway.GatewayPort;
import io.kubemu.nodes.gateway.HostGateway;
import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a node's frames go: into its pods, to its gateway, or to another node's agent; and where its
 * gateway, routing between segments, puts frames for nodes on other segments. It knows every node by
 * its address from the leases (this node's too). A cut link loses what this node sends the peer
 * either way, directly or through the router. The dataplane, the gateway and the pods are attached
 * as the node agent builds them, each before anything can send through it.
 */
final class NodeWire implements NodeDataplane.Output, HostGateway.Nodes {
  private final Ipv4Address self;
  private final ActorRef<NodeAgent.Command> agent;
  private final UnderlayLinks links;
  /** The agent's leases by node name, which the links are cut by. */
  private final Map<String, NodeLease> peers;
  private final Map<Ipv4Address, NodeLease> byAddress = new HashMap<>();
  private NodeDataplane dp;
  private GatewayPort gateway;
  private PodTable pods;

  NodeWire(Ipv4Address self, ActorRef<NodeAgent.Command> agent, UnderlayLinks links, Map<String, NodeLease> peers) {
    this.self = self;
    this.agent = agent;
    this.links = links;
    this.peers = peers;
  }

  void attach(NodeDataplane dp) {
    this.dp = dp;
  }

  void attach(GatewayPort gateway) {
    this.gateway = gateway;
  }

  void attach(PodTable pods) {
    this.pods = pods;
  }

  /** A node's lease arrived: frames for its address go to its agent. */
  void add(NodeLease lease) {
    byAddress.put(lease.nodeIp(), lease);
  }

  void remove(Ipv4Address node) {
    byAddress.remove(node);
  }

  @Override
  public void toPod(String veth, byte[] frame) {
    pods.deliver(veth, frame);
  }

  @Override
  public void toNode(Ipv4Address nodeIp, byte[] frame) {
    if (nodeIp.equals(gateway.address())) {
      gateway.receive(frame);
    } else {
      deliver(nodeIp, frame);
    }
  }

  @Override
  public MacAddress mac(Ipv4Address node) {
    NodeLease lease = byAddress.get(node);
    return lease == null ? null : lease.nodeMac();
  }

  @Override
  public void deliver(Ipv4Address nodeIp, byte[] frame) {
    NodeLease peer = byAddress.get(nodeIp);
    if (links.isCut(nodeIp, peers)) {
      dp.eth0().dropped(DropReason.LINK_DOWN);
    } else if (peer == null) {
      dp.eth0().dropped(DropReason.UNREACHABLE_NODE);
    } else if (nodeIp.equals(self)) {
      agent.tell(new NodeAgent.UnderlayFrame(frame));
    } else {
      peer.agent().tell(new NodeAgent.UnderlayFrame(frame));
    }
  }
}
