package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * sync.go: what a Deployment does when it is not rolling out: scaling (spec.replicas changed, or
 * paused), its status alone (being deleted), the paused/resumed condition, and the removal of old
 * ReplicaSets beyond revisionHistoryLimit.
 */
final class Sync {
  private Sync() {}

  /** spec.replicas (the API server defaults it to 1). */
  static int replicas(Deployment d) {
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  /** sync: scales the ReplicaSets to spec.replicas, cleans up when paused, and writes the status. */
  static void sync(Plan plan) {
    ReplicaSet newRS = NewReplicaSet.sync(plan, false);
    List<ReplicaSet> old = plan.others(newRS);
    Scale.scale(plan, newRS, old);
    if (Boolean.TRUE.equals(plan.d.getSpec().getPaused()) && !Rollback.requested(plan.d)) {
      cleanup(plan, old);
    }
    Progress.syncStatus(plan, Plan.all(plan.others(newRS), newRS), newRS);
  }

  /** syncStatusOnly: a Deployment being deleted only reports what its ReplicaSets have. */
  static void statusOnly(Plan plan) {
    ReplicaSet newRS = NewReplicaSet.sync(plan, false);
    Progress.syncStatus(plan, Plan.all(plan.others(newRS), newRS), newRS);
  }

  /**
   * isScalingEvent: an active ReplicaSet was last sized for another spec.replicas than the
   * Deployment's now (its desired-replicas annotation says which), so this is a scale, not a rollout.
   */
  static boolean isScalingEvent(Plan plan) {
    ReplicaSet newRS = NewReplicaSet.sync(plan, false);
    for (ReplicaSet rs : ReplicaSets.active(Plan.all(plan.others(newRS), newRS))) {
      OptionalInt desired = ReplicaSets.intAnnotation(rs, ReplicaSets.DESIRED_REPLICAS);
      if (desired.isPresent() && desired.getAsInt() != replicas(plan.d)) {
        return true;
      }
    }
    return false;
  }

  /** checkPausedConditions: Progressing turns Unknown with DeploymentPaused, or DeploymentResumed, unless it timed out. */
  static void checkPausedConditions(Plan plan) {
    Deployment d = plan.d;
    if (!Progress.hasDeadline(d)) {
      return;
    }
    DeploymentCondition c = Conditions.get(d.getStatus(), Conditions.PROGRESSING);
    if (c != null && Conditions.TIMED_OUT.equals(c.getReason())) {
      return;
    }
    boolean pausedShown = c != null && Conditions.PAUSED.equals(c.getReason());
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    if (paused && !pausedShown) {
      Conditions.set(d.getStatus(), Conditions.of(Conditions.PROGRESSING, "Unknown", Conditions.PAUSED, "Deployment is paused", plan.now));
    } else if (!paused && pausedShown) {
      Conditions.set(d.getStatus(), Conditions.of(Conditions.PROGRESSING, "Unknown", Conditions.RESUMED, "Deployment is resumed", plan.now));
    }
  }

  /**
   * cleanupDeployment: beyond revisionHistoryLimit, the oldest revisions go, but only those scaled
   * to zero, with no pods left and whose status has caught up with their spec.
   */
  static void cleanup(Plan plan, List<ReplicaSet> old) {
    Integer limit = plan.d.getSpec().getRevisionHistoryLimit();
    if (limit == null || limit == Integer.MAX_VALUE) {
      return;
    }
    List<ReplicaSet> cleanable = new ArrayList<>(old.stream().filter(rs -> rs.getMetadata().getDeletionTimestamp() == null).toList());
    int diff = cleanable.size() - limit;
    if (diff <= 0) {
      return;
    }
    cleanable.sort(ReplicaSets.BY_REVISION);
    for (ReplicaSet rs : cleanable.subList(0, diff)) {
      long generation = rs.getMetadata().getGeneration() == null ? 0 : rs.getMetadata().getGeneration();
      long observed = rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null ? 0 : rs.getStatus().getObservedGeneration();
      if (ReplicaSets.statusReplicas(rs) == 0 && ReplicaSets.replicas(rs) == 0 && generation <= observed) {
        plan.delete(rs);
      }
    }
  }
}
