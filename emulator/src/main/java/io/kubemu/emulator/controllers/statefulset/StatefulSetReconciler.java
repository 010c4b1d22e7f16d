package io.kubemu.emulator.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Claims;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.PodOwnerReconciler;
import io.kubemu.emulator.controllers.RevisionHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The StatefulSet controller (stateful_set_control.go): pods {@code <set>-0..N-1} with stable
 * names and hostnames. With OrderedReady, pod i is created only when 0..i-1 are Running and Ready
 * (and available), and pods beyond N go from the highest ordinal down, one at a time, each gone
 * before the next; Parallel creates and deletes them all at once. A failed or succeeded pod is
 * deleted and comes back under the same name. RollingUpdate replaces pods of an older revision
 * from the highest ordinal down to the partition, one at a time, each waiting for its successor to
 * be healthy; OnDelete replaces only the pods someone deletes.
 *
 * <p>The revision is {@code <set>-<template hash>}; no ControllerRevision objects are kept, so a
 * pod below the partition that must be recreated gets the new template, where Kubernetes would
 * restore the old one from its ControllerRevision. volumeClaimTemplates are ignored.
 *
 * <p>Events, on the set: SuccessfulCreate, SuccessfulDelete (FailedCreate, FailedDelete) for its
 * pods, and RecreatingFailedPod or RecreatingTerminatedPod before a finished pod is replaced.
 */
public final class StatefulSetReconciler extends PodOwnerReconciler<StatefulSet> {
  public StatefulSetReconciler() {
    super("StatefulSet", StatefulSet.class, s -> s.getSpec().getSelector());
  }

  @Override
  public String name() {
    return "statefulset";
  }

  /** One pass over a set: its pods by ordinal, those beyond the replicas, and the writes decided so far. */
  private static final class Pass {
    final StatefulSet set;
    final Instant now;
    final String updateRevision;
    final int minReady;
    final boolean monotonic;
    final Pod[] replicas;
    final int start;
    final List<Pod> condemned = new ArrayList<>();
    final List<Action> actions = new ArrayList<>();
    final Set<String> deleted = new HashSet<>();

    Pass(StatefulSet set, Instant now, String updateRevision) {
      this.set = set;
      this.now = now;
      this.updateRevision = updateRevision;
      this.minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
      this.monotonic = !"Parallel".equals(set.getSpec().getPodManagementPolicy());
      this.replicas = new Pod[set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas()];
      this.start = set.getSpec().getOrdinals() == null || set.getSpec().getOrdinals().getStart() == null
          ? 0 : set.getSpec().getOrdinals().getStart();
    }

    void delete(Pod p) {
      if (deleted.add(p.getMetadata().getName())) {
        actions.add(Action.Delete.of(p, StatefulPods.recorded("Delete", set, p.getMetadata().getName(), now)));
      }
    }
  }

  @Override
  protected List<Action> reconcile(StatefulSet set, ObjectCache cache, Instant now) {
    String ns = set.getMetadata().getNamespace();
    String updateRevision = set.getMetadata().getName() + "-" + RevisionHash.of(set.getSpec().getTemplate());
    String currentRevision = set.getStatus() == null || set.getStatus().getCurrentRevision() == null
        ? updateRevision : set.getStatus().getCurrentRevision();
    Pass pass = new Pass(set, now, updateRevision);
    List<Pod> pods = Claims.pods(set, set.getSpec().getSelector(), cache.list(Pod.class, "Pod", ns), pass.actions);
    for (Pod p : pods) {
      int ordinal = StatefulPods.ordinal(set, p);
      if (ordinal >= pass.start && ordinal < pass.start + pass.replicas.length) {
        pass.replicas[ordinal - pass.start] = p;
      } else if (ordinal >= 0) {
        pass.condemned.add(p);
      }
    }
    pass.condemned.sort(Comparator.comparingInt((Pod p) -> StatefulPods.ordinal(set, p)).reversed());
    if (processReplicas(pass) && processCondemned(pass) && !isOnDelete(set)) {
      rollingUpdate(pass);
    }
    List<Action> out = new ArrayList<>(pass.actions);
    out.addAll(StatefulSetStatuses.update(set, pods, currentRevision, updateRevision, now));
    return out;
  }

  /** Creates what is missing and replaces finished pods; false when OrderedReady must wait. */
  private static boolean processReplicas(Pass pass) {
    for (int i = 0; i < pass.replicas.length; i++) {
      Pod p = pass.replicas[i];
      boolean proceed;
      if (p == null) {
        Pod created = StatefulPods.newPod(pass.set, pass.start + i, pass.updateRevision);
        pass.actions.add(new Action.Create(created, StatefulPods.recorded("Create", pass.set, created.getMetadata().getName(), pass.now)));
        proceed = false;
      } else if (StatefulPods.isFinished(p)) {
        if (!StatefulPods.isTerminating(p)) {
          pass.actions.add(new Action.Create(StatefulPods.recreating(pass.set, p, pass.now)));
          pass.delete(p);
        }
        proceed = false;
      } else {
        proceed = !StatefulPods.isTerminating(p) && StatefulPods.isRunningAndAvailable(p, pass.minReady, pass.now)
            && StatefulPods.isRunningAndReady(p);
      }
      if (!proceed && pass.monotonic) {
        return false;
      }
    }
    return true;
  }

  /**
   * Deletes the pods beyond the replicas, highest ordinal first; with OrderedReady one at a time,
   * each gone before the next, and an unhealthy one only if it is the first unhealthy pod.
   */
  private static boolean processCondemned(Pass pass) {
    Pod firstUnhealthy = firstUnhealthy(pass);
    for (Pod p : pass.condemned) {
      if (StatefulPods.isTerminating(p)) {
        if (pass.monotonic) {
          return false;
        }
        continue;
      }
      boolean healthy = StatefulPods.isRunningAndReady(p) && StatefulPods.isRunningAndAvailable(p, pass.minReady, pass.now);
      if (!healthy && pass.monotonic && p != firstUnhealthy) {
        return false;
      }
      pass.delete(p);
      if (pass.monotonic) {
        return false;
      }
    }
    return true;
  }

  /** The first unhealthy replica by ordinal (a missing one counts), else the lowest unhealthy condemned pod. */
  private static Pod firstUnhealthy(Pass pass) {
    for (Pod p : pass.replicas) {
      if (!StatefulPods.isHealthy(p)) {
        return p;
      }
    }
    for (int i = pass.condemned.size() - 1; i >= 0; i--) {
      if (!StatefulPods.isHealthy(pass.condemned.get(i))) {
        return pass.condemned.get(i);
      }
    }
    return null;
  }

  /** Deletes the highest-ordinal pod above the partition that is not of the update revision, once those above it are healthy. */
  private static void rollingUpdate(Pass pass) {
    var ru = pass.set.getSpec().getUpdateStrategy() == null ? null : pass.set.getSpec().getUpdateStrategy().getRollingUpdate();
    int partition = ru == null || ru.getPartition() == null ? 0 : ru.getPartition();
    for (int target = pass.replicas.length - 1; target >= partition; target--) {
      Pod p = pass.replicas[target];
      if (p == null) {
        return;
      }
      if (!pass.updateRevision.equals(StatefulPods.revision(p)) && !StatefulPods.isTerminating(p)) {
        pass.delete(p);
        return;
      }
      if (!StatefulPods.isHealthy(p)) {
        return;
      }
    }
  }

  private static boolean isOnDelete(StatefulSet set) {
    return set.getSpec().getUpdateStrategy() != null && "OnDelete".equals(set.getSpec().getUpdateStrategy().getType());
  }
}
