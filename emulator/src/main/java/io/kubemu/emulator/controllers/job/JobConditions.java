package io.kubemu.emulator.controllers.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Pods;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Job's conditions as batch/v1 has them since 1.31: the interim SuccessCriteriaMet or
 * FailureTarget when the outcome is decided, then Complete or Failed (with the same reason) once no
 * pod is left terminating; and ttlSecondsAfterFinished, which deletes a finished Job.
 */
final class JobConditions {
  static final String COMPLETE = "Complete";
  static final String FAILED = "Failed";
  static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
  static final String FAILURE_TARGET = "FailureTarget";
  static final String SUSPENDED = "Suspended";

  private JobConditions() {}

  static String timestamp(Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static JobCondition condition(String type, String status, String reason, String message, Instant now) {
    JobCondition c = new JobCondition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    c.setLastProbeTime(timestamp(now));
    c.setLastTransitionTime(timestamp(now));
    return c;
  }

  static Optional<JobCondition> find(List<JobCondition> conditions, String type) {
    return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static Optional<JobCondition> findTrue(Job job, String type) {
    return find(job.getStatus() == null ? null : job.getStatus().getConditions(), type).filter(c -> "True".equals(c.getStatus()));
  }

  static boolean isFinished(Job job) {
    return findTrue(job, COMPLETE).isPresent() || findTrue(job, FAILED).isPresent();
  }

  /**
   * ensureJobConditionStatus: sets the condition of that type, with a new transition time, unless
   * it already says the same; a False condition is not added where there is none.
   */
  static List<JobCondition> ensure(List<JobCondition> conditions, String type, String status, String reason, String message, Instant now) {
    List<JobCondition> out = new ArrayList<>(conditions == null ? List.of() : conditions);
    Optional<JobCondition> held = find(out, type);
    if (held.isPresent()) {
      JobCondition c = held.get();
      if (!status.equals(c.getStatus()) || !reason.equals(c.getReason()) || !message.equals(c.getMessage())) {
        out.set(out.indexOf(c), condition(type, status, reason, message, now));
        return out;
      }
    } else if (!status.equals("False")) {
      out.add(condition(type, status, reason, message, now));
      return out;
    }
    return conditions;
  }

  /** The ttl-after-finished controller: a finished Job goes (with its pods, in the foreground) ttlSecondsAfterFinished after it finished. */
  static List<Action> ttl(Job job, Instant now) {
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    if (ttl == null) {
      return List.of();
    }
    Instant finished = findTrue(job, COMPLETE).or(() -> findTrue(job, FAILED))
        .map(c -> Pods.instant(c.getLastTransitionTime())).orElse(now);
    Instant expires = finished.plusSeconds(ttl);
    if (!now.isBefore(expires)) {
      return List.of(new Action.Delete("Job", job.getMetadata().getNamespace(), job.getMetadata().getName(), "Foreground"));
    }
    return List.of(new Action.RequeueAfter(Duration.between(now, expires)));
  }
}
