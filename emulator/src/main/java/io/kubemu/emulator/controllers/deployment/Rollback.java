package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controlplane.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * rollback.go: the server-side rollback of the old API (spec.rollbackTo, kept on apps/v1 as the
 * annotation {@code deprecated.deployment.rollback.to}): the Deployment takes the template and
 * annotations of the ReplicaSet of that revision (0: the one before the latest), and the
 * annotation goes. kubectl rollout undo does the same from the client, with a patch.
 */
final class Rollback {
  private Rollback() {}

  static boolean requested(Deployment d) {
    return revision(d) >= 0;
  }

  /** The revision asked for; -1 when none, or not a number (ignored, as the real controller does). */
  private static long revision(Deployment d) {
    Map<String, String> a = d.getMetadata().getAnnotations();
    String v = a == null ? null : a.get(NewReplicaSet.ROLLBACK_TO);
    try {
      return v == null || v.isEmpty() ? -1 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static void rollback(Plan plan) {
    ReplicaSet newRS = NewReplicaSet.sync(plan, true);
    if (newRS == null) {
      return;
    }
    List<ReplicaSet> all = plan.replicaSets();
    long to = revision(plan.d);
    if (to == 0) {
      to = ReplicaSets.lastRevision(all);
    }
    for (ReplicaSet rs : all) {
      if (to != 0 && ReplicaSets.revision(rs) == to) {
        toTemplate(plan.d, rs);
        break;
      }
    }
    Map<String, String> a = new HashMap<>(plan.d.getMetadata().getAnnotations());
    a.remove(NewReplicaSet.ROLLBACK_TO);
    plan.d.getMetadata().setAnnotations(a);
    plan.updateDeployment();
  }

  /** SetFromReplicaSetTemplate and SetDeploymentAnnotationsTo, unless the template is that one already. */
  private static void toTemplate(Deployment d, ReplicaSet rs) {
    if (ReplicaSets.equalIgnoreHash(d.getSpec().getTemplate(), rs.getSpec().getTemplate())) {
      return;
    }
    PodTemplateSpec template = Json.MAPPER.convertValue(rs.getSpec().getTemplate(), PodTemplateSpec.class);
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
      labels.remove(ReplicaSets.HASH_LABEL);
      template.getMetadata().setLabels(labels);
    }
    d.getSpec().setTemplate(template);
    Map<String, String> annotations = new HashMap<>();
    for (Map.Entry<String, String> e : d.getMetadata().getAnnotations().entrySet()) {
      if (NewReplicaSet.NOT_COPIED.contains(e.getKey())) {
        annotations.put(e.getKey(), e.getValue());
      }
    }
    Map<String, String> fromRS = rs.getMetadata().getAnnotations() == null ? Map.of() : rs.getMetadata().getAnnotations();
    for (Map.Entry<String, String> e : fromRS.entrySet()) {
      if (!NewReplicaSet.NOT_COPIED.contains(e.getKey())) {
        annotations.put(e.getKey(), e.getValue());
      }
    }
    d.getMetadata().setAnnotations(annotations);
  }
}
