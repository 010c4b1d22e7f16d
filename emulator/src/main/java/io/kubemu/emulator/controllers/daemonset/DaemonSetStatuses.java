package io.kubemu.emulator.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The DaemonSet's status (updateDaemonSetStatus): per node the template fits, whether it has a daemon
 * pod, and whether its oldest is ready, available and of the current template; a pod on a node the
 * template does not fit is misscheduled.
 */
final class DaemonSetStatuses {
  private DaemonSetStatuses() {}

  static List<Action> update(DaemonSet ds, Map<String, NodeFit.Verdict> fits, Map<String, List<Pod>> byNode, String hash, Instant now) {
    int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
    int desired = 0;
    int current = 0;
    int misscheduled = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    for (Map.Entry<String, NodeFit.Verdict> e : fits.entrySet()) {
      List<Pod> here = byNode.getOrDefault(e.getKey(), List.of());
      if (!e.getValue().shouldRun()) {
        misscheduled += here.isEmpty() ? 0 : 1;
        continue;
      }
      desired++;
      if (here.isEmpty()) {
        continue;
      }
      current++;
      Pod oldest = here.stream().min(DaemonPods.OLDEST_FIRST).orElseThrow();
      if (Pods.isReady(oldest)) {
        ready++;
        available += Pods.isAvailable(oldest, minReady, now) ? 1 : 0;
      }
      updated += DaemonPods.isUpdated(oldest, hash) ? 1 : 0;
    }
    DaemonSetStatus s = new DaemonSetStatus();
    DaemonSetStatus old = ds.getStatus();
    s.setCollisionCount(old == null ? null : old.getCollisionCount());
    s.setConditions(old == null ? null : old.getConditions());
    s.setDesiredNumberScheduled(desired);
    s.setCurrentNumberScheduled(current);
    s.setNumberMisscheduled(misscheduled);
    s.setNumberReady(ready);
    s.setNumberAvailable(available);
    s.setNumberUnavailable(desired - available);
    s.setUpdatedNumberScheduled(updated);
    s.setObservedGeneration(ds.getMetadata().getGeneration());
    List<Action> out = new ArrayList<>();
    if (!Objects.equals(old, s)) {
      DaemonSet changed = Owners.copy(ds);
      changed.setStatus(s);
      out.add(new Action.UpdateStatus(changed));
    }
    if (minReady > 0 && ready != available) {
      out.add(new Action.RequeueAfter(Duration.ofSeconds(minReady)));
    }
    return out;
  }
}
