package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code spec} of a networking.k8s.io/v1 IngressClass as {@code ValidateIngressClass} checks it. */
public final class IngressClassValidator {
  private static final int MAX_CONTROLLER = 250;
  private static final Pattern DOMAIN_PREFIXED_PATH = Pattern.compile(
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/\\S+");

  private IngressClassValidator() {}

  public static List<FieldError> validate(IngressClass c) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath at = FieldPath.of("spec").child("controller");
    String controller = c.getSpec() == null ? null : c.getSpec().getController();
    if (controller == null || controller.isEmpty()) {
      errs.add(FieldError.required(at, ""));
    } else if (controller.length() > MAX_CONTROLLER) {
      errs.add(FieldError.tooLong(at, MAX_CONTROLLER));
    } else if (!DOMAIN_PREFIXED_PATH.matcher(controller).matches()) {
      errs.add(FieldError.invalid(at, controller, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
    }
    return errs;
  }
}
