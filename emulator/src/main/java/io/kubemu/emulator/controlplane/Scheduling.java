package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.scheduler.Scheduler;
import io.kubemu.nodes.agent.NodeAgent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One round of binding pods (the scheduler's bind step and its Events): the nodes and bound pods
 * are read once, each pod is placed by {@link Scheduler}, and the store gets the binding with a
 * "Scheduled" Event, or a PodScheduled=False condition with a "FailedScheduling" Event saying why.
 */
final class Scheduling {
  private final ObjectStore store;
  private final List<Node> nodes;
  private final Map<String, List<Pod>> placed;

  Scheduling(ObjectStore store, NodeRegistry registry) {
    this.store = store;
    this.nodes = registry.all().keySet().stream().map(registry::toNode).toList();
    this.placed = Scheduler.byNode(store.list(Pod.class, "Pod"));
  }

  /**
   * One round over {@code pods} (still stored, as they are): each unbound one is bound, and each
   * bound one is started on its node's agent.
   */
  static void startAll(ObjectStore store, NodeRegistry nodes, List<Pod> pods) {
    if (pods.isEmpty()) {
      return;
    }
    Scheduling round = new Scheduling(store, nodes);
    for (Pod p : pods) {
      if (store.get(Pod.class, "Pod", p.getMetadata().getNamespace(), p.getMetadata().getName()).orElse(null) != p) {
        continue;
      }
      String node = p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty() ? round.bind(p) : p.getSpec().getNodeName();
      ActorRef<NodeAgent.Command> agent = node == null ? null : nodes.agent(node);
      if (agent != null) {
        agent.tell(new NodeAgent.RunPod(Json.write(p)));
      }
    }
  }

  /** Binds {@code pod} and returns its node, or null when it stays Pending. */
  String bind(Pod pod) {
    Scheduler.Decision d = Scheduler.schedule(pod, nodes, placed);
    if (d.node().isEmpty()) {
      if (!PodStatuses.isPending(pod, d.message())) {
        PodStatuses.pending(pod, "Unschedulable", d.message());
        store.update(pod);
        event(pod, "Warning", "FailedScheduling", d.message());
      }
      return null;
    }
    String node = d.node().get();
    pod.getSpec().setNodeName(node);
    store.update(pod);
    placed.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
    event(pod, "Normal", "Scheduled", "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
        + pod.getMetadata().getName() + " to " + node);
    return node;
  }

  /** The scheduler's Event about {@code pod}, as the controllers build theirs; its action is Binding. */
  private void event(Pod pod, String type, String reason, String message) {
    io.fabric8.kubernetes.api.model.Event e = Events.of("default-scheduler", pod, type, reason, message, java.time.Instant.now());
    e.setAction("Binding");
    store.put(e);
  }
}
