package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Map;

/** metav1.LabelSelector matching: every matchLabels pair and every matchExpressions requirement must hold. */
public final class Selectors {
  private Selectors() {}

  /** Whether {@code labels} match {@code selector}; a null selector matches nothing, an empty one everything. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(have.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        if (!holds(r, have)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean holds(LabelSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.getKey());
    return switch (r.getOperator()) {
      case "In" -> value != null && r.getValues() != null && r.getValues().contains(value);
      case "NotIn" -> value == null || r.getValues() == null || !r.getValues().contains(value);
      case "Exists" -> labels.containsKey(r.getKey());
      case "DoesNotExist" -> !labels.containsKey(r.getKey());
      default -> false;
    };
  }
}
