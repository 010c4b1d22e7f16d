package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spec} of an apps/v1 DaemonSet as {@code ValidateDaemonSetSpec} checks it on create. A missing selector
 * is not "required" here as for the other workloads: it matches nothing, so the template labels never match.
 * The update strategy defaults to RollingUpdate with maxUnavailable 1 and maxSurge 0.
 */
public final class DaemonSetValidator {
  static final List<String> STRATEGY_TYPES = List.of("RollingUpdate", "OnDelete");

  private DaemonSetValidator() {}

  public static List<FieldError> validate(DaemonSet daemonSet) {
    DaemonSetSpec spec = daemonSet.getSpec() == null ? new DaemonSetSpec() : daemonSet.getSpec();
    FieldPath path = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    List<FieldError> selectorErrs = LabelSelectors.validate(spec.getSelector(), path.child("selector"));
    errs.addAll(selectorErrs);
    if (selectorErrs.isEmpty()) {
      PodTemplates.selectorMatches(spec.getSelector(), spec.getTemplate(), path.child("template"), errs);
    }
    if (LabelSelectors.isEmpty(spec.getSelector())) {
      errs.add(FieldError.invalidRendered(path.child("selector"), GoValues.labelSelector(spec.getSelector()),
          "empty selector is invalid for daemonset"));
    }
    PodTemplates.validate(spec.getTemplate(), path.child("template"), errs);
    PodTemplates.restartAlways(spec.getTemplate(), path.child("template"), errs);
    PodTemplates.activeDeadlineForbidden(spec.getTemplate(), "DaemonSet", path.child("template"), errs);
    PodTemplates.nonNegative(spec.getMinReadySeconds(), path.child("minReadySeconds"), errs);
    updateStrategy(spec.getUpdateStrategy(), path.child("updateStrategy"), errs);
    PodTemplates.nonNegative(spec.getRevisionHistoryLimit(), path.child("revisionHistoryLimit"), errs);
    return errs;
  }

  private static void updateStrategy(DaemonSetUpdateStrategy strategy, FieldPath path, List<FieldError> errs) {
    String type = strategy == null || strategy.getType() == null || strategy.getType().isEmpty()
        ? "RollingUpdate" : strategy.getType();
    RollingUpdateDaemonSet rolling = strategy == null ? null : strategy.getRollingUpdate();
    switch (type) {
      case "OnDelete" -> { }
      case "RollingUpdate" -> rollingUpdate(rolling, path.child("rollingUpdate"), errs);
      default -> errs.add(FieldError.notSupportedRendered(path, "apps.DaemonSetUpdateStrategy{Type:" + FieldError.quote(type)
          + ", RollingUpdate:" + DeploymentValidator.pointer("apps.RollingUpdateDaemonSet", rolling) + "}", STRATEGY_TYPES));
    }
  }

  private static void rollingUpdate(RollingUpdateDaemonSet rolling, FieldPath path, List<FieldError> errs) {
    IntOrString unavailable = IntOrPercent.orDefault(rolling == null ? null : rolling.getMaxUnavailable(), 1);
    IntOrString surge = IntOrPercent.orDefault(rolling == null ? null : rolling.getMaxSurge(), 0);
    IntOrPercent.positive(unavailable, path.child("maxUnavailable"), errs);
    IntOrPercent.positive(surge, path.child("maxSurge"), errs);
    IntOrPercent.notMoreThan100Percent(unavailable, path.child("maxUnavailable"), errs);
    IntOrPercent.notMoreThan100Percent(surge, path.child("maxSurge"), errs);
    boolean hasUnavailable = IntOrPercent.value(unavailable) != 0;
    boolean hasSurge = IntOrPercent.value(surge) != 0;
    if (hasUnavailable && hasSurge) {
      errs.add(FieldError.invalidRendered(path.child("maxSurge"), GoValues.intOrString(surge),
          "may not be set when maxUnavailable is non-zero"));
    } else if (!hasUnavailable && !hasSurge) {
      errs.add(FieldError.required(path.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
    }
  }
}
