package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A Deployment's status conditions, as deployment_util.go reads and sets them, with their reasons. */
final class Conditions {
  static final String AVAILABLE = "Available";
  static final String PROGRESSING = "Progressing";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
  static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
  static final String NEW_RS_CREATED = "NewReplicaSetCreated";
  static final String FOUND_NEW_RS = "FoundNewReplicaSet";
  static final String RS_UPDATED = "ReplicaSetUpdated";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";

  private Conditions() {}

  /** A metav1.Time: RFC 3339 to the second. */
  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** NewDeploymentCondition: updated and transitioned now. */
  static DeploymentCondition of(String type, String status, String reason, String message, Instant now) {
    DeploymentCondition c = new DeploymentCondition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    c.setLastUpdateTime(time(now));
    c.setLastTransitionTime(time(now));
    return c;
  }

  static DeploymentCondition get(DeploymentStatus s, String type) {
    return s.getConditions() == null ? null : s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /**
   * SetDeploymentCondition: nothing when a condition of that type has the same status and reason;
   * else replaces it (moved to the end), keeping lastTransitionTime when the status is unchanged.
   */
  static void set(DeploymentStatus s, DeploymentCondition c) {
    DeploymentCondition current = get(s, c.getType());
    if (current != null && Objects.equals(current.getStatus(), c.getStatus()) && Objects.equals(current.getReason(), c.getReason())) {
      return;
    }
    if (current != null && Objects.equals(current.getStatus(), c.getStatus())) {
      c.setLastTransitionTime(current.getLastTransitionTime());
    }
    remove(s, c.getType());
    List<DeploymentCondition> conditions = new ArrayList<>(s.getConditions() == null ? List.of() : s.getConditions());
    conditions.add(c);
    s.setConditions(conditions);
  }

  static void remove(DeploymentStatus s, String type) {
    if (s.getConditions() != null) {
      s.setConditions(new ArrayList<>(s.getConditions().stream().filter(c -> !type.equals(c.getType())).toList()));
    }
  }
}
