package io.kubemu.emulator.controllers.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.kubemu.emulator.controllers.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DaemonSet RollingUpdate strategy without surge (the controller's rollingUpdate with maxSurge
 * 0): old pods are deleted, and the manage pass recreates them from the new template, with never
 * more than maxUnavailable daemon pods unavailable at a time. An old pod that is unavailable anyway
 * is replaced at once. maxSurge above 0 (new pod first, then the old one goes) is not done: it is
 * treated as 0.
 */
final class DaemonSetRollout {
  private DaemonSetRollout() {}

  /** The old pods to delete now; {@code byNode}: the daemon pods of every node that has any. */
  static List<Pod> podsToReplace(DaemonSet ds, Map<String, List<Pod>> byNode, String hash, int desired, Instant now) {
    int maxUnavailable = maxUnavailable(ds, desired);
    int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
    int unavailable = 0;
    List<Pod> replaceNow = new ArrayList<>();
    List<Pod> candidates = new ArrayList<>();
    for (List<Pod> pods : byNode.values()) {
      Pod newPod = null;
      Pod oldPod = null;
      boolean single = true;
      for (Pod p : pods) {
        if (p.getMetadata().getDeletionTimestamp() != null) {
          continue;
        }
        if (DaemonPods.isUpdated(p, hash)) {
          single &= newPod == null;
          newPod = p;
        } else {
          single &= oldPod == null;
          oldPod = p;
        }
      }
      if (!single || (oldPod == null) == (newPod == null)) {
        unavailable++; // the manage pass creates or deletes here first
      } else if (newPod != null) {
        unavailable += Pods.isAvailable(newPod, minReady, now) ? 0 : 1;
      } else if (!Pods.isAvailable(oldPod, minReady, now)) {
        replaceNow.add(oldPod);
      } else if (unavailable < maxUnavailable) {
        candidates.add(oldPod);
      }
    }
    int room = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
    replaceNow.addAll(candidates.subList(0, room));
    return replaceNow;
  }

  /**
   * spec.updateStrategy.rollingUpdate.maxUnavailable of {@code desired}, rounded up. Kubernetes
   * makes 0 into 1 only when maxSurge is 0 too; without surge a 0 would never progress, so here it
   * is always at least 1.
   */
  static int maxUnavailable(DaemonSet ds, int desired) {
    RollingUpdateDaemonSet ru = ds.getSpec().getUpdateStrategy() == null ? null : ds.getSpec().getUpdateStrategy().getRollingUpdate();
    return Math.max(1, ru == null ? 1 : scaled(ru.getMaxUnavailable(), desired, 1));
  }

  /** intstr.GetScaledValueFromIntOrPercent with rounding up: a count, or a percentage of {@code total}. */
  static int scaled(IntOrString v, int total, int otherwise) {
    if (v == null) {
      return otherwise;
    }
    if (v.getIntVal() != null) {
      return v.getIntVal();
    }
    String s = v.getStrVal();
    if (s == null || !s.endsWith("%")) {
      return otherwise;
    }
    try {
      int percent = Integer.parseInt(s.substring(0, s.length() - 1));
      return (int) Math.ceil(percent * (double) total / 100);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
