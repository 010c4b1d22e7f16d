package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.kubemu.emulator.controllers.Pods;
import io.kubemu.emulator.controlplane.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Deployment's status (sync.go calculateStatus, progress.go syncRolloutStatus): the counts
 * summed over its ReplicaSets, Available against spec.replicas - maxUnavailable, and Progressing,
 * which a rollout keeps fresh while it moves, marks complete when every replica is new and
 * available, and marks failed once it has not moved for progressDeadlineSeconds.
 */
final class Progress {
  private Progress() {}

  static boolean hasDeadline(Deployment d) {
    Integer s = d.getSpec().getProgressDeadlineSeconds();
    return s != null && s != Integer.MAX_VALUE;
  }

  /** The status the ReplicaSets give, with the current conditions and Available set. Zero counts stay out (omitempty). */
  static DeploymentStatus calculate(Plan plan, List<ReplicaSet> all, ReplicaSet newRS) {
    Deployment d = plan.d;
    int available = ReplicaSets.sum(all, ReplicaSets::available);
    DeploymentStatus s = new DeploymentStatus();
    s.setObservedGeneration(d.getMetadata().getGeneration());
    s.setReplicas(omitZero(ReplicaSets.sum(all, ReplicaSets::statusReplicas)));
    s.setUpdatedReplicas(omitZero(newRS == null ? 0 : ReplicaSets.statusReplicas(newRS)));
    s.setReadyReplicas(omitZero(ReplicaSets.sum(all, ReplicaSets::ready)));
    s.setAvailableReplicas(omitZero(available));
    s.setUnavailableReplicas(omitZero(Math.max(0, ReplicaSets.sum(all, ReplicaSets::replicas) - available)));
    s.setCollisionCount(d.getStatus().getCollisionCount());
    List<DeploymentCondition> conditions = new ArrayList<>();
    if (d.getStatus().getConditions() != null) {
      d.getStatus().getConditions().forEach(c -> conditions.add(Json.MAPPER.convertValue(c, DeploymentCondition.class)));
    }
    s.setConditions(conditions);
    if (available >= Sync.replicas(d) - Fenceposts.of(d).maxUnavailable()) {
      Conditions.set(s, Conditions.of(Conditions.AVAILABLE, "True", Conditions.MINIMUM_REPLICAS_AVAILABLE,
          "Deployment has minimum availability.", plan.now));
    } else {
      Conditions.set(s, Conditions.of(Conditions.AVAILABLE, "False", Conditions.MINIMUM_REPLICAS_UNAVAILABLE,
          "Deployment does not have minimum availability.", plan.now));
    }
    return s;
  }

  /** syncDeploymentStatus: the status without progress estimation (scaling, paused, being deleted). */
  static void syncStatus(Plan plan, List<ReplicaSet> all, ReplicaSet newRS) {
    plan.d.setStatus(calculate(plan, all, newRS));
  }

  /** syncRolloutStatus: the status with the Progressing condition of a rollout, and a requeue to catch its deadline. */
  static void syncRolloutStatus(Plan plan, List<ReplicaSet> all, ReplicaSet newRS) {
    Deployment d = plan.d;
    DeploymentStatus s = calculate(plan, all, newRS);
    if (!hasDeadline(d)) {
      Conditions.remove(s, Conditions.PROGRESSING);
    }
    DeploymentCondition current = Conditions.get(d.getStatus(), Conditions.PROGRESSING);
    boolean completed = Objects.equals(s.getReplicas(), s.getUpdatedReplicas()) && current != null
        && Conditions.NEW_RS_AVAILABLE.equals(current.getReason());
    String subject = newRS == null ? "Deployment \"" + d.getMetadata().getName() + "\"" : "ReplicaSet \"" + newRS.getMetadata().getName() + "\"";
    if (hasDeadline(d) && !completed) {
      if (complete(d, s)) {
        Conditions.set(s, Conditions.of(Conditions.PROGRESSING, "True", Conditions.NEW_RS_AVAILABLE,
            subject + " has successfully progressed.", plan.now));
      } else if (progressing(d, s)) {
        DeploymentCondition c = Conditions.of(Conditions.PROGRESSING, "True", Conditions.RS_UPDATED, subject + " is progressing.", plan.now);
        if (current != null) {
          if ("True".equals(current.getStatus())) {
            c.setLastTransitionTime(current.getLastTransitionTime());
          }
          Conditions.remove(s, Conditions.PROGRESSING);
        }
        Conditions.set(s, c);
      } else if (timedOut(d, s, plan.now)) {
        Conditions.set(s, Conditions.of(Conditions.PROGRESSING, "False", Conditions.TIMED_OUT, subject + " has timed out progressing.",
            plan.now));
      }
    }
    DeploymentCondition failure = replicaFailure(all, newRS);
    if (failure != null) {
      Conditions.set(s, failure);
    } else {
      Conditions.remove(s, Conditions.REPLICA_FAILURE);
    }
    if (Json.MAPPER.valueToTree(d.getStatus()).equals(Json.MAPPER.valueToTree(s))) {
      requeueStuck(plan, s);
    } else {
      d.setStatus(s);
    }
  }

