package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spec} of an apps/v1 StatefulSet as {@code ValidateStatefulSetSpec} checks it on create.
 * podManagementPolicy (OrderedReady) and updateStrategy (RollingUpdate) are defaulted when absent. The pod
 * spec is checked with the Pod rules too, as for the other workloads.
 */
public final class StatefulSetValidator {
  private StatefulSetValidator() {}

  public static List<FieldError> validate(StatefulSet statefulSet) {
    StatefulSetSpec spec = statefulSet.getSpec() == null ? new StatefulSetSpec() : statefulSet.getSpec();
    FieldPath path = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    String policy = spec.getPodManagementPolicy();
    if (policy != null && !policy.isEmpty() && !policy.equals("OrderedReady") && !policy.equals("Parallel")) {
      errs.add(FieldError.invalid(path.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'"));
    }
    updateStrategy(spec.getUpdateStrategy(), path.child("updateStrategy"), errs);
    PodTemplates.nonNegative(spec.getReplicas(), path.child("replicas"), errs);
    PodTemplates.nonNegative(spec.getMinReadySeconds(), path.child("minReadySeconds"), errs);
    FieldPath template = path.child("template");
    if (PodTemplates.selector(spec.getSelector(), "statefulset", "", path.child("selector"), errs)) {
      if (!LabelSelectors.isEmpty(spec.getSelector())) {
        PodTemplates.selectorMatches(spec.getSelector(), spec.getTemplate(), template, errs);
      }
      PodTemplates.validate(spec.getTemplate(), template, errs);
    }
    PodTemplates.restartAlways(spec.getTemplate(), template, errs);
    PodTemplates.activeDeadlineForbidden(spec.getTemplate(), "StatefulSet", template, errs);
    return errs;
  }

  private static void updateStrategy(StatefulSetUpdateStrategy strategy, FieldPath path, List<FieldError> errs) {
    String type = strategy == null || strategy.getType() == null || strategy.getType().isEmpty()
        ? "RollingUpdate" : strategy.getType();
    RollingUpdateStatefulSetStrategy rolling = strategy == null ? null : strategy.getRollingUpdate();
    switch (type) {
      case "OnDelete" -> {
        if (rolling != null) {
          errs.add(FieldError.invalidRendered(path.child("rollingUpdate"), rollingStruct(rolling),
              "only allowed for updateStrategy 'RollingUpdate'"));
        }
      }
      case "RollingUpdate" -> {
        if (rolling != null) {
          rollingUpdate(rolling, path.child("rollingUpdate"), errs);
        }
      }
      default -> errs.add(FieldError.invalidRendered(path, "apps.StatefulSetUpdateStrategy{Type:" + FieldError.quote(type)
          + ", RollingUpdate:" + DeploymentValidator.pointer("apps.RollingUpdateStatefulSetStrategy", rolling) + "}",
          "must be 'RollingUpdate' or 'OnDelete'"));
    }
  }

  private static void rollingUpdate(RollingUpdateStatefulSetStrategy rolling, FieldPath path, List<FieldError> errs) {
    PodTemplates.nonNegative(rolling.getPartition(), path.child("partition"), errs);
    IntOrString unavailable = rolling.getMaxUnavailable();
    if (unavailable != null) {
      FieldPath at = path.child("maxUnavailable");
      IntOrPercent.positive(unavailable, at, errs);
      if (IntOrPercent.value(unavailable) == 0) {
        errs.add(FieldError.invalidRendered(at, GoValues.intOrString(unavailable), "cannot be 0"));
      }
      IntOrPercent.notMoreThan100Percent(unavailable, at, errs);
    }
  }

  private static String rollingStruct(RollingUpdateStatefulSetStrategy rolling) {
    int partition = rolling.getPartition() == null ? 0 : rolling.getPartition();
    return "apps.RollingUpdateStatefulSetStrategy{Partition:" + partition + ", MaxUnavailable:"
        + DeploymentValidator.pointer("intstr.IntOrString", rolling.getMaxUnavailable()) + "}";
  }
}
