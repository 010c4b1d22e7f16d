package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * scale() of sync.go: a Deployment resized with one active ReplicaSet resizes that one; resized in
 * the middle of a rollout, it shares the change among its active ReplicaSets in proportion to
 * their sizes (largest first; leftovers to the largest), so the rollout keeps its shape.
 */
final class Scale {
  private Scale() {}

  static void scale(Plan plan, ReplicaSet newRS, List<ReplicaSet> old) {
    Deployment d = plan.d;
    int replicas = Sync.replicas(d);
    ReplicaSet only = activeOrLatest(newRS, old);
    if (only != null) {
      plan.scale(only, replicas);
      return;
    }
    if (saturated(d, newRS)) {
      ReplicaSets.active(old).forEach(rs -> plan.scale(rs, 0));
      return;
    }
    if (!Fenceposts.rolling(d)) {
      return;
    }
    List<ReplicaSet> active = new ArrayList<>(ReplicaSets.active(Plan.all(old, newRS)));
    int allowed = replicas > 0 ? replicas + Fenceposts.of(d).maxSurge() : 0;
    int toAdd = allowed - ReplicaSets.sum(active, ReplicaSets::replicas);
    if (toAdd > 0) {
      active.sort(ReplicaSets.BY_SIZE_NEWER);
    } else if (toAdd < 0) {
      active.sort(ReplicaSets.BY_SIZE_OLDER);
    }
    Map<String, Integer> sizes = new HashMap<>();
    int added = 0;
    for (ReplicaSet rs : active) {
      int proportion = toAdd == 0 ? 0 : proportion(rs, d, toAdd, added);
      sizes.put(rs.getMetadata().getName(), ReplicaSets.replicas(rs) + proportion);
      added += proportion;
    }
    for (int i = 0; i < active.size(); i++) {
      ReplicaSet rs = active.get(i);
      int size = sizes.get(rs.getMetadata().getName());
      if (i == 0 && toAdd != 0) {
        size = Math.max(0, size + toAdd - added);
      }
      plan.resize(rs, size);
    }
  }

  /** FindActiveOrLatest: the one active ReplicaSet; with none active, the new one or else the newest; null for several. */
  static ReplicaSet activeOrLatest(ReplicaSet newRS, List<ReplicaSet> old) {
    if (newRS == null && old.isEmpty()) {
      return null;
    }
    List<ReplicaSet> active = ReplicaSets.active(Plan.all(old, newRS));
    if (active.isEmpty()) {
      return newRS != null ? newRS : old.stream().max(ReplicaSets.BY_CREATION).orElseThrow();
    }
    return active.size() == 1 ? active.get(0) : null;
  }

  /** IsSaturated: the new ReplicaSet has all the replicas, was sized for them, and has them available. */
  static boolean saturated(Deployment d, ReplicaSet rs) {
    if (rs == null) {
      return false;
    }
    OptionalInt desired = ReplicaSets.intAnnotation(rs, ReplicaSets.DESIRED_REPLICAS);
    int replicas = Sync.replicas(d);
    return desired.isPresent() && ReplicaSets.replicas(rs) == replicas && desired.getAsInt() == replicas
        && ReplicaSets.available(rs) == replicas;
  }

  /** GetReplicaSetProportion: this ReplicaSet's share of {@code toAdd}, never past what is left to add (or remove). */
  private static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
    if (ReplicaSets.replicas(rs) == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(rs, d);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** getReplicaSetFraction: its size scaled from the Deployment's old maximum (max-replicas annotation) to the new one. */
  private static int fraction(ReplicaSet rs, Deployment d) {
    int size = ReplicaSets.replicas(rs);
    if (Sync.replicas(d) == 0) {
      return -size;
    }
    int max = Sync.replicas(d) + Fenceposts.of(d).maxSurge();
    OptionalInt annotated = ReplicaSets.intAnnotation(rs, ReplicaSets.MAX_REPLICAS);
    int before = annotated.isPresent() && annotated.getAsInt() != 0 ? annotated.getAsInt() : Progress.count(d.getStatus().getReplicas());
    if (before == 0) {
      return 0;
    }
    double scaled = (double) size * max / before;
    return (int) (scaled < 0 ? scaled - 0.5 : scaled + 0.5) - size;
  }
}
