package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controlplane.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one sync of a Deployment will write. The real controller writes as it goes (an RS update
 * here, a status update there); a pure reconcile instead works on copies: {@link #d} (whose status
 * and annotations the sync changes) and the ReplicaSets it owns, and turns what changed into at
 * most one write per object, so two writes of one sync never conflict with each other.
 */
final class Plan {
  final Deployment d;
  final Instant now;
  final ObjectCache cache;
  private final Deployment original;
  private final Map<String, ReplicaSet> owned = new LinkedHashMap<>();
  /** The size each owned ReplicaSet had before the sync (0 for one it creates), for the ScalingReplicaSet events. */
  private final Map<String, Integer> sizeBefore = new HashMap<>();
  private final Set<String> created = new LinkedHashSet<>();
  private final Set<String> updated = new LinkedHashSet<>();
  private final List<Action> other = new ArrayList<>();
  private boolean deploymentUpdated;
  private Duration requeue;

  Plan(Deployment original, ObjectCache cache, Instant now) {
    this.original = original;
    this.d = Owners.copy(original);
    if (d.getStatus() == null) {
      d.setStatus(new DeploymentStatus());
    }
    this.cache = cache;
    this.now = now;
  }

  /** A ReplicaSet the Deployment owns (a copy, which the sync may change). */
  void own(ReplicaSet rs) {
    owned.put(rs.getMetadata().getName(), Owners.copy(rs));
    sizeBefore.put(rs.getMetadata().getName(), ReplicaSets.replicas(rs));
  }

  /** Adopts an orphan (ClaimReplicaSets): its copy gains the Deployment as controller, written at the end. */
  void adopt(ReplicaSet orphan) {
    ReplicaSet rs = Owners.copy(orphan);
    List<OwnerReference> refs = new ArrayList<>(rs.getMetadata().getOwnerReferences() == null ? List.of() : rs.getMetadata().getOwnerReferences());
    refs.add(Owners.controllerRef(d));
    rs.getMetadata().setOwnerReferences(refs);
    owned.put(rs.getMetadata().getName(), rs);
    sizeBefore.put(rs.getMetadata().getName(), ReplicaSets.replicas(rs));
    updated.add(rs.getMetadata().getName());
  }

  /** Releases a ReplicaSet the Deployment controls but whose labels its selector no longer matches. */
  void release(ReplicaSet rs) {
    ReplicaSet freed = Owners.copy(rs);
    freed.getMetadata().setOwnerReferences(new ArrayList<>(freed.getMetadata().getOwnerReferences().stream()
        .filter(r -> !r.getUid().equals(d.getMetadata().getUid())).toList()));
    other.add(new Action.Update(freed));
  }

  /** Every owned ReplicaSet, oldest first. */
  List<ReplicaSet> replicaSets() {
    return owned.values().stream().sorted(ReplicaSets.BY_CREATION).toList();
  }

  /** The owned ReplicaSets other than {@code newRS} (which may be null), oldest first. */
  List<ReplicaSet> others(ReplicaSet newRS) {
    return replicaSets().stream().filter(rs -> rs != newRS).toList();
  }

  /** Both, as the real controller's {@code append(oldRSs, newRS)}; newRS may be null. */
  static List<ReplicaSet> all(List<ReplicaSet> old, ReplicaSet newRS) {
    List<ReplicaSet> all = new ArrayList<>(old);
    if (newRS != null) {
      all.add(newRS);
    }
    return all;
  }

  void create(ReplicaSet rs) {
    owned.put(rs.getMetadata().getName(), rs);
    sizeBefore.put(rs.getMetadata().getName(), 0);
    created.add(rs.getMetadata().getName());
  }

  /** The caller changed {@code rs} (one of {@link #replicaSets()}); it is written once at the end. */
  void update(ReplicaSet rs) {
    if (!created.contains(rs.getMetadata().getName())) {
      updated.add(rs.getMetadata().getName());
    }
  }

