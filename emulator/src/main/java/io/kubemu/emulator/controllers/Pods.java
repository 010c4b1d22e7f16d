package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** What the workload controllers read from pods: activity, readiness, availability, and which to delete first. */
public final class Pods {
  private Pods() {}

  /** Not being deleted and not finished: the pods a ReplicaSet counts. */
  public static boolean isActive(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return p.getMetadata().getDeletionTimestamp() == null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  public static boolean isReady(Pod p) {
    return readyCondition(p).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** Ready for at least {@code minReadySeconds} at {@code now}. */
  public static boolean isAvailable(Pod p, int minReadySeconds, Instant now) {
    if (!isReady(p)) {
      return false;
    }
    return minReadySeconds <= 0 || readySince(p).map(t -> !t.plusSeconds(minReadySeconds).isAfter(now)).orElse(false);
  }

  /** When the Ready condition last turned to its current status. */
  public static Optional<Instant> readySince(Pod p) {
    return readyCondition(p).map(PodCondition::getLastTransitionTime).map(Pods::instant);
  }

  private static Optional<PodCondition> readyCondition(Pod p) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return p.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  public static int restarts(Pod p) {
    if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return p.getStatus().getContainerStatuses().stream().mapToInt(ContainerStatus::getRestartCount).sum();
  }

  public static Instant instant(String timestamp) {
    try {
      return timestamp == null ? Instant.EPOCH : Instant.parse(timestamp);
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static int phaseRank(Pod p) {
    String phase = p.getStatus() == null ? "Pending" : String.valueOf(p.getStatus().getPhase());
    return switch (phase) {
      case "Pending" -> 0;
      case "Running" -> 2;
      default -> 1;
    };
  }

  /**
   * The order in which a ReplicaSet deletes surplus pods (the controller's ActivePods order):
   * unscheduled first, then Pending before Unknown before Running, not ready before ready, ready
   * for less time first, more restarts first, newer first.
   */
  public static final Comparator<Pod> DELETE_FIRST = Comparator
      .<Pod>comparingInt(p -> p.getSpec() == null || p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty() ? 0 : 1)
      .thenComparingInt(Pods::phaseRank)
      .thenComparingInt(p -> isReady(p) ? 1 : 0)
      .thenComparing(p -> readySince(p).orElse(Instant.EPOCH), Comparator.reverseOrder())
      .thenComparing(Pods::restarts, Comparator.reverseOrder())
      .thenComparing(p -> instant(p.getMetadata().getCreationTimestamp()), Comparator.reverseOrder());
}
