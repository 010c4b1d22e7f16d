package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Values rendered as the API server renders structured bad values: Go's {@code %#v} of the internal type,
 * which is what {@code field.Invalid} prints for maps, slices and structs. An empty map or list renders as
 * Go's nil, since a manifest that leaves a field empty decodes to nil there.
 */
final class GoValues {
  private GoValues() {}

  /** {@code map[string]string{"app":"web", "tier":"db"}}: keys sorted, as Go's fmt sorts them. */
  static String stringMap(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return "map[string]string(nil)";
    }
    return new TreeMap<>(map).entrySet().stream()
        .map(e -> FieldError.quote(e.getKey()) + ":" + FieldError.quote(orEmpty(e.getValue())))
        .collect(Collectors.joining(", ", "map[string]string{", "}"));
  }

  /** {@code []string{"a", "b"}}. */
  static String stringSlice(List<String> list) {
    if (list == null || list.isEmpty()) {
      return "[]string(nil)";
    }
    return list.stream().map(s -> FieldError.quote(orEmpty(s))).collect(Collectors.joining(", ", "[]string{", "}"));
  }

  /** {@code intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}}; Type 0 is an int, 1 a string. */
  static String intOrString(IntOrString v) {
    if (v != null && v.getStrVal() != null) {
      return "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + FieldError.quote(v.getStrVal()) + "}";
    }
    int i = v == null || v.getIntVal() == null ? 0 : v.getIntVal();
    return "intstr.IntOrString{Type:0, IntVal:" + i + ", StrVal:\"\"}";
  }

  /** {@code v1.LabelSelector{MatchLabels:map[string]string{...}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}. */
  static String labelSelector(LabelSelector s) {
    List<LabelSelectorRequirement> exprs = s.getMatchExpressions();
    String rendered = exprs == null || exprs.isEmpty() ? "[]v1.LabelSelectorRequirement(nil)" : exprs.stream()
        .map(r -> "v1.LabelSelectorRequirement{Key:" + FieldError.quote(orEmpty(r.getKey())) + ", Operator:"
            + FieldError.quote(orEmpty(r.getOperator())) + ", Values:" + stringSlice(r.getValues()) + "}")
        .collect(Collectors.joining(", ", "[]v1.LabelSelectorRequirement{", "}"));
    return "v1.LabelSelector{MatchLabels:" + stringMap(s.getMatchLabels()) + ", MatchExpressions:" + rendered + "}";
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
