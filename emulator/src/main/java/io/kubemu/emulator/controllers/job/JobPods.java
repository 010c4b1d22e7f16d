package io.kubemu.emulator.controllers.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Job's pods: how they are made (with a completion index in Indexed mode), when they finished, and the back-off after failures. */
final class JobPods {
  static final String INDEX_KEY = "batch.kubernetes.io/job-completion-index";
  static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
  /** DefaultJobPodFailureBackOff, doubled per failure since the last success, up to the documented six minutes. */
  static final Duration BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(6);

  private JobPods() {}

  /**
   * A pod from the Job's template, named {@code <job>-<random>}; with an index (Indexed mode) named
   * {@code <job>-<index>-<random>}, with hostname {@code <job>-<index>}, the index as annotation and
   * label, and JOB_COMPLETION_INDEX in every container's environment from the annotation.
   */
  static Pod newPod(Job job, Integer index) {
    String name = job.getMetadata().getName();
    Pod pod = Owners.podFromTemplate(job.getSpec().getTemplate(), job, index == null ? name + "-" : name + "-" + index + "-");
    if (index == null) {
      return pod;
    }
    String value = Integer.toString(index);
    Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? new HashMap<>() : pod.getMetadata().getAnnotations();
    annotations.put(INDEX_KEY, value);
    pod.getMetadata().setAnnotations(annotations);
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? new HashMap<>() : pod.getMetadata().getLabels();
    labels.put(INDEX_KEY, value);
    pod.getMetadata().setLabels(labels);
    pod.getSpec().setHostname(name + "-" + index);
    for (Container c : pod.getSpec().getContainers()) {
      List<EnvVar> env = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
      if (env.stream().noneMatch(e -> INDEX_ENV.equals(e.getName()))) {
        env.add(new EnvVarBuilder().withName(INDEX_ENV).withNewValueFrom().withNewFieldRef()
            .withFieldPath("metadata.annotations['" + INDEX_KEY + "']").endFieldRef().endValueFrom().build());
      }
      c.setEnv(env);
    }
    return pod;
  }

  /** The completion index a pod's annotation gives, or -1. */
  static int index(Pod p) {
    String v = p.getMetadata().getAnnotations() == null ? null : p.getMetadata().getAnnotations().get(INDEX_KEY);
    try {
      return v == null ? -1 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean succeeded(Pod p) {
    return p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase());
  }

  static boolean failed(Pod p) {
    return p.getStatus() != null && "Failed".equals(p.getStatus().getPhase());
  }

  /** When a finished pod finished: its last container's exit, else when it stopped being Ready, else its creation. */
  static Instant finishedAt(Pod p) {
    List<ContainerStatus> cs = p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? List.of()
        : p.getStatus().getContainerStatuses();
    return cs.stream().filter(c -> c.getState() != null && c.getState().getTerminated() != null)
        .map(c -> Pods.instant(c.getState().getTerminated().getFinishedAt())).max(Comparator.naturalOrder())
        .or(() -> Pods.readySince(p)).orElse(Pods.instant(p.getMetadata().getCreationTimestamp()));
  }

  /**
   * How long new pods must still wait after failures (the controller's backoffRecord): 10s after
   * the first failure since the last success, doubling per further failure, at most six minutes,
   * counted from the last failure.
   */
  static Duration backoffRemaining(List<Pod> pods, Instant now) {
    Instant lastSuccess = pods.stream().filter(JobPods::succeeded).map(JobPods::finishedAt).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    List<Instant> failures = pods.stream().filter(JobPods::failed).map(JobPods::finishedAt).filter(t -> t.isAfter(lastSuccess)).toList();
    if (failures.isEmpty()) {
      return Duration.ZERO;
    }
    Duration wait = BACKOFF;
    for (int i = 1; i < failures.size() && wait.compareTo(MAX_BACKOFF) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    Duration elapsed = Duration.between(failures.stream().max(Comparator.naturalOrder()).orElseThrow(), now);
    return elapsed.compareTo(wait) >= 0 ? Duration.ZERO : wait.minus(elapsed);
  }

  /** pastBackoffLimitOnFailure: with restartPolicy OnFailure, the container restarts of unfinished pods count as failures. */
  static boolean pastBackoffLimitOnFailure(Job job, List<Pod> pods) {
    if (!"OnFailure".equals(job.getSpec().getTemplate().getSpec().getRestartPolicy())) {
      return false;
    }
    int restarts = 0;
    for (Pod p : pods) {
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      if ("Running".equals(phase) || "Pending".equals(phase)) {
        restarts += Pods.restarts(p);
      }
    }
    int limit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
    return limit == 0 ? restarts > 0 : restarts >= limit;
  }
}
