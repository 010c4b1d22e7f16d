package io.kubemu.emulator.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Owners;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The StatefulSet's status (updateStatus and completeRollingUpdate), from the pods as they were at the start of the pass. */
final class StatefulSetStatuses {
  private StatefulSetStatuses() {}

  static List<Action> update(StatefulSet set, List<Pod> pods, String currentRevision, String updateRevision, Instant now) {
    int minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
    StatefulSetStatus s = new StatefulSetStatus();
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (Pod p : pods) {
      if (StatefulPods.isRunningAndReady(p)) {
        ready++;
        available += StatefulPods.isRunningAndAvailable(p, minReady, now) ? 1 : 0;
      }
      if (!StatefulPods.isTerminating(p)) {
        current += currentRevision.equals(StatefulPods.revision(p)) ? 1 : 0;
        updated += updateRevision.equals(StatefulPods.revision(p)) ? 1 : 0;
      }
    }
    s.setReplicas(pods.size());
    s.setReadyReplicas(ready);
    s.setAvailableReplicas(available);
    s.setCurrentReplicas(current);
    s.setUpdatedReplicas(updated);
    s.setCurrentRevision(currentRevision);
    s.setUpdateRevision(updateRevision);
    s.setObservedGeneration(set.getMetadata().getGeneration());
    s.setCollisionCount(0);
    s.setConditions(set.getStatus() == null ? null : set.getStatus().getConditions());
    boolean rolling = set.getSpec().getUpdateStrategy() == null || "RollingUpdate".equals(set.getSpec().getUpdateStrategy().getType());
    if (rolling && updated == pods.size() && ready == pods.size()) {
      s.setCurrentReplicas(updated);
      s.setCurrentRevision(updateRevision);
    }
    List<Action> out = new ArrayList<>();
    if (!Objects.equals(set.getStatus(), s)) {
      StatefulSet changed = Owners.copy(set);
      changed.setStatus(s);
      out.add(new Action.UpdateStatus(changed));
    }
    int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    if (minReady > 0 && available != replicas) {
      out.add(new Action.RequeueAfter(Duration.ofSeconds(minReady)));
    }
    return out;
  }
}
