package io.kubemu.emulator.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Pods;
import io.kubemu.emulator.controllers.PodOwnerReconciler;
import io.kubemu.emulator.controllers.Selectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ReplicaSet controller: keeps as many active pods as spec.replicas says, creating from the
 * template (at most {@link #BURST} per pass, as the real controller's burst) and deleting the
 * surplus in {@link Pods#DELETE_FIRST} order; adopts matching orphans; reports replicas, ready and
 * available counts with observedGeneration. Records SuccessfulCreate, FailedCreate, SuccessfulDelete
 * and FailedDelete Events on the ReplicaSet.
 */
public final class ReplicaSetReconciler extends PodOwnerReconciler<ReplicaSet> {
  public ReplicaSetReconciler() {
    super("ReplicaSet", ReplicaSet.class, rs -> rs.getSpec().getSelector());
  }

  static final int BURST = 500;
  /** The source of its Events, as kube-controller-manager names it. */
  static final String COMPONENT = "replicaset-controller";

  @Override
  public String name() {
    return "replicaset";
  }

  @Override
  protected List<Action> reconcile(ReplicaSet rs, ObjectCache cache, Instant now) {
    String ns = rs.getMetadata().getNamespace();
    List<Action> actions = new ArrayList<>();
    List<Pod> owned = new ArrayList<>();
    for (Pod p : cache.list(Pod.class, "Pod", ns)) {
      if (Owners.controlledBy(p, rs)) {
        owned.add(p);
      } else if (ObjectCache.controllerOf(p).isEmpty() && p.getMetadata().getDeletionTimestamp() == null
          && Selectors.matches(rs.getSpec().getSelector(), p.getMetadata().getLabels())) {
        Pod adopted = Owners.copy(p);
        List<io.fabric8.kubernetes.api.model.OwnerReference> refs = new ArrayList<>(
            adopted.getMetadata().getOwnerReferences() == null ? List.of() : adopted.getMetadata().getOwnerReferences());
        refs.add(Owners.controllerRef(rs));
        adopted.getMetadata().setOwnerReferences(refs);
        actions.add(new Action.Update(adopted));
        owned.add(p);
      }
    }
    List<Pod> active = owned.stream().filter(Pods::isActive).toList();
    int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    int diff = active.size() - desired;
    if (diff < 0) {
      for (int i = 0; i < Math.min(-diff, BURST); i++) {
        actions.add(new Action.Create(Owners.podFromTemplate(rs.getSpec().getTemplate(), rs, rs.getMetadata().getName() + "-"),
            Events.podCreated(COMPONENT, rs, now)));
      }
    } else if (diff > 0) {
      active.stream().sorted(Pods.DELETE_FIRST).limit(diff)
          .forEach(p -> actions.add(Action.Delete.of(p, Events.podDeleted(COMPONENT, rs, p.getMetadata().getName(), now))));
    }
    int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
    actions.addAll(status(rs, active, minReady, now));
    return actions;
  }

  private static List<Action> status(ReplicaSet rs, List<Pod> active, int minReady, Instant now) {
    List<Action> out = new ArrayList<>();
    ReplicaSetStatus s = new ReplicaSetStatus();
    s.setReplicas(active.size());
    s.setFullyLabeledReplicas((int) active.stream()
        .filter(p -> rs.getSpec().getTemplate().getMetadata() == null || labelsInclude(p, rs)).count());
    s.setReadyReplicas((int) active.stream().filter(Pods::isReady).count());
    s.setAvailableReplicas((int) active.stream().filter(p -> Pods.isAvailable(p, minReady, now)).count());
    s.setObservedGeneration(rs.getMetadata().getGeneration());
    s.setConditions(rs.getStatus() == null ? null : rs.getStatus().getConditions());
    if (s.getReadyReplicas() > s.getAvailableReplicas()) {
      Instant soonest = active.stream().filter(Pods::isReady).map(p -> Pods.readySince(p).orElse(now).plusSeconds(minReady))
          .filter(t -> t.isAfter(now)).min(Instant::compareTo).orElse(now.plusSeconds(1));
      out.add(new Action.RequeueAfter(Duration.between(now, soonest).plusMillis(100)));
    }
    if (!Objects.equals(normalized(rs.getStatus()), normalized(s))) {
      ReplicaSet updated = Owners.copy(rs);
      updated.setStatus(s);
      out.add(new Action.UpdateStatus(updated));
    }
    return out;
  }

  private static boolean labelsInclude(Pod p, ReplicaSet rs) {
    var want = rs.getSpec().getTemplate().getMetadata().getLabels();
    var have = p.getMetadata().getLabels();
    return want == null || (have != null && have.entrySet().containsAll(want.entrySet()));
  }

  /** The fields this controller writes; zero counts are omitted on the wire (omitempty), so null and 0 compare equal. */
  private static List<Object> normalized(ReplicaSetStatus s) {
    if (s == null) {
      return List.of(0, 0, 0, 0, 0L);
    }
    return List.of(zero(s.getReplicas()), zero(s.getFullyLabeledReplicas()), zero(s.getReadyReplicas()),
        zero(s.getAvailableReplicas()), s.getObservedGeneration() == null ? 0L : s.getObservedGeneration());
  }

  private static int zero(Integer i) {
    return i == null ? 0 : i;
  }
}
