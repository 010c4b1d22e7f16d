package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.util.ArrayList;
import java.util.List;

/** {@code spec} of an apps/v1 ReplicaSet as {@code ValidateReplicaSetSpec} checks it on create. */
public final class ReplicaSetValidator {
  private ReplicaSetValidator() {}

  public static List<FieldError> validate(ReplicaSet replicaSet) {
    ReplicaSetSpec spec = replicaSet.getSpec() == null ? new ReplicaSetSpec() : replicaSet.getSpec();
    FieldPath path = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    PodTemplates.nonNegative(spec.getReplicas(), path.child("replicas"), errs);
    PodTemplates.nonNegative(spec.getMinReadySeconds(), path.child("minReadySeconds"), errs);
    // "deployment" is the API server's own wording for ReplicaSets too.
    if (PodTemplates.selector(spec.getSelector(), "deployment", "invalid label selector", path.child("selector"), errs)) {
      PodTemplates.forReplicas(spec.getSelector(), spec.getTemplate(), "ReplicaSet", path.child("template"), errs);
    }
    return errs;
  }
}
