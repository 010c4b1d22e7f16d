package io.kubemu.emulator.controllers.deployment;

import io.kubemu.emulator.controllers.RevisionHash;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controlplane.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The new ReplicaSet of a Deployment (getNewReplicaSet): the one whose template is the
 * Deployment's, brought up to the next revision (a rollback to an old template reuses its
 * ReplicaSet this way), or, when there is none, a new one named {@code <deployment>-<hash>}.
 */
final class NewReplicaSet {
  static final String ROLLBACK_TO = "deprecated.deployment.rollback.to";
  /** Annotations a ReplicaSet does not take over from its Deployment (annotationsToSkip). */
  static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration", ReplicaSets.REVISION,
      ReplicaSets.REVISION_HISTORY, ReplicaSets.DESIRED_REPLICAS, ReplicaSets.MAX_REPLICAS, ROLLBACK_TO);
  /** How long the revision-history annotation may grow. */
  private static final int MAX_REVISION_HISTORY_CHARS = 2000;

  private NewReplicaSet() {}

  /**
   * The new ReplicaSet, its annotations and the Deployment's revision brought up to date; when there
   * is none, a created one if {@code create}, else null. Null also when the name the hash gives is
   * taken by another ReplicaSet: collisionCount goes up, and the status write brings the next sync.
   */
  static ReplicaSet sync(Plan plan, boolean create) {
    Deployment d = plan.d;
    List<ReplicaSet> all = plan.replicaSets();
    ReplicaSet existing = ReplicaSets.findNew(d.getSpec().getTemplate(), all);
    String newRevision = Long.toString(ReplicaSets.maxRevision(plan.others(existing)) + 1);
    if (existing != null) {
      boolean annotated = setNewReplicaSetAnnotations(d, existing, newRevision, true);
      if (annotated || !Objects.equals(minReadySeconds(existing.getSpec().getMinReadySeconds()), minReadySeconds(d.getSpec().getMinReadySeconds()))) {
        existing.getSpec().setMinReadySeconds(d.getSpec().getMinReadySeconds());
        plan.update(existing);
        return existing;
      }
      setDeploymentRevision(plan, ReplicaSets.annotation(existing, ReplicaSets.REVISION).orElse(""));
      if (Progress.hasDeadline(d) && Conditions.get(d.getStatus(), Conditions.PROGRESSING) == null) {
        Conditions.set(d.getStatus(), Conditions.of(Conditions.PROGRESSING, "True", Conditions.FOUND_NEW_RS,
            "Found new replica set \"" + existing.getMetadata().getName() + "\"", plan.now));
      }
      return existing;
    }
    if (!create) {
      return null;
    }
    ReplicaSet rs = fresh(d);
    if (plan.cache.get(ReplicaSet.class, "ReplicaSet", d.getMetadata().getNamespace(), rs.getMetadata().getName()).isPresent()) {
      DeploymentStatus s = d.getStatus();
      s.setCollisionCount(s.getCollisionCount() == null ? 1 : s.getCollisionCount() + 1);
      return null;
    }
    List<ReplicaSet> withNew = new ArrayList<>(all);
    withNew.add(rs);
    rs.getSpec().setReplicas(newReplicas(d, withNew, rs));
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    plan.create(rs);
    setDeploymentRevision(plan, newRevision);
    if (Progress.hasDeadline(d)) {
      Conditions.set(d.getStatus(), Conditions.of(Conditions.PROGRESSING, "True", Conditions.NEW_RS_CREATED,
          "Created new replica set \"" + rs.getMetadata().getName() + "\"", plan.now));
    }
    return rs;
  }

  /** The ReplicaSet for the Deployment's template: pod-template-hash in its name, labels, selector and template, no replicas yet. */
  private static ReplicaSet fresh(Deployment d) {
    PodTemplateSpec template = Json.MAPPER.convertValue(d.getSpec().getTemplate(), PodTemplateSpec.class);
    String hash = RevisionHash.of(template, d.getStatus().getCollisionCount());
    if (template.getMetadata() == null) {
      template.setMetadata(new ObjectMeta());
    }
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels());
    labels.put(ReplicaSets.HASH_LABEL, hash);
    template.getMetadata().setLabels(labels);
    LabelSelector selector = Json.MAPPER.convertValue(d.getSpec().getSelector(), LabelSelector.class);
    Map<String, String> match = new HashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
    match.put(ReplicaSets.HASH_LABEL, hash);
    selector.setMatchLabels(match);
    ReplicaSet rs = new ReplicaSet();
    rs.setApiVersion("apps/v1");
    rs.setKind("ReplicaSet");
    ObjectMeta meta = new ObjectMeta();
    meta.setName(d.getMetadata().getName() + "-" + hash);
    meta.setNamespace(d.getMetadata().getNamespace());
    meta.setLabels(new HashMap<>(labels));
    meta.setOwnerReferences(new ArrayList<>(List.of(Owners.controllerRef(d))));
    rs.setMetadata(meta);
    ReplicaSetSpec spec = new ReplicaSetSpec();
    spec.setReplicas(0);
    spec.setMinReadySeconds(d.getSpec().getMinReadySeconds());
    spec.setSelector(selector);
    spec.setTemplate(template);
    rs.setSpec(spec);
    return rs;
  }

  /** NewRSNewReplicas: under RollingUpdate, as many more as maxSurge leaves room for, up to spec.replicas; under Recreate, all. */
  static int newReplicas(Deployment d, List<ReplicaSet> all, ReplicaSet newRS) {
    int replicas = Sync.replicas(d);
    if (!Fenceposts.rolling(d)) {
      return replicas;
    }
    int maxTotal = replicas + Fenceposts.of(d).maxSurge();
    int current = ReplicaSets.sum(all, ReplicaSets::replicas);
    if (current >= maxTotal) {
      return ReplicaSets.replicas(newRS);
    }
    return ReplicaSets.replicas(newRS) + Math.min(maxTotal - current, replicas - ReplicaSets.replicas(newRS));
  }

  /**
   * SetNewReplicaSetAnnotations: the Deployment's own annotations, the revision raised to
   * {@code newRevision} (the one it had goes to revision-history), and for a ReplicaSet about to be
   * created the desired/max-replicas. True when something changed.
   */
  static boolean setNewReplicaSetAnnotations(Deployment d, ReplicaSet rs, String newRevision, boolean exists) {
    Map<String, String> a = rs.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(rs.getMetadata().getAnnotations());
    boolean changed = false;
    if (d.getMetadata().getAnnotations() != null) {
      for (Map.Entry<String, String> e : d.getMetadata().getAnnotations().entrySet()) {
        if (!NOT_COPIED.contains(e.getKey()) && !e.getValue().equals(a.get(e.getKey()))) {
          a.put(e.getKey(), e.getValue());
          changed = true;
        }
      }
    }
    String oldRevision = a.get(ReplicaSets.REVISION);
    long old;
    try {
      old = oldRevision == null || oldRevision.isEmpty() ? 0 : Long.parseLong(oldRevision);
    } catch (NumberFormatException e) {
      return false;
    }
    long wanted = Long.parseLong(newRevision);
    if (old < wanted) {
      a.put(ReplicaSets.REVISION, newRevision);
      changed = true;
      if (oldRevision != null) {
        a.put(ReplicaSets.REVISION_HISTORY, history(a.get(ReplicaSets.REVISION_HISTORY), oldRevision));
      }
    }
    rs.getMetadata().setAnnotations(a);
    if (!exists) {
      changed |= setReplicasAnnotations(rs, Sync.replicas(d), Sync.replicas(d) + Fenceposts.of(d).maxSurge());
    }
    return changed;
  }

  /** The revision-history list with {@code revision} appended, oldest entries dropped to stay within the limit. */
  private static String history(String list, String revision) {
    if (list == null || list.isEmpty()) {
      return revision;
    }
    List<String> revisions = new ArrayList<>(List.of(list.split(",")));
    int total = list.length() + revision.length() + 1;
    while (total > MAX_REVISION_HISTORY_CHARS && !revisions.isEmpty()) {
      total -= revisions.remove(0).length() + 1;
    }
    revisions.add(revision);
    return String.join(",", revisions);
  }

  /** SetReplicasAnnotations: the Deployment's size and size plus surge when this ReplicaSet was last scaled. */
  static boolean setReplicasAnnotations(ReplicaSet rs, int desired, int max) {
    Map<String, String> a = rs.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(rs.getMetadata().getAnnotations());
    String desiredText = Integer.toString(desired);
    String maxText = Integer.toString(max);
    boolean changed = !desiredText.equals(a.put(ReplicaSets.DESIRED_REPLICAS, desiredText));
    changed |= !maxText.equals(a.put(ReplicaSets.MAX_REPLICAS, maxText));
    rs.getMetadata().setAnnotations(a);
    return changed;
  }

  /** SetDeploymentRevision: the Deployment's revision annotation follows its new ReplicaSet's. */
  private static void setDeploymentRevision(Plan plan, String revision) {
    Map<String, String> a = plan.d.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(plan.d.getMetadata().getAnnotations());
    if (!revision.equals(a.get(ReplicaSets.REVISION))) {
      a.put(ReplicaSets.REVISION, revision);
      plan.d.getMetadata().setAnnotations(a);
      plan.updateDeployment();
    }
  }

  private static int minReadySeconds(Integer s) {
    return s == null ? 0 : s;
  }
}
