package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;

/**
 * recreate.go: every old ReplicaSet goes to zero, then, once no old pod runs (terminating ones
 * included), the new ReplicaSet is created or scaled to spec.replicas. The new one is not even
 * created before, so nothing new starts while old pods still run.
 */
final class Recreate {
  private Recreate() {}

  /** {@code podsByOwner}: the Deployment's pods by the uid of the ReplicaSet that controls them. */
  static void rollout(Plan plan, Map<String, List<Pod>> podsByOwner) {
    ReplicaSet newRS = NewReplicaSet.sync(plan, false);
    List<ReplicaSet> old = plan.others(newRS);
    boolean scaledDown = false;
    for (ReplicaSet rs : ReplicaSets.active(old)) {
      scaledDown |= plan.scale(rs, 0);
    }
    if (scaledDown || oldPodsRunning(newRS, old, podsByOwner)) {
      Progress.syncRolloutStatus(plan, Plan.all(old, newRS), newRS);
      return;
    }
    if (newRS == null) {
      newRS = NewReplicaSet.sync(plan, true);
      if (newRS == null) {
        return;
      }
      old = plan.others(newRS);
    }
    plan.scale(newRS, Sync.replicas(plan.d));
    if (Progress.complete(plan.d, plan.d.getStatus())) {
      Sync.cleanup(plan, old);
    }
    Progress.syncRolloutStatus(plan, Plan.all(old, newRS), newRS);
  }

  /** oldPodsRunning: an old ReplicaSet still reports pods, or a pod of one has not finished (Unknown counts as running). */
  private static boolean oldPodsRunning(ReplicaSet newRS, List<ReplicaSet> old, Map<String, List<Pod>> podsByOwner) {
    if (ReplicaSets.sum(old, ReplicaSets::statusReplicas) > 0) {
      return true;
    }
    String newUid = newRS == null ? null : newRS.getMetadata().getUid();
    return podsByOwner.entrySet().stream().filter(e -> !e.getKey().equals(newUid)).flatMap(e -> e.getValue().stream())
        .anyMatch(p -> !finished(p));
  }

  private static boolean finished(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return "Failed".equals(phase) || "Succeeded".equals(phase);
  }
}