  void delete(ReplicaSet rs) {
    owned.remove(rs.getMetadata().getName());
    updated.remove(rs.getMetadata().getName());
    other.add(Action.Delete.of(rs));
  }

  /**
   * scaleReplicaSetAndRecordEvent: nothing when {@code rs} has that size already; otherwise the
   * size and the desired/max-replicas annotations. True when the size changed.
   */
  boolean scale(ReplicaSet rs, int size) {
    return ReplicaSets.replicas(rs) != size && resize(rs, size);
  }

  /** scaleReplicaSet: sets the size and refreshes the desired/max-replicas annotations; true when the size changed. */
  boolean resize(ReplicaSet rs, int size) {
    boolean sized = ReplicaSets.replicas(rs) != size;
    rs.getSpec().setReplicas(size);
    boolean annotated = NewReplicaSet.setReplicasAnnotations(rs, Sync.replicas(d), Sync.replicas(d) + Fenceposts.of(d).maxSurge());
    if (sized || annotated) {
      update(rs);
    }
    return sized;
  }

  /** The Deployment's metadata or spec changed (its revision annotation, a rollback): it is updated at the end. */
  void updateDeployment() {
    deploymentUpdated = true;
  }

  void requeueAfter(Duration after) {
    requeue = after;
  }

  /**
   * scaleReplicaSet's "ScalingReplicaSet" Event, once the write that resized {@code rs} succeeded:
   * "Scaled up replica set web-7d4f5c6b8 from 0 to 3". Null when its size did not change. One
   * event per ReplicaSet and sync, from its size before to its size after, as the sync writes it once.
   */
  private Event scaled(ReplicaSet rs) {
    int from = sizeBefore.getOrDefault(rs.getMetadata().getName(), 0);
    int to = ReplicaSets.replicas(rs);
    return from == to ? null : Events.normal(DeploymentReconciler.COMPONENT, original, "ScalingReplicaSet",
        "Scaled " + (to > from ? "up" : "down") + " replica set " + rs.getMetadata().getName() + " from " + from + " to " + to, now);
  }

  /** The new ReplicaSet created: scaled up from 0 (unless created empty), or ReplicaSetCreateError, but not for AlreadyExists. */
  private Action.Recording createdEvent(ReplicaSet rs) {
    Event up = scaled(rs);
    return answer -> answer.succeeded() ? Optional.ofNullable(up) : answer.status() == 409 ? Optional.empty()
        : Optional.of(Events.warning(DeploymentReconciler.COMPONENT, original, "ReplicaSetCreateError",
            "Failed to create new replica set \"" + rs.getMetadata().getName() + "\": " + answer.message(), now));
  }

  /** Creates, then ReplicaSet updates, deletes, the Deployment, its status, and the requeue. */
  List<Action> actions() {
    List<Action> out = new ArrayList<>();
    created.forEach(n -> out.add(new Action.Create(owned.get(n), createdEvent(owned.get(n)))));
    updated.forEach(n -> out.add(new Action.Update(owned.get(n), Events.onSuccess(scaled(owned.get(n))))));
    out.addAll(other);
    if (deploymentUpdated) {
      out.add(new Action.Update(d));
    }
    DeploymentStatus was = original.getStatus() == null ? new DeploymentStatus() : original.getStatus();
    if (!Json.MAPPER.valueToTree(was).equals(Json.MAPPER.valueToTree(d.getStatus()))) {
      Deployment status = d;
      if (deploymentUpdated) {
        // the update above changes the resourceVersion; only this controller writes the status, so
        // writing it unconditionally loses nothing (the real one writes annotations through the status)
        status = Owners.copy(d);
        status.getMetadata().setResourceVersion(null);
      }
      out.add(new Action.UpdateStatus(status));
    }
    if (requeue != null) {
      out.add(new Action.RequeueAfter(requeue));
    }
    return out;
  }
}
