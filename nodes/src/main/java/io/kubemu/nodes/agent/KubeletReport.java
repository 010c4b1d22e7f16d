package io.kubemu.nodes.agent;

import io.kubemu.nodes.pod.ContainerState;
import io.kubemu.protocols.ClusterMessage;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** What a node agent tells the API server: it registered, it is alive, a pod's status changed. */
public sealed interface KubeletReport extends ClusterMessage {
  record NodeRegistered(NodeLease lease, ActorRef<NodeAgent.Command> agent) implements KubeletReport {}

  /** The Lease renewal: the node is alive at this time. It carries the lease so that an API server that restarted learns the node again. */
  record NodeHeartbeat(NodeLease lease, long epochMillis) implements KubeletReport {}

  record PodStatusReport(String namespace, String name, String uid, String node, String phase, String podIp,
      String reason, String message, List<ContainerState> containers) implements KubeletReport {}

  /**
   * calico-ipam: the node's blocks are full; it asks for a block of the IP pools with affinity for it
   * (one it had before and does not hold, else a free one). The answer is {@link NodeAgent.BlockClaimed}.
   */
  record ClaimBlock(String node, List<Ipv4Cidr> held, ActorRef<NodeAgent.Command> replyTo) implements KubeletReport {}

  /** The pod is gone from the node: its containers stopped and its IP was released. */
  record PodTerminated(String namespace, String name, String uid, String node) implements KubeletReport {}
}
