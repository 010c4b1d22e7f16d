package io.kubemu.emulator.scheduler;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubemu.emulator.controllers.Selectors;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The scheduler's filter plugins: each answers why a node cannot take the pod, in the scheduler's words, or null. */
final class Filters {
  private Filters() {}

  static String reject(Pod pod, Node node, List<Pod> onNode, List<Node> nodes, Map<String, List<Pod>> byNode) {
    var spec = pod.getSpec();
    if (Boolean.TRUE.equals(node.getSpec().getUnschedulable()) && !tolerates(spec.getTolerations(),
        new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null))) {
      return "node(s) were unschedulable";
    }
    if (spec.getNodeName() != null && !spec.getNodeName().isEmpty() && !spec.getNodeName().equals(node.getMetadata().getName())) {
      return "node(s) didn't match the requested node name";
    }
    if (!matchesNodeSelector(pod, node)) {
      return "node(s) didn't match Pod's node affinity/selector";
    }
    if (node.getSpec().getTaints() != null) {
      for (Taint t : node.getSpec().getTaints()) {
        if (!t.getEffect().equals("PreferNoSchedule") && !tolerates(spec.getTolerations(), t)) {
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

  static boolean matchesNodeSelector(Pod pod, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null && !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    Affinity a = pod.getSpec().getAffinity();
    if (a == null || a.getNodeAffinity() == null || a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return true;
    }
    List<NodeSelectorTerm> terms = a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    return terms == null || terms.isEmpty() || terms.stream().anyMatch(t -> matches(t, node));
  }

  /** A node selector term: all its label expressions and field expressions hold (an empty term matches nothing). */
  static boolean matches(NodeSelectorTerm t, Node node) {
    List<NodeSelectorRequirement> exprs = t.getMatchExpressions() == null ? List.of() : t.getMatchExpressions();
    List<NodeSelectorRequirement> fields = t.getMatchFields() == null ? List.of() : t.getMatchFields();
    if (exprs.isEmpty() && fields.isEmpty()) {
      return false;
    }
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    return exprs.stream().allMatch(r -> holds(r, labels.get(r.getKey()), labels.containsKey(r.getKey())))
        && fields.stream().allMatch(r -> r.getKey().equals("metadata.name") && holds(r, node.getMetadata().getName(), true));
  }

  private static boolean holds(NodeSelectorRequirement r, String value, boolean present) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> present && values.size() == 1 && compare(value, values.get(0), r.getOperator());
      default -> false;
    };
  }

  private static boolean compare(String value, String bound, String op) {
    try {
      long v = Long.parseLong(value);
      long b = Long.parseLong(bound);
      return op.equals("Gt") ? v > b : v < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Toleration matching (k8s.io/api/core/v1 Toleration.ToleratesTaint). */
  static boolean tolerates(List<Toleration> tolerations, Taint taint) {
    if (tolerations == null) {
      return false;
    }
    for (Toleration t : tolerations) {
      boolean effect = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect());
      boolean key = t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(taint.getKey());
      boolean value = "Exists".equals(t.getOperator())
          || Objects.equals(t.getValue() == null ? "" : t.getValue(), taint.getValue() == null ? "" : taint.getValue());
      if (t.getKey() == null || t.getKey().isEmpty()) {
        value = "Exists".equals(t.getOperator());
      }
      if (effect && key && value) {
        return true;
      }
    }
    return false;
  }

  static boolean termMatches(PodAffinityTerm term, Pod owner, Pod other) {
    List<String> namespaces = term.getNamespaces() == null || term.getNamespaces().isEmpty()
        ? List.of(owner.getMetadata().getNamespace()) : term.getNamespaces();
    return namespaces.contains(other.getMetadata().getNamespace())
        && Selectors.matches(term.getLabelSelector(), other.getMetadata().getLabels());
  }
}
