package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Reconciler;
import io.kubemu.emulator.controllers.Selectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Deployment controller (pkg/controller/deployment): a Deployment owns ReplicaSets, one per
 * pod template it has had, and moves replicas from the old ones to the one of its current template
 * by its strategy (RollingUpdate within maxSurge and maxUnavailable, or Recreate), scales them
 * when spec.replicas changes, keeps revisionHistoryLimit old ones, and reports progress in its
 * status for {@code kubectl rollout status}. Each resize of a ReplicaSet is recorded as a
 * ScalingReplicaSet Event on the Deployment. Keys are namespace/name of Deployments.
 */
public final class DeploymentReconciler implements Reconciler {
  /** The source of its Events, as kube-controller-manager names it. */
  static final String COMPONENT = "deployment-controller";

  @Override
  public String name() {
    return "deployment";
  }

  @Override
  public List<String> kinds() {
    return List.of("Deployment", "ReplicaSet", "Pod");
  }

  /**
   * A Deployment: itself. A ReplicaSet: its controlling Deployment, or for an orphan every
   * Deployment whose selector matches it (one may adopt it). A pod: the Deployment of its
   * ReplicaSet, when that Deployment is Recreate and so waits for old pods to go.
   */
  @Override
  public Collection<String> keysFor(HasMetadata changed, ObjectCache cache) {
    String ns = changed.getMetadata().getNamespace();
    if (changed instanceof Deployment) {
      return List.of(ObjectCache.key(changed));
    }
    if (changed instanceof ReplicaSet rs) {
      Optional<OwnerReference> ref = ObjectCache.controllerOf(rs);
      if (ref.isPresent()) {
        return ref.get().getKind().equals("Deployment") ? List.of(ObjectCache.key(ns, ref.get().getName())) : List.of();
      }
      return cache.list(Deployment.class, "Deployment", ns).stream()
          .filter(d -> Selectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels())).map(ObjectCache::key).toList();
    }
    Set<String> keys = new LinkedHashSet<>();
    ObjectCache.controllerOf(changed).filter(r -> r.getKind().equals("ReplicaSet"))
        .flatMap(r -> cache.get(ReplicaSet.class, "ReplicaSet", ns, r.getName()))
        .flatMap(ObjectCache::controllerOf).filter(r -> r.getKind().equals("Deployment"))
        .flatMap(r -> cache.get(Deployment.class, "Deployment", ns, r.getName()))
        .filter(d -> !Fenceposts.rolling(d))
        .ifPresent(d -> keys.add(ObjectCache.key(d)));
    return keys;
  }

  @Override
  public Collection<String> allKeys(ObjectCache cache) {
    return cache.list(Deployment.class, "Deployment", null).stream().map(ObjectCache::key).toList();
  }

  /** syncDeployment. */
  @Override
  public List<Action> reconcile(String key, ObjectCache cache, Instant now) {
    Deployment found = cache.get(Deployment.class, "Deployment", ObjectCache.namespaceOf(key), ObjectCache.nameOf(key)).orElse(null);
    if (found == null || found.getSpec() == null) {
      return List.of();
    }
    Plan plan = new Plan(found, cache, now);
    Deployment d = plan.d;
    if (selectsEverything(d.getSpec().getSelector())) {
      if (Progress.generation(d) > (d.getStatus().getObservedGeneration() == null ? 0 : d.getStatus().getObservedGeneration())) {
        d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
      }
      return plan.actions();
    }
    claimReplicaSets(plan);
    if (d.getMetadata().getDeletionTimestamp() != null) {
      Sync.statusOnly(plan);
      return plan.actions();
    }
    Sync.checkPausedConditions(plan);
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
      Sync.sync(plan);
    } else if (Rollback.requested(d)) {
      Rollback.rollback(plan);
    } else if (Sync.isScalingEvent(plan)) {
      Sync.sync(plan);
    } else if (Fenceposts.rolling(d)) {
      Rolling.rollout(plan);
    } else {
      Recreate.rollout(plan, podsByOwner(plan));
    }
    return plan.actions();
  }

  /** An empty selector would select every pod of the namespace; the controller refuses to act on it. */
  private static boolean selectsEverything(LabelSelector s) {
    return s == null || (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
        && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty());
  }

  /**
   * ClaimReplicaSets: the ReplicaSets it controls and its selector matches; orphans it matches
   * are adopted (not while it is being deleted), and ones it controls but no longer matches are released.
   */
  private static void claimReplicaSets(Plan plan) {
    Deployment d = plan.d;
    boolean deleting = d.getMetadata().getDeletionTimestamp() != null;
    for (ReplicaSet rs : plan.cache.list(ReplicaSet.class, "ReplicaSet", d.getMetadata().getNamespace())) {
      boolean matches = Selectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels());
      Optional<OwnerReference> ref = ObjectCache.controllerOf(rs);
      if (ref.isPresent()) {
        if (!ref.get().getUid().equals(d.getMetadata().getUid())) {
          continue;
        }
        if (matches) {
          plan.own(rs);
        } else if (!deleting) {
          plan.release(rs);
        }
      } else if (matches && !deleting && rs.getMetadata().getDeletionTimestamp() == null) {
        plan.adopt(rs);
      }
    }
  }

  /** getPodMapForDeployment: its pods (finished and terminating ones too) by the uid of their owned ReplicaSet. */
  private static Map<String, List<Pod>> podsByOwner(Plan plan) {
    Map<String, List<Pod>> byOwner = new HashMap<>();
    plan.replicaSets().stream().filter(rs -> rs.getMetadata().getUid() != null)
        .forEach(rs -> byOwner.put(rs.getMetadata().getUid(), new ArrayList<>()));
    for (Pod p : plan.cache.list(Pod.class, "Pod", plan.d.getMetadata().getNamespace())) {
      if (Selectors.matches(plan.d.getSpec().getSelector(), p.getMetadata().getLabels())) {
        ObjectCache.controllerOf(p).map(r -> byOwner.get(r.getUid())).ifPresent(list -> list.add(p));
      }
    }
    return byOwner;
  }
}
