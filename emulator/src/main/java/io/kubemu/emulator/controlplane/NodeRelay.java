package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.emulator.controlplane.StoreProtocol.Capture;
import io.kubemu.emulator.controlplane.StoreProtocol.Exec;
import io.kubemu.emulator.controlplane.StoreProtocol.GetNodeAgents;
import io.kubemu.emulator.controlplane.StoreProtocol.NodeAgents;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.pod.ExecResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the API server forwards to a node's kubelet (exec, capture) and the node agents' addresses,
 * found from the pods and the node registry; a request for something not running is answered here
 * with the error kubectl prints.
 */
final class NodeRelay {
  private final ObjectStore store;
  private final NodeRegistry nodes;

  NodeRelay(ObjectStore store, NodeRegistry nodes) {
    this.store = store;
    this.nodes = nodes;
  }

  void exec(Exec m) {
    Pod pod = store.get(Pod.class, "Pod", m.namespace(), m.pod()).orElse(null);
    if (pod == null) {
      m.replyTo().tell(new ExecResult("", "Error from server (NotFound): pods \"" + m.pod() + "\" not found\n", 1));
    } else if (pod.getSpec().getNodeName() == null || nodes.agent(pod.getSpec().getNodeName()) == null) {
      m.replyTo().tell(new ExecResult("", "error: pod " + m.pod() + " is not running on any node\n", 1));
    } else {
      nodes.agent(pod.getSpec().getNodeName()).tell(new NodeAgent.ExecInPod(m.namespace(), m.pod(), m.container(),
          m.argv(), m.stdin(), m.timeoutMillis(), m.output(), m.replyTo()));
    }
  }

  void capture(Capture m) {
    String node = m.node();
    if (m.pod() != null) {
      Pod pod = store.get(Pod.class, "Pod", m.namespace(), m.pod()).orElse(null);
      node = pod == null ? null : pod.getSpec().getNodeName();
      if (node == null) {
        m.replyTo().tell(new NodeAgent.CaptureResult(new byte[0], 0, "pod " + m.namespace() + "/" + m.pod() + " not found or not scheduled"));
        return;
      }
    }
    ActorRef<NodeAgent.Command> agent = node == null ? null : nodes.agent(node);
    if (agent == null) {
      m.replyTo().tell(new NodeAgent.CaptureResult(new byte[0], 0, "node " + node + " not found (nodes: "
          + String.join(", ", nodes.all().keySet()) + ")"));
    } else {
      agent.tell(new NodeAgent.Capture(m.pod() == null ? null : m.namespace() + "/" + m.pod(), m.iface(), m.millis(), m.replyTo()));
    }
  }

  void agents(GetNodeAgents m) {
    List<String> names = new ArrayList<>(nodes.all().keySet());
    m.replyTo().tell(new NodeAgents(names, List.copyOf(names.stream().map(nodes::agent).toList())));
  }
}
