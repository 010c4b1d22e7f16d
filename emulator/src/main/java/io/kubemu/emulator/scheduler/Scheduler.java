package io.kubemu.emulator.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * kube-scheduler's decision for one pod, as pure logic: the filter plugins (NodeUnschedulable,
 * NodeName, NodeAffinity with nodeSelector, TaintToleration, NodeResourcesFit with the pods
 * limit, InterPodAffinity for required pod affinity and anti-affinity), then scoring (least
 * allocated, preferred node affinity, preferred pod affinity and anti-affinity, PreferNoSchedule
 * taints). A pod that fits nowhere gets the scheduler's message: "0/3 nodes are available: ...".
 */
public final class Scheduler {
  /** The chosen node, or why none fits. */
  public record Decision(Optional<String> node, String message) {
    static Decision to(String node) {
      return new Decision(Optional.of(node), null);
    }
  }

  private Scheduler() {}

  /** Schedules {@code pod} onto one of {@code nodes}, given the pods already bound ({@code placed}). */
  public static Decision schedule(Pod pod, List<Node> nodes, List<Pod> placed) {
    return schedule(pod, nodes, byNode(placed));
  }

  /** The live bound pods by node name, as {@link #schedule(Pod, List, Map)} takes them. */
  public static Map<String, List<Pod>> byNode(List<Pod> placed) {
    Map<String, List<Pod>> byNode = new HashMap<>();
    placed.stream().filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null && isLive(p))
        .forEach(p -> byNode.computeIfAbsent(p.getSpec().getNodeName(), n -> new ArrayList<>()).add(p));
    return byNode;
  }

  /** Schedules {@code pod}, given the live bound pods by node ({@link #byNode}), which a round keeps up to date. */
  public static Decision schedule(Pod pod, List<Node> nodes, Map<String, List<Pod>> byNode) {
    Map<String, Integer> reasons = new TreeMap<>();
    List<Node> feasible = new ArrayList<>();
    for (Node n : nodes) {
      String why = Filters.reject(pod, n, byNode.getOrDefault(n.getMetadata().getName(), List.of()), nodes, byNode);
      if (why == null) {
        feasible.add(n);
      } else {
        reasons.merge(why, 1, Integer::sum);
      }
    }
    if (feasible.isEmpty()) {
      return new Decision(Optional.empty(), message(nodes.size(), reasons));
    }
    Comparator<Node> best = Comparator.<Node>comparingLong(n -> Scores.score(pod, n, byNode, nodes)).reversed()
        .thenComparing(n -> n.getMetadata().getName());
    return Decision.to(feasible.stream().min(best).orElseThrow().getMetadata().getName());
  }

  static boolean isLive(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  static String message(int total, Map<String, Integer> reasons) {
    StringBuilder b = new StringBuilder("0/" + total + " nodes are available");
    if (total == 0) {
      return b.append(": no nodes registered.").toString();
    }
    b.append(": ");
    List<String> parts = new ArrayList<>();
    reasons.forEach((why, count) -> parts.add(count + " " + why));
    b.append(String.join(", ", parts)).append(". preemption: 0/").append(total)
        .append(" nodes are available: ").append(total).append(" Preemption is not helpful for scheduling.");
    return b.toString();
  }

}
