package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.ObjectMetaValidator.orEmpty;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Label selectors as {@code ValidateLabelSelector} checks them, and as {@code LabelSelectorAsSelector} matches
 * them: a missing selector matches nothing, an empty one everything.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  public static List<FieldError> validate(LabelSelector selector, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (selector == null) {
      return errs;
    }
    errs.addAll(ObjectMetaValidator.labels(selector.getMatchLabels(), path.child("matchLabels")));
    List<LabelSelectorRequirement> exprs = orEmptyList(selector.getMatchExpressions());
    for (int i = 0; i < exprs.size(); i++) {
      requirement(exprs.get(i), path.child("matchExpressions").index(i), errs);
    }
    return errs;
  }

  private static void requirement(LabelSelectorRequirement r, FieldPath at, List<FieldError> errs) {
    List<String> values = orEmptyList(r.getValues());
    String op = orEmpty(r.getOperator());
    switch (op) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          errs.add(FieldError.required(at.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          errs.add(FieldError.forbidden(at.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      default -> errs.add(FieldError.invalid(at.child("operator"), op, "not a valid selector operator"));
    }
    String key = orEmpty(r.getKey());
    Formats.qualifiedName(key).forEach(m -> errs.add(FieldError.invalid(at.child("key"), key, m)));
    for (int i = 0; i < values.size(); i++) {
      String v = orEmpty(values.get(i));
      FieldPath vp = at.child("values").index(i);
      Formats.labelValue(v).forEach(m -> errs.add(FieldError.invalid(vp, v, m)));
    }
  }

  /** Neither matchLabels nor matchExpressions: the selector the workload kinds refuse as "empty". */
  public static boolean isEmpty(LabelSelector selector) {
    return selector != null && orEmptyMap(selector.getMatchLabels()).isEmpty()
        && orEmptyList(selector.getMatchExpressions()).isEmpty();
  }

  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> have = orEmptyMap(labels);
    for (Map.Entry<String, String> e : orEmptyMap(selector.getMatchLabels()).entrySet()) {
      if (!orEmpty(e.getValue()).equals(have.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : orEmptyList(selector.getMatchExpressions())) {
      String value = have.get(orEmpty(r.getKey()));
      boolean in = value != null && orEmptyList(r.getValues()).contains(value);
      boolean ok = switch (orEmpty(r.getOperator())) {
        case "In" -> in;
        case "NotIn" -> !in;
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static <T> List<T> orEmptyList(List<T> list) {
    return list == null ? List.of() : list;
  }

  static <K, V> Map<K, V> orEmptyMap(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
