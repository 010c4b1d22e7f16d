package io.kubemu.emulator.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Pods;
import io.kubemu.emulator.controllers.Reconciler;
import io.kubemu.emulator.scheduler.NodeMatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The node lifecycle controller's taint-based eviction: a pod on a node with a NoExecute taint it
 * does not tolerate is deleted at once; one it tolerates for tolerationSeconds is deleted that long
 * after the taint was added. Pods that say nothing about the not-ready and unreachable taints get
 * the DefaultTolerationSeconds admission plugin's toleration (300 s in Kubernetes, configurable
 * per cluster here as kubemu.cluster.pod-eviction-timeout). Their owners then replace them.
 *
 * <p>Before deleting, it records "TaintManagerEviction" on the pod, as the real one does. The real
 * one's reference to the pod has no uid, so {@code kubectl describe pod}, which selects events by
 * uid too, misses it; this one names the uid, so describe shows it.
 */
public final class TaintEviction implements Reconciler {
  /** The source of its Events: since Kubernetes 1.29 taint eviction is a controller of its own. */
  static final String COMPONENT = "taint-eviction-controller";
  static final Set<String> DEFAULT_TOLERATED = Set.of("node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready");

  private final Duration defaultToleration;

  public TaintEviction(Duration defaultToleration) {
    this.defaultToleration = defaultToleration;
  }

  @Override
  public String name() {
    return "node-lifecycle";
  }

  @Override
  public List<String> kinds() {
    return List.of("Node", "Pod");
  }

  @Override
  public Collection<String> keysFor(HasMetadata changed, ObjectCache cache) {
    if (changed instanceof Node n) {
      return cache.list(Pod.class, "Pod", null).stream()
          .filter(p -> n.getMetadata().getName().equals(p.getSpec().getNodeName())).map(ObjectCache::key).toList();
    }
    return changed instanceof Pod p && p.getSpec().getNodeName() != null ? List.of(ObjectCache.key(p)) : List.of();
  }

  @Override
  public Collection<String> allKeys(ObjectCache cache) {
    return cache.list(Pod.class, "Pod", null).stream().filter(p -> p.getSpec().getNodeName() != null).map(ObjectCache::key).toList();
  }

  @Override
  public List<Action> reconcile(String key, ObjectCache cache, Instant now) {
    Pod pod = cache.get(Pod.class, "Pod", ObjectCache.namespaceOf(key), ObjectCache.nameOf(key)).orElse(null);
    if (pod == null || pod.getMetadata().getDeletionTimestamp() != null || pod.getSpec().getNodeName() == null) {
      return List.of();
    }
    Node node = cache.get(Node.class, "Node", null, pod.getSpec().getNodeName()).orElse(null);
    if (node == null || node.getSpec().getTaints() == null) {
      return List.of();
    }
    Instant evictAt = null;
    for (Taint t : node.getSpec().getTaints()) {
      if (!t.getEffect().equals("NoExecute")) {
        continue;
      }
      Instant at = evictionTime(pod, t);
      if (at != null && (evictAt == null || at.isBefore(evictAt))) {
        evictAt = at;
      }
    }
    if (evictAt == null) {
      return List.of();
    }
    if (evictAt.isAfter(now)) {
      return List.of(new Action.RequeueAfter(Duration.between(now, evictAt)));
    }
    return List.of(new Action.Create(Events.normal(COMPONENT, pod, "TaintManagerEviction", "Marking for deletion Pod " + key, now)),
        Action.Delete.of(pod));
  }

  /** When the pod must go because of {@code t}, or null when it tolerates it for ever. */
  private Instant evictionTime(Pod pod, Taint t) {
    Instant added = Pods.instant(t.getTimeAdded());
    List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    List<Toleration> matching = tolerations.stream()
        .filter(tol -> NodeMatch.tolerates(tol, t)).toList();
    if (matching.isEmpty()) {
      return DEFAULT_TOLERATED.contains(t.getKey()) ? added.plus(defaultToleration) : Instant.MIN;
    }
    if (matching.stream().anyMatch(tol -> tol.getTolerationSeconds() == null)) {
      return null;
    }
    long seconds = matching.stream().mapToLong(tol -> Math.max(0, tol.getTolerationSeconds())).min().orElse(0);
    return added.plusSeconds(seconds);
  }

}
