package io.kubemu.emulator.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubemu.emulator.controllers.Selectors;
import java.util.List;
import java.util.Map;

/** The scheduler's filter plugins: each answers why a node cannot take the pod, in the scheduler's words, or null. */
final class Filters {
  private Filters() {}

  static String reject(Pod pod, Node node, List<Pod> onNode, List<Node> nodes, Map<String, List<Pod>> byNode) {
    var spec = pod.getSpec();
    if (Boolean.TRUE.equals(node.getSpec().getUnschedulable()) && !NodeMatch.tolerates(spec.getTolerations(),
        new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null))) {
      return "node(s) were unschedulable";
    }
    if (spec.getNodeName() != null && !spec.getNodeName().isEmpty() && !spec.getNodeName().equals(node.getMetadata().getName())) {
      return "node(s) didn't match the requested node name";
    }
    if (!NodeMatch.matchesNodeSelector(spec, node)) {
      return "node(s) didn't match Pod's node affinity/selector";
    }
    if (node.getSpec().getTaints() != null) {
      for (Taint t : node.getSpec().getTaints()) {
        if (!t.getEffect().equals("PreferNoSchedule") && !NodeMatch.tolerates(spec.getTolerations(), t)) {
          return "node(s) had untolerated taint {" + t.getKey() + ": " + (t.getValue() == null ? "" : t.getValue()) + "}";
        }
      }
    }
    String fit = resources(pod, node, onNode);
    if (fit != null) {
      return fit;
    }
    return PodAffinities.reject(pod, node, nodes, byNode);
  }

  private static String resources(Pod pod, Node node, List<Pod> onNode) {
    Map<String, Quantity> alloc = node.getStatus() == null ? null : node.getStatus().getAllocatable();
    if (alloc == null) {
      return null;
    }
    if (alloc.containsKey("pods") && onNode.size() + 1 > Quantities.amount(alloc.get("pods"), "pods")) {
      return "Too many pods";
    }
    for (String r : List.of("cpu", "memory")) {
      long want = Quantities.request(pod, r);
      if (want > 0 && alloc.containsKey(r)) {
        long used = onNode.stream().mapToLong(p -> Quantities.request(p, r)).sum();
        if (used + want > Quantities.amount(alloc.get(r), r)) {
          return "Insufficient " + r;
        }
      }
    }
    return null;
  }

  static boolean termMatches(PodAffinityTerm term, Pod owner, Pod other) {
    List<String> namespaces = term.getNamespaces() == null || term.getNamespaces().isEmpty()
        ? List.of(owner.getMetadata().getNamespace()) : term.getNamespaces();
    return namespaces.contains(other.getMetadata().getNamespace())
        && Selectors.matches(term.getLabelSelector(), other.getMetadata().getLabels());
  }
}
