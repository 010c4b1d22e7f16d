package io.kubemu.emulator.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Claims;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Pods;
import io.kubemu.emulator.controllers.PodOwnerReconciler;
import io.kubemu.emulator.controlplane.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Job controller (syncJob): runs up to parallelism pods until completions have succeeded
 * ({@link JobManager}); fails the Job when more pods failed than backoffLimit (with OnFailure,
 * when containers restarted that often) or when it ran past activeDeadlineSeconds, deleting its
 * active pods; deletes them too while suspended. Status: active, ready, terminating, succeeded,
 * failed, completedIndexes, startTime, completionTime and the conditions of {@link JobConditions}.
 * Events: SuccessfulCreate and SuccessfulDelete for its pods, Suspended, Resumed, and Completed or
 * the failure's reason (BackoffLimitExceeded, DeadlineExceeded) once the finished status is written.
 *
 * <p>Succeeded and failed are counted from the pods (and never go down). Kubernetes counts them
 * through a finalizer on each pod so that a deleted pod is still counted; kubemu's store does not
 * hold pods for finalizers, so a finished pod deleted by someone else before it was seen is not
 * counted, and a pod deleted while running is not counted as failed.
 */
public final class JobReconciler extends PodOwnerReconciler<Job> {
  public JobReconciler() {
    super("Job", Job.class, j -> j.getSpec().getSelector());
  }

  /** The source of its Events, as kube-controller-manager names it. */
  static final String COMPONENT = "job-controller";

  @Override
  public String name() {
    return "job";
  }

  @Override
  protected List<Action> reconcile(Job job, ObjectCache cache, Instant now) {
    String ns = job.getMetadata().getNamespace();
    if (JobConditions.isFinished(job)) {
      return JobConditions.ttl(job, now);
    }
    List<Action> actions = new ArrayList<>();
    List<Pod> pods = Claims.pods(job, job.getSpec().getSelector(), cache.list(Pod.class, "Pod", ns), actions);
    JobStatus status = job.getStatus() == null ? new JobStatus() : Json.MAPPER.convertValue(job.getStatus(), JobStatus.class);
    boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
    if (status.getStartTime() == null && !suspended) {
      status.setStartTime(JobConditions.timestamp(now));
    }
    JobManager m = new JobManager(job, pods, status, now, actions);
    JobCondition finished = interimCondition(job, status, pods, m.failed, suspended, now, actions);
    if (finished != null) {
      m.deleteAllActive();
    } else {
      m.manage(suspended);
      finished = m.complete() ? JobConditions.condition(JobConditions.SUCCESS_CRITERIA_MET, "True", "CompletionsReached",
          "Reached expected number of succeeded pods", now) : null;
      if (finished == null && suspendCondition(status, suspended, now)) {
        actions.add(new Action.Create(Events.normal(COMPONENT, job, suspended ? "Suspended" : "Resumed",
            suspended ? "Job suspended" : "Job resumed", now)));
      }
    }
    if (finished != null) {
      status.setConditions(JobConditions.ensure(status.getConditions(), finished.getType(), "True", finished.getReason(),
          finished.getMessage(), now));
      if (m.terminating == 0) {
        boolean success = finished.getType().equals(JobConditions.SUCCESS_CRITERIA_MET);
        status.setConditions(JobConditions.ensure(status.getConditions(), success ? JobConditions.COMPLETE : JobConditions.FAILED,
            "True", finished.getReason(), finished.getMessage(), now));
        status.setCompletionTime(success ? JobConditions.timestamp(now) : null);
      }
    }
    status.setActive(m.active);
    status.setReady(m.ready);
    status.setTerminating(m.terminating);
    status.setSucceeded(m.succeeded);
    status.setFailed(m.failed);
    status.setCompletedIndexes(m.indexed ? CompletedIndexes.format(m.completedIndexes) : null);
    if (!Objects.equals(job.getStatus(), status)) {
      Job changed = Owners.copy(job);
      changed.setStatus(status);
      actions.add(new Action.UpdateStatus(changed, finished(job, status, now)));
    }
    return soonestRequeue(actions);
  }

