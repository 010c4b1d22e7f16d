package io.kubemu.emulator.scheduler;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a pod may go to a node by the node's labels and taints, as Kubernetes decides it: the
 * nodeSelector and required node affinity (k8s.io/component-helpers nodeaffinity), and
 * Toleration.ToleratesTaint. The scheduler filters with it, the DaemonSet controller decides its
 * nodes with it, and taint-based eviction checks NoExecute tolerations with it.
 */
public final class NodeMatch {
  private NodeMatch() {}

  /** Every nodeSelector label, and any term of the required node affinity (when there is one), match the node. */
  public static boolean matchesNodeSelector(PodSpec spec, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Map<String, String> selector = spec.getNodeSelector();
    if (selector != null && !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    Affinity a = spec.getAffinity();
    if (a == null || a.getNodeAffinity() == null || a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return true;
    }
    List<NodeSelectorTerm> terms = a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    return terms == null || terms.stream().anyMatch(t -> matches(t, node));
  }

  /** A node selector term: all its label expressions and field expressions hold (an empty term matches nothing). */
  public static boolean matches(NodeSelectorTerm t, Node node) {
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

  /**
   * Toleration.ToleratesTaint, for any of {@code tolerations}: effect and key match when set;
   * Exists matches any value, Equal (the default) the same value.
   */
  public static boolean tolerates(List<Toleration> tolerations, Taint taint) {
    return tolerations != null && tolerations.stream().anyMatch(t -> tolerates(t, taint));
  }

  public static boolean tolerates(Toleration t, Taint taint) {
    if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (t.getKey() != null && !t.getKey().isEmpty() && !t.getKey().equals(taint.getKey())) {
      return false;
    }
    return switch (t.getOperator() == null ? "" : t.getOperator()) {
      case "", "Equal" -> Objects.equals(t.getValue() == null ? "" : t.getValue(), taint.getValue() == null ? "" : taint.getValue());
      case "Exists" -> true;
      default -> false;
    };
  }
}
