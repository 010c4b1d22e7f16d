package io.kubemu.emulator.scheduler;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's scoring: preferences first (preferred node affinity and pod affinity weights,
 * minus untolerated PreferNoSchedule taints), then least allocated CPU and memory, then the
 * fewest pods, so that pods without requests spread evenly.
 */
final class Scores {
  private Scores() {}

  static long score(Pod pod, Node node, Map<String, List<Pod>> byNode, List<Node> nodes) {
    long preferences = nodeAffinity(pod, node) + podAffinity(pod, node, byNode, nodes) - 100L * preferNoSchedule(pod, node);
    List<Pod> here = byNode.getOrDefault(node.getMetadata().getName(), List.of());
    return preferences * 100_000 + leastAllocated(pod, node, here) * 1_000 - here.size();
  }

  private static long nodeAffinity(Pod pod, Node node) {
    Affinity a = pod.getSpec().getAffinity();
    if (a == null || a.getNodeAffinity() == null || a.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution() == null) {
      return 0;
    }
    long sum = 0;
    for (PreferredSchedulingTerm t : a.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) {
      if (NodeMatch.matches(t.getPreference(), node)) {
        sum += t.getWeight();
      }
    }
    return sum;
  }

  private static long podAffinity(Pod pod, Node node, Map<String, List<Pod>> byNode, List<Node> nodes) {
    Affinity a = pod.getSpec().getAffinity();
    long sum = 0;
    if (a != null && a.getPodAffinity() != null && a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution() != null) {
      for (WeightedPodAffinityTerm t : a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) {
        sum += PodAffinities.inDomain(t.getPodAffinityTerm(), pod, node, nodes, byNode) ? t.getWeight() : 0;
      }
    }
    if (a != null && a.getPodAntiAffinity() != null && a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution() != null) {
      for (WeightedPodAffinityTerm t : a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) {
        sum -= PodAffinities.inDomain(t.getPodAffinityTerm(), pod, node, nodes, byNode) ? t.getWeight() : 0;
      }
    }
    return sum;
  }

  private static long preferNoSchedule(Pod pod, Node node) {
    List<Taint> taints = node.getSpec().getTaints();
    return taints == null ? 0 : taints.stream()
        .filter(t -> t.getEffect().equals("PreferNoSchedule") && !NodeMatch.tolerates(pod.getSpec().getTolerations(), t)).count();
  }

  /** 0..100: the mean free share of CPU and memory after placing the pod. */
  private static long leastAllocated(Pod pod, Node node, List<Pod> here) {
    Map<String, Quantity> alloc = node.getStatus() == null ? null : node.getStatus().getAllocatable();
    if (alloc == null) {
      return 100;
    }
    long total = 0;
    for (String r : List.of("cpu", "memory")) {
      long capacity = Quantities.amount(alloc.get(r), r);
      long used = here.stream().mapToLong(p -> Quantities.request(p, r)).sum() + Quantities.request(pod, r);
      total += capacity <= 0 ? 0 : Math.max(0, (capacity - used) * 100 / capacity);
    }
    return total / 2;
  }
}
