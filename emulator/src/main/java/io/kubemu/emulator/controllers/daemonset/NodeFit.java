package io.kubemu.emulator.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Whether a daemon pod belongs on a node (the DaemonSet controller's NodeShouldRunDaemonPod): the
 * template's nodeName, nodeSelector and required node affinity must match the node, and every
 * NoSchedule or NoExecute taint must be tolerated for a pod to be placed there. A pod already
 * there may stay as long as it tolerates the NoExecute taints.
 */
final class NodeFit {
  /** {@code shouldRun}: a pod should be there; {@code shouldContinueRunning}: a pod there may stay. */
  record Verdict(boolean shouldRun, boolean shouldContinueRunning) {}

  private NodeFit() {}

  /** {@code spec}: the daemon pod's spec, with the tolerations the controller adds ({@link DaemonPods#withDaemonTolerations}). */
  static Verdict of(Node node, PodSpec spec) {
    String name = node.getMetadata().getName();
    if (spec.getNodeName() != null && !spec.getNodeName().isEmpty() && !spec.getNodeName().equals(name)) {
      return new Verdict(false, false);
    }
    if (!matchesNodeSelector(spec, node)) {
      return new Verdict(false, false);
    }
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    List<Toleration> tolerations = spec.getTolerations() == null ? List.of() : spec.getTolerations();
    boolean fits = taints.stream().filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
        .allMatch(t -> tolerated(t, tolerations));
    if (fits) {
      return new Verdict(true, true);
    }
    return new Verdict(false, taints.stream().filter(t -> "NoExecute".equals(t.getEffect())).allMatch(t -> tolerated(t, tolerations)));
  }

  /** The pod's nodeSelector (every label) and its required node affinity (any term) both match. */
  static boolean matchesNodeSelector(PodSpec spec, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    if (spec.getNodeSelector() != null && !labels.entrySet().containsAll(spec.getNodeSelector().entrySet())) {
      return false;
    }
    NodeSelector required = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null ? null
        : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    if (required == null || required.getNodeSelectorTerms() == null) {
      return true;
    }
    return required.getNodeSelectorTerms().stream().anyMatch(term -> termMatches(term, labels, node.getMetadata().getName()));
  }

  /** A term's requirements all hold; a term with none matches no node. */
  private static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels, String nodeName) {
    List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
    List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
    if (expressions.isEmpty() && fields.isEmpty()) {
      return false;
    }
    return expressions.stream().allMatch(r -> holds(r, labels))
        && fields.stream().allMatch(r -> "metadata.name".equals(r.getKey()) && holds(r, Map.of("metadata.name", nodeName)));
  }

  private static boolean holds(NodeSelectorRequirement r, Map<String, String> values) {
    String value = values.get(r.getKey());
    List<String> wanted = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && wanted.contains(value);
      case "NotIn" -> value == null || !wanted.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt", "Lt" -> value != null && wanted.size() == 1 && compares(value, wanted.get(0), r.getOperator().equals("Gt"));
      default -> false;
    };
  }

  private static boolean compares(String value, String bound, boolean greater) {
    try {
      long v = Long.parseLong(value);
      long b = Long.parseLong(bound);
      return greater ? v > b : v < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Toleration.ToleratesTaint: effect and key match when set; Exists matches any value, Equal (the default) the same value. */
  static boolean tolerated(Taint taint, List<Toleration> tolerations) {
    return tolerations.stream().anyMatch(t -> (t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect()))
        && (t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(taint.getKey()))
        && switch (t.getOperator() == null ? "" : t.getOperator()) {
          case "", "Equal" -> java.util.Objects.equals(blank(t.getValue()), blank(taint.getValue()));
          case "Exists" -> true;
          default -> false;
        });
  }

  private static String blank(String s) {
    return s == null ? "" : s;
  }
}
