package io.kubemu.emulator.controllers.daemonset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Claims;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Reconciler;
import io.kubemu.emulator.controllers.RevisionHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DaemonSet controller: one pod on every node the template fits ({@link NodeFit}), whether the
 * node is Ready or not; pods on nodes that no longer fit (or no longer exist), failed pods and a
 * node's extra pods are deleted. With the RollingUpdate strategy, pods of an older template are
 * replaced within maxUnavailable ({@link DaemonSetRollout}); with OnDelete, only when deleted. The
 * revision is the template hash in the {@code controller-revision-hash} label; no
 * ControllerRevision objects are kept. Records SuccessfulCreate, SuccessfulDelete and FailedDaemonPod
 * Events (and the failures of its writes) on the DaemonSet.
 */
public final class DaemonSetReconciler implements Reconciler {
  /** Pods created per pass at most (the controller's BurstReplicas). */
  static final int BURST = 250;
  /** The source of its Events, as kube-controller-manager names it. */
  static final String COMPONENT = "daemonset-controller";

  @Override
  public String name() {
    return "daemonset";
  }

  @Override
  public List<String> kinds() {
    return List.of("DaemonSet", "Pod", "Node");
  }

  @Override
  public Collection<String> keysFor(HasMetadata changed, ObjectCache cache) {
    if (changed instanceof DaemonSet) {
      return List.of(ObjectCache.key(changed));
    }
    if (changed instanceof Node) {
      return allKeys(cache);
    }
    return Claims.ownerKeys(changed, cache, "DaemonSet", DaemonSet.class, ds -> ds.getSpec().getSelector());
  }

  @Override
  public Collection<String> allKeys(ObjectCache cache) {
    return cache.list(DaemonSet.class, "DaemonSet", null).stream().map(ObjectCache::key).toList();
  }

  @Override
  public List<Action> reconcile(String key, ObjectCache cache, Instant now) {
    String ns = ObjectCache.namespaceOf(key);
    DaemonSet ds = cache.get(DaemonSet.class, "DaemonSet", ns, ObjectCache.nameOf(key)).orElse(null);
    if (ds == null || ds.getMetadata().getDeletionTimestamp() != null) {
      return List.of();
    }
    List<Action> actions = new ArrayList<>();
    List<Pod> pods = Claims.pods(ds, ds.getSpec().getSelector(), cache.list(Pod.class, "Pod", ns), actions);
    String hash = RevisionHash.of(ds.getSpec().getTemplate());
    List<Node> nodes = cache.list(Node.class, "Node", null);
    Map<String, List<Pod>> byNode = new TreeMap<>();
    for (Pod p : pods) {
      String node = DaemonPods.targetNode(p);
      if (!(DaemonPods.isTerminal(p) && p.getMetadata().getDeletionTimestamp() != null)) {
        byNode.computeIfAbsent(node == null ? "" : node, n -> new ArrayList<>()).add(p);
      }
    }
    PodSpec spec = DaemonPods.withDaemonTolerations(ds.getSpec().getTemplate().getSpec());
    Map<String, NodeFit.Verdict> fits = new TreeMap<>();
    nodes.forEach(n -> fits.put(n.getMetadata().getName(), NodeFit.of(n, spec)));
    List<Action> changes = manage(ds, fits, byNode, hash, now);
    actions.addAll(changes);
    String strategy = ds.getSpec().getUpdateStrategy() == null ? "RollingUpdate" : ds.getSpec().getUpdateStrategy().getType();
    int desired = (int) fits.values().stream().filter(NodeFit.Verdict::shouldRun).count();
    if (changes.isEmpty() && "RollingUpdate".equals(strategy)) {
      byNode.remove("");
      DaemonSetRollout.podsToReplace(ds, byNode, hash, desired, now).forEach(p -> actions.add(delete(ds, p, now)));
    }
    actions.addAll(DaemonSetStatuses.update(ds, fits, byNode, hash, now));
    return actions;
  }

  /** podsShouldBeOnNode for every node, and the pods of nodes that are gone: the creates and deletes that place the daemon pods. */
  private static List<Action> manage(DaemonSet ds, Map<String, NodeFit.Verdict> fits, Map<String, List<Pod>> byNode, String hash,
      Instant now) {
    List<Action> out = new ArrayList<>();
    int created = 0;
    for (Map.Entry<String, NodeFit.Verdict> e : fits.entrySet()) {
      List<Pod> here = byNode.getOrDefault(e.getKey(), List.of());
      NodeFit.Verdict fit = e.getValue();
      if (fit.shouldRun() && here.isEmpty()) {
        if (created++ < BURST) {
          out.add(new Action.Create(DaemonPods.newPod(ds, e.getKey(), hash), Events.podCreated(COMPONENT, ds, now)));
        }
      } else if (fit.shouldContinueRunning()) {
        List<Pod> running = new ArrayList<>();
        for (Pod p : here) {
          if (p.getMetadata().getDeletionTimestamp() != null) {
            continue;
          }
          if (DaemonPods.isTerminal(p)) {
            if ("Failed".equals(p.getStatus().getPhase())) {
              out.add(new Action.Create(Events.warning(COMPONENT, ds, "FailedDaemonPod", "Found failed daemon pod "
                  + ObjectCache.key(p) + " on node " + e.getKey() + ", will try to kill it", now)));
            }
            out.add(delete(ds, p, now));
          } else {
            running.add(p);
          }
        }
        running.sort(DaemonPods.OLDEST_FIRST);
        running.stream().skip(1).forEach(p -> out.add(delete(ds, p, now)));
      } else {
        here.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).forEach(p -> out.add(delete(ds, p, now)));
      }
    }
    byNode.forEach((node, pods) -> {
      if (!fits.containsKey(node)) {
        pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).forEach(p -> out.add(delete(ds, p, now)));
      }
    });
    return out;
  }

  private static Action delete(DaemonSet ds, Pod p, Instant now) {
    return Action.Delete.of(p, Events.podDeleted(COMPONENT, ds, p.getMetadata().getName(), now));
  }
}
