package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * rolling.go: a RollingUpdate moves one way per sync: the new ReplicaSet up as far as maxSurge
 * allows, or else the old ones down as far as maxUnavailable allows, unhealthy replicas first;
 * once complete, old revisions beyond the history limit go.
 */
final class Rolling {
  private Rolling() {}

  static void rollout(Plan plan) {
    ReplicaSet newRS = NewReplicaSet.sync(plan, true);
    if (newRS == null) {
      return;
    }
    List<ReplicaSet> old = plan.others(newRS);
    List<ReplicaSet> all = Plan.all(old, newRS);
    if (scaleUpNew(plan, all, newRS) || scaleDownOld(plan, all, ReplicaSets.active(old), newRS)) {
      Progress.syncRolloutStatus(plan, all, newRS);
      return;
    }
    if (Progress.complete(plan.d, plan.d.getStatus())) {
      Sync.cleanup(plan, old);
    }
    Progress.syncRolloutStatus(plan, all, newRS);
  }

  /** reconcileNewReplicaSet: down to spec.replicas if above, else up as far as the surge allows. */
  private static boolean scaleUpNew(Plan plan, List<ReplicaSet> all, ReplicaSet newRS) {
    int replicas = Sync.replicas(plan.d);
    if (ReplicaSets.replicas(newRS) == replicas) {
      return false;
    }
    if (ReplicaSets.replicas(newRS) > replicas) {
      return plan.scale(newRS, replicas);
    }
    return plan.scale(newRS, NewReplicaSet.newReplicas(plan.d, all, newRS));
  }

  /**
   * reconcileOldReplicaSets: how far the old ReplicaSets may shrink without going under
   * spec.replicas - maxUnavailable, counting the new ReplicaSet's not yet available replicas as
   * unavailable; unhealthy old replicas go first, then available ones while enough stay available.
   */
  private static boolean scaleDownOld(Plan plan, List<ReplicaSet> all, List<ReplicaSet> oldActive, ReplicaSet newRS) {
    if (ReplicaSets.sum(oldActive, ReplicaSets::replicas) == 0) {
      return false;
    }
    Deployment d = plan.d;
    int minAvailable = Sync.replicas(d) - Fenceposts.of(d).maxUnavailable();
    int newUnavailable = ReplicaSets.replicas(newRS) - ReplicaSets.available(newRS);
    int maxScaledDown = ReplicaSets.sum(all, ReplicaSets::replicas) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    int cleaned = cleanupUnhealthy(plan, oldActive, maxScaledDown);
    List<ReplicaSet> oldAndNew = new ArrayList<>(oldActive);
    oldAndNew.add(newRS);
    return cleaned + scaleDownAvailable(plan, oldAndNew, oldActive, minAvailable) > 0;
  }

  /** cleanupUnhealthyReplicas: old ReplicaSets shrink by their unavailable replicas, oldest first, up to {@code max}. */
  private static int cleanupUnhealthy(Plan plan, List<ReplicaSet> old, int max) {
    int total = 0;
    for (ReplicaSet rs : old.stream().sorted(ReplicaSets.BY_CREATION).toList()) {
      if (total >= max) {
        break;
      }
      int size = ReplicaSets.replicas(rs);
      if (size == 0 || size == ReplicaSets.available(rs)) {
        continue;
      }
      int down = Math.min(max - total, size - ReplicaSets.available(rs));
      plan.scale(rs, size - down);
      total += down;
    }
    return total;
  }

  /** scaleDownOldReplicaSetsForRollingUpdate: as many as are available beyond minAvailable, oldest ReplicaSets first. */
  private static int scaleDownAvailable(Plan plan, List<ReplicaSet> all, List<ReplicaSet> old, int minAvailable) {
    int available = ReplicaSets.sum(all, ReplicaSets::available);
    if (available <= minAvailable) {
      return 0;
    }
    int toScaleDown = available - minAvailable;
    int total = 0;
    for (ReplicaSet rs : old.stream().sorted(ReplicaSets.BY_CREATION).toList()) {
      if (total >= toScaleDown) {
        break;
      }
      int size = ReplicaSets.replicas(rs);
      if (size == 0) {
        continue;
      }
      int down = Math.min(size, toScaleDown - total);
      plan.scale(rs, size - down);
      total += down;
    }
    return total;
  }
}
