package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * A rolling update's maxSurge and maxUnavailable as pod counts (ResolveFenceposts): percentages
 * of spec.replicas, surge rounded up and unavailability down; when both come to zero, one pod may
 * be unavailable, so that a rollout can always move.
 */
record Fenceposts(int maxSurge, int maxUnavailable) {
  static boolean rolling(Deployment d) {
    return d.getSpec().getStrategy() == null || !"Recreate".equals(d.getSpec().getStrategy().getType());
  }

  /** Zero for both under Recreate; maxUnavailable is at most spec.replicas, and zero for no replicas (MaxUnavailable). */
  static Fenceposts of(Deployment d) {
    if (!rolling(d)) {
      return new Fenceposts(0, 0);
    }
    int replicas = Sync.replicas(d);
    RollingUpdateDeployment ru = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    int surge = scaled(ru == null ? null : ru.getMaxSurge(), replicas, true);
    int unavailable = scaled(ru == null ? null : ru.getMaxUnavailable(), replicas, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new Fenceposts(surge, replicas == 0 ? 0 : Math.min(unavailable, replicas));
  }

  /**
   * intstr.GetScaledValueFromIntOrPercent: an int as it is, {@code N%} of {@code total} rounded as
   * asked; null or anything else (validation refuses it) counts as 0.
   */
  static int scaled(IntOrString v, int total, boolean roundUp) {
    if (v == null) {
      return 0;
    }
    if (v.getStrVal() == null) {
      return v.getIntVal() == null ? 0 : v.getIntVal();
    }
    String s = v.getStrVal();
    if (!s.endsWith("%")) {
      return 0;
    }
    long percent;
    try {
      percent = Long.parseLong(s.substring(0, s.length() - 1));
    } catch (NumberFormatException e) {
      return 0;
    }
    long part = percent * total;
    return (int) (roundUp ? Math.floorDiv(part + 99, 100) : Math.floorDiv(part, 100));
  }
}