  /**
   * recordJobFinished, once the status that finishes the Job is written: "Completed", or a warning
   * with the failure's reason and message (BackoffLimitExceeded, DeadlineExceeded).
   */
  private static Action.Recording finished(Job job, JobStatus status, Instant now) {
    if (JobConditions.find(status.getConditions(), JobConditions.COMPLETE).filter(c -> "True".equals(c.getStatus())).isPresent()) {
      return Events.onSuccess(Events.normal(COMPONENT, job, "Completed", "Job completed", now));
    }
    return JobConditions.find(status.getConditions(), JobConditions.FAILED).filter(c -> "True".equals(c.getStatus()))
        .map(c -> Events.onSuccess(Events.warning(COMPONENT, job, c.getReason(), c.getMessage(), now)))
        .orElse(Action.Recording.NONE);
  }

  /** The deadline and the failure back-off may both ask to look again: the sooner is kept (a later one would replace it). */
  private static List<Action> soonestRequeue(List<Action> actions) {
    List<Action> out = new ArrayList<>(actions.stream().filter(a -> !(a instanceof Action.RequeueAfter)).toList());
    actions.stream().filter(a -> a instanceof Action.RequeueAfter).map(a -> (Action.RequeueAfter) a)
        .min(java.util.Comparator.comparing(Action.RequeueAfter::after)).ifPresent(out::add);
    return out;
  }

  /**
   * The outcome already decided (a FailureTarget or SuccessCriteriaMet condition), else a failure
   * decided now: the backoff limit, then the active deadline (which is otherwise looked at again
   * when it will have passed).
   */
  private static JobCondition interimCondition(Job job, JobStatus status, List<Pod> pods, int failed, boolean suspended, Instant now,
      List<Action> actions) {
    for (String type : List.of(JobConditions.FAILURE_TARGET, JobConditions.SUCCESS_CRITERIA_MET)) {
      var held = JobConditions.find(status.getConditions(), type).filter(c -> "True".equals(c.getStatus()));
      if (held.isPresent()) {
        return held.get();
      }
    }
    int backoffLimit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
    if (failed > backoffLimit || JobPods.pastBackoffLimitOnFailure(job, pods)) {
      return JobConditions.condition(JobConditions.FAILURE_TARGET, "True", "BackoffLimitExceeded",
          "Job has reached the specified backoff limit", now);
    }
    Long deadline = job.getSpec().getActiveDeadlineSeconds();
    if (deadline != null && !suspended && status.getStartTime() != null) {
      Duration left = Duration.between(now, Pods.instant(status.getStartTime()).plusSeconds(deadline));
      if (left.isNegative() || left.isZero()) {
        return JobConditions.condition(JobConditions.FAILURE_TARGET, "True", "DeadlineExceeded",
            "Job was active longer than specified deadline", now);
      }
      actions.add(new Action.RequeueAfter(left));
    }
    return null;
  }

  /**
   * Suspended True while suspended; when resumed it turns False and the clock of activeDeadlineSeconds
   * starts again. True when the condition changed (the controller then records Suspended or Resumed).
   */
  private static boolean suspendCondition(JobStatus status, boolean suspended, Instant now) {
    List<JobCondition> before = status.getConditions();
    if (suspended) {
      status.setConditions(JobConditions.ensure(before, JobConditions.SUSPENDED, "True", "JobSuspended", "Job suspended", now));
    } else {
      status.setConditions(JobConditions.ensure(before, JobConditions.SUSPENDED, "False", "JobResumed", "Job resumed", now));
      if (!Objects.equals(before, status.getConditions())) {
        status.setStartTime(JobConditions.timestamp(now));
      }
    }
    return !Objects.equals(before, status.getConditions());
  }
}
