package io.kubemu.protocols.api.validation;

import io.kubemu.protocols.api.calico.AsNumber;
import io.kubemu.protocols.api.calico.CalicoSelector;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of the field types Calico's resources share: selectors, AS numbers, enums, durations, CIDRs. */
final class CalicoFields {
  /** A Go duration as Calico's restart times take it: {@code 120s}, {@code 1m30s}, {@code 0}. */
  private static final Pattern DURATION = Pattern.compile("0|(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");

  private CalicoFields() {}

  static void selector(String value, FieldPath at, List<FieldError> errs) {
    if (value == null) {
      return;
    }
    try {
      CalicoSelector.parse(value);
    } catch (CalicoSelector.Invalid e) {
      errs.add(FieldError.invalid(at, value, "invalid selector: " + e.getMessage()));
    }
  }

  static void asNumber(AsNumber as, FieldPath at, List<FieldError> errs) {
    if (as != null && (as.value().isEmpty() || as.value().getAsLong() == 0)) {
      String digits = as.text().chars().allMatch(c -> c >= '0' && c <= '9') && !as.text().isEmpty() ? as.text()
          : FieldError.quote(as.text());
      errs.add(FieldError.invalidRendered(at, digits, "must be an AS number from 1 to " + AsNumber.MAX
          + ", or dotted with both halves 0..65535 (e.g. 64512 or \"1.10\")"));
    }
  }

  /** A value of an enumeration; null (left out) is fine. */
  static void oneOf(String value, List<String> supported, FieldPath at, List<FieldError> errs) {
    if (value != null && !supported.contains(value)) {
      errs.add(FieldError.notSupported(at, value, supported));
    }
  }

  static void duration(String value, FieldPath at, List<FieldError> errs) {
    if (value != null && !DURATION.matcher(value).matches()) {
      errs.add(FieldError.invalid(at, value, "must be a duration, e.g. 120s or 2m30s"));
    }
  }

  static void cidr(String value, FieldPath at, List<FieldError> errs) {
    if (value == null || value.isEmpty()) {
      errs.add(FieldError.required(at, ""));
    } else {
      Formats.cidr(value).forEach(m -> errs.add(FieldError.invalid(at, value, m)));
    }
  }

  static void port(Integer value, FieldPath at, List<FieldError> errs) {
    if (value != null) {
      Formats.portNumber(value).forEach(m -> errs.add(FieldError.invalid(at, value, m)));
    }
  }
}
