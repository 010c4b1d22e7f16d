package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubemu.protocols.api.validation.FieldError;
import io.kubemu.protocols.api.validation.FieldPath;
import io.kubemu.protocols.api.validation.ServiceValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) on a single-stack IPv4 cluster:
 * ipFamilyPolicy defaults to the one before, to RequireDualStack for a headless Service without a
 * selector, else to SingleStack; ipFamilies to [IPv4] (a headless selectorless Service that is not
 * SingleStack gets [IPv4, IPv6], as on any cluster); asking for IPv6 or for dual-stack is refused with
 * the API server's errors.
 */
final class IpFamilies {
  private static final FieldPath SPEC = FieldPath.of("spec");

  private IpFamilies() {}

  static List<FieldError> init(ServiceSpec spec, ServiceSpec old) {
    List<String> ips = spec.getClusterIPs();
    boolean headless = !ips.isEmpty() && "None".equals(ips.get(0));
    boolean selectorless = spec.getSelector() == null || spec.getSelector().isEmpty();
    if (spec.getIpFamilyPolicy() == null) {
      spec.setIpFamilyPolicy(old != null && old.getIpFamilyPolicy() != null ? old.getIpFamilyPolicy()
          : headless && selectorless ? "RequireDualStack" : "SingleStack");
    }
    String policy = spec.getIpFamilyPolicy();
    List<String> families = new ArrayList<>(spec.getIpFamilies());
    List<FieldError> errors = new ArrayList<>();
    if (policy.equals("SingleStack") && ips.size() == 2) {
      errors.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), policy,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if (policy.equals("SingleStack") && families.size() == 2) {
      errors.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), policy,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
    for (int i = 0; i < ips.size() && !ips.get(i).equals("None"); i++) {
      String family = ips.get(i).contains(":") ? "IPv6" : "IPv4";
      if (i < families.size()) {
        continue;
      }
      if (family.equals("IPv4")) {
        families.add(family);
      } else {
        errors.add(ServiceValidator.clusterIPsInvalid(SPEC.child("clusterIPs").index(i), ips, family + " is not configured on this cluster"));
      }
    }
    if (!errors.isEmpty()) {
      return errors;
    }
    if (headless && selectorless) {
      if (families.isEmpty()) {
        families.add("IPv4");
      }
      if (families.size() < 2 && !policy.equals("SingleStack")) {
        families.add(families.get(0).equals("IPv4") ? "IPv6" : "IPv4");
      }
      spec.setIpFamilies(families);
      return errors;
    }
    if (policy.equals("RequireDualStack")) {
      errors.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), policy, "this cluster is not configured for dual-stack services"));
    }
    for (int i = 0; i < families.size(); i++) {
      if (!families.get(i).equals("IPv4")) {
        errors.add(FieldError.invalid(SPEC.child("ipFamilies").index(i), families.get(i), "not configured on this cluster"));
      }
    }
    if (families.isEmpty()) {
      families.add("IPv4");
    }
    spec.setIpFamilies(families);
    return errors;
  }
}
