package io.kubemu.emulator.controllers.deployment;

import io.kubemu.emulator.controllers.RevisionHash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.Pods;
import io.kubemu.emulator.controlplane.Json;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;

/**
 * What the Deployment controller reads from its ReplicaSets (deployment_util.go): sizes, counts
 * from their status, revisions, the annotations it keeps on them, and the orders it walks them in.
 */
final class ReplicaSets {
  static final String HASH_LABEL = "pod-template-hash";
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  private ReplicaSets() {}

  /** spec.replicas (the API server defaults it to 1). */
  static int replicas(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  static int statusReplicas(ReplicaSet rs) {
    return rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
  }

  static int available(ReplicaSet rs) {
    return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0 : rs.getStatus().getAvailableReplicas();
  }

  static int ready(ReplicaSet rs) {
    return rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas();
  }

  /** The sum of {@code count} over {@code sets}, skipping nulls (a Deployment may have no new ReplicaSet yet). */
  static int sum(Collection<ReplicaSet> sets, ToIntFunction<ReplicaSet> count) {
    return sets.stream().filter(Objects::nonNull).mapToInt(count).sum();
  }

  /** FilterActiveReplicaSets: the ones with spec.replicas above zero. */
  static List<ReplicaSet> active(Collection<ReplicaSet> sets) {
    return sets.stream().filter(rs -> rs != null && replicas(rs) > 0).toList();
  }

  /** The revision annotation as a number; 0 when absent or not a number. */
  static long revision(ReplicaSet rs) {
    return annotation(rs, REVISION).map(ReplicaSets::parse).orElse(0L);
  }

  static long maxRevision(Collection<ReplicaSet> sets) {
    return sets.stream().mapToLong(ReplicaSets::revision).max().orElse(0);
  }

  /** The revision before the latest (LastRevision), what a rollback to revision 0 means. */
  static long lastRevision(Collection<ReplicaSet> sets) {
    long max = 0;
    long second = 0;
    for (ReplicaSet rs : sets) {
      long v = annotation(rs, REVISION).map(ReplicaSets::parse).orElse(-1L);
      if (v < 0) {
        continue;
      } else if (v >= max) {
        second = max;
        max = v;
      } else if (v > second) {
        second = v;
      }
    }
    return second;
  }

  static Optional<String> annotation(ReplicaSet rs, String key) {
    var a = rs.getMetadata().getAnnotations();
    return Optional.ofNullable(a == null ? null : a.get(key));
  }

  /** An integer annotation (desired-replicas, max-replicas), empty when absent or not an int32. */
  static OptionalInt intAnnotation(ReplicaSet rs, String key) {
    long v = annotation(rs, key).map(ReplicaSets::parse).orElse(-1L);
    return v < 0 || v > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) v);
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * EqualIgnoreHash: two pod templates are the same once pod-template-hash is taken out of their
   * labels, in {@link RevisionHash#canonical} form (absent, null and empty are the same, as for
   * apiequality.Semantic).
   */
  static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
    return withoutHash(a).equals(withoutHash(b));
  }

  private static JsonNode withoutHash(PodTemplateSpec t) {
    JsonNode tree = RevisionHash.canonical(t);
    if (tree.path("metadata").path("labels") instanceof ObjectNode labels) {
      labels.remove(HASH_LABEL);
      if (labels.isEmpty()) {
        ((ObjectNode) tree.get("metadata")).remove("labels");
      }
      if (tree.get("metadata").isEmpty()) {
        ((ObjectNode) tree).remove("metadata");
      }
    }
    return tree;
  }

  /** FindNewReplicaSet: the oldest one whose template is the Deployment's; null when none. */
  static ReplicaSet findNew(PodTemplateSpec template, List<ReplicaSet> sets) {
    return sets.stream().sorted(BY_CREATION).filter(rs -> equalIgnoreHash(rs.getSpec().getTemplate(), template)).findFirst().orElse(null);
  }

  /** When it was created; one this sync creates has no timestamp yet and counts as the newest. */
  static Instant created(ReplicaSet rs) {
    String t = rs.getMetadata().getCreationTimestamp();
    return t == null ? Instant.MAX : Pods.instant(t);
  }

  /** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
  static final Comparator<ReplicaSet> BY_CREATION = Comparator.comparing(ReplicaSets::created)
      .thenComparing(rs -> rs.getMetadata().getName());

  /** ReplicaSetsBySizeNewer: larger first; of equal size, newer first (who scales up first). */
  static final Comparator<ReplicaSet> BY_SIZE_NEWER = Comparator.comparingInt(ReplicaSets::replicas).reversed()
      .thenComparing(BY_CREATION.reversed());

  /** ReplicaSetsBySizeOlder: larger first; of equal size, older first (who scales down first). */
  static final Comparator<ReplicaSet> BY_SIZE_OLDER = Comparator.comparingInt(ReplicaSets::replicas).reversed()
      .thenComparing(BY_CREATION);

  /** ReplicaSetsByRevision: lowest revision first, then oldest (who goes first beyond revisionHistoryLimit). */
  static final Comparator<ReplicaSet> BY_REVISION = Comparator.comparingLong(ReplicaSets::revision).thenComparing(BY_CREATION);
}
