package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** maxSurge and maxUnavailable: a non-negative integer or a percentage, as pkg/apis/apps/validation checks them. */
final class IntOrPercent {
  private IntOrPercent() {}

  static IntOrString orDefault(IntOrString value, Object fallback) {
    return value == null ? new IntOrString(fallback) : value;
  }

  static void positive(IntOrString v, FieldPath path, List<FieldError> errs) {
    if (v.getStrVal() != null) {
      Formats.percent(v.getStrVal()).forEach(m -> errs.add(FieldError.invalidRendered(path, GoValues.intOrString(v), m)));
    } else {
      PodTemplates.nonNegative(v.getIntVal(), path, errs);
    }
  }

  static void notMoreThan100Percent(IntOrString v, FieldPath path, List<FieldError> errs) {
    if (v.getStrVal() != null && Formats.percent(v.getStrVal()).isEmpty() && value(v) > 100) {
      errs.add(FieldError.invalidRendered(path, GoValues.intOrString(v), "must not be greater than 100%"));
    }
  }

  /** The number in {@code 25%} or {@code 3}; 0 for anything unparsable, as Go's getIntOrPercentValue. */
  static long value(IntOrString v) {
    String s = v.getStrVal();
    if (s == null) {
      return v.getIntVal() == null ? 0 : v.getIntVal();
    }
    String digits = Formats.percent(s).isEmpty() ? s.substring(0, s.length() - 1) : s;
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
