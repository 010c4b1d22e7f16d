package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spec} of an apps/v1 Deployment as {@code ValidateDeploymentSpec} checks it on create. Fields the API
 * server defaults first (strategy RollingUpdate with 25% and 25%, replicas 1) are accepted when absent.
 */
public final class DeploymentValidator {
  static final List<String> STRATEGY_TYPES = List.of("Recreate", "RollingUpdate");

  private DeploymentValidator() {}

  public static List<FieldError> validate(Deployment deployment) {
    DeploymentSpec spec = deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
    FieldPath path = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    PodTemplates.nonNegative(spec.getReplicas(), path.child("replicas"), errs);
    if (PodTemplates.selector(spec.getSelector(), "deployment", "invalid label selector", path.child("selector"), errs)) {
      PodTemplates.forReplicas(spec.getSelector(), spec.getTemplate(), "ReplicaSet", path.child("template"), errs);
    }
    strategy(spec.getStrategy(), path.child("strategy"), errs);
    int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
    PodTemplates.nonNegative(minReady, path.child("minReadySeconds"), errs);
    PodTemplates.nonNegative(spec.getRevisionHistoryLimit(), path.child("revisionHistoryLimit"), errs);
    Integer deadline = spec.getProgressDeadlineSeconds();
    if (deadline != null) {
      PodTemplates.nonNegative(deadline, path.child("progressDeadlineSeconds"), errs);
      if (deadline <= minReady) {
        errs.add(FieldError.invalid(path.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
      }
    }
    return errs;
  }

  private static void strategy(DeploymentStrategy strategy, FieldPath path, List<FieldError> errs) {
    String type = strategy == null || strategy.getType() == null || strategy.getType().isEmpty()
        ? "RollingUpdate" : strategy.getType();
    RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
    switch (type) {
      case "Recreate" -> {
        if (rolling != null) {
          errs.add(FieldError.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> rollingUpdate(rolling, path.child("rollingUpdate"), errs);
      default -> errs.add(FieldError.notSupportedRendered(path, "apps.DeploymentStrategy{Type:" + FieldError.quote(type)
          + ", RollingUpdate:" + pointer("apps.RollingUpdateDeployment", rolling) + "}", STRATEGY_TYPES));
    }
  }

  private static void rollingUpdate(RollingUpdateDeployment rolling, FieldPath path, List<FieldError> errs) {
    IntOrString unavailable = IntOrPercent.orDefault(rolling == null ? null : rolling.getMaxUnavailable(), "25%");
    IntOrString surge = IntOrPercent.orDefault(rolling == null ? null : rolling.getMaxSurge(), "25%");
    IntOrPercent.positive(unavailable, path.child("maxUnavailable"), errs);
    IntOrPercent.positive(surge, path.child("maxSurge"), errs);
    if (IntOrPercent.value(unavailable) == 0 && IntOrPercent.value(surge) == 0) {
      errs.add(FieldError.invalidRendered(path.child("maxUnavailable"), GoValues.intOrString(unavailable),
          "may not be 0 when `maxSurge` is 0"));
    }
    IntOrPercent.notMoreThan100Percent(unavailable, path.child("maxUnavailable"), errs);
  }

  /** A pointer field inside a struct the API server prints whole: nil, or an address kubemu cannot reproduce. */
  static String pointer(String type, Object value) {
    return "(*" + type + ")(" + (value == null ? "nil" : "0xc000000000") + ")";
  }
}