  /** DeploymentComplete: every replica is updated and available, and the status is of the latest spec. */
  static boolean complete(Deployment d, DeploymentStatus s) {
    int replicas = Sync.replicas(d);
    return count(s.getUpdatedReplicas()) == replicas && count(s.getReplicas()) == replicas && count(s.getAvailableReplicas()) == replicas
        && (s.getObservedGeneration() == null ? 0 : s.getObservedGeneration()) >= generation(d);
  }

  /** DeploymentProgressing: more updated, ready or available replicas than the status said, or fewer old ones. */
  private static boolean progressing(Deployment d, DeploymentStatus s) {
    DeploymentStatus was = d.getStatus();
    int oldBefore = count(was.getReplicas()) - count(was.getUpdatedReplicas());
    int oldNow = count(s.getReplicas()) - count(s.getUpdatedReplicas());
    return count(s.getUpdatedReplicas()) > count(was.getUpdatedReplicas()) || oldNow < oldBefore
        || count(s.getReadyReplicas()) > count(was.getReadyReplicas()) || count(s.getAvailableReplicas()) > count(was.getAvailableReplicas());
  }

  /** DeploymentTimedOut: no progress reported for progressDeadlineSeconds (a completed rollout never times out). */
  private static boolean timedOut(Deployment d, DeploymentStatus s, Instant now) {
    DeploymentCondition c = Conditions.get(s, Conditions.PROGRESSING);
    if (c == null || Conditions.NEW_RS_AVAILABLE.equals(c.getReason())) {
      return false;
    }
    if (Conditions.TIMED_OUT.equals(c.getReason())) {
      return true;
    }
    return Pods.instant(c.getLastUpdateTime()).plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now);
  }

  /** requeueStuckDeployment: a rollout still under way is looked at again just after its deadline would pass. */
  private static void requeueStuck(Plan plan, DeploymentStatus s) {
    Deployment d = plan.d;
    DeploymentCondition c = Conditions.get(d.getStatus(), Conditions.PROGRESSING);
    if (!hasDeadline(d) || c == null || complete(d, s) || Conditions.TIMED_OUT.equals(c.getReason())) {
      return;
    }
    Duration after = Duration.between(plan.now, Pods.instant(c.getLastUpdateTime()).plusSeconds(d.getSpec().getProgressDeadlineSeconds()));
    plan.requeueAfter((after.isNegative() ? Duration.ZERO : after).plusSeconds(1));
  }

  /** getReplicaFailures: a ReplicaFailure condition of the new ReplicaSet, else of any other, as a Deployment condition. */
  private static DeploymentCondition replicaFailure(List<ReplicaSet> all, ReplicaSet newRS) {
    List<ReplicaSet> order = new ArrayList<>();
    if (newRS != null) {
      order.add(newRS);
    }
    order.addAll(all);
    for (ReplicaSet rs : order) {
      if (rs == null || rs.getStatus() == null || rs.getStatus().getConditions() == null) {
        continue;
      }
      for (ReplicaSetCondition c : rs.getStatus().getConditions()) {
        if (Conditions.REPLICA_FAILURE.equals(c.getType())) {
          DeploymentCondition out = Conditions.of(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), Instant.EPOCH);
          out.setLastUpdateTime(c.getLastTransitionTime());
          out.setLastTransitionTime(c.getLastTransitionTime());
          return out;
        }
      }
    }
    return null;
  }

  private static Integer omitZero(int n) {
    return n == 0 ? null : n;
  }

  static int count(Integer n) {
    return n == null ? 0 : n;
  }

  static long generation(Deployment d) {
    return d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
  }
}
