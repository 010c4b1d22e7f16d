package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A metav1.LabelSelector written as the API server writes it (labels.Selector's String): requirements
 * sorted by key, {@code app=web,tier in (a,b),!legacy}. Scale's status.selector and the printed
 * Selector columns use it.
 */
public final class LabelSelectorText {
  private LabelSelectorText() {}

  /** The selector's text; "" for a missing or empty selector (which selects everything). */
  public static String format(JsonNode selector) {
    if (selector == null || !selector.isObject()) {
      return "";
    }
    Map<String, List<String>> byKey = new TreeMap<>();
    selector.path("matchLabels").fields().forEachRemaining(e ->
        byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getKey() + "=" + e.getValue().asText()));
    for (JsonNode r : selector.path("matchExpressions")) {
      String key = r.path("key").asText();
      TreeSet<String> values = new TreeSet<>();
      r.path("values").forEach(v -> values.add(v.asText()));
      String text = switch (r.path("operator").asText()) {
        case "In" -> key + " in (" + String.join(",", values) + ")";
        case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
        case "Exists" -> key;
        case "DoesNotExist" -> "!" + key;
        default -> key + " " + r.path("operator").asText() + " (" + String.join(",", values) + ")";
      };
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(text);
    }
    List<String> parts = new ArrayList<>();
    byKey.values().forEach(parts::addAll);
    return String.join(",", parts);
  }

  /** As kubectl prints a selector column (metav1.FormatLabelSelector): "<none>" when empty. */
  public static String formatOrNone(JsonNode selector) {
    String s = format(selector);
    return s.isEmpty() ? "<none>" : s;
  }
}
