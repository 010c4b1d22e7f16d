package io.kubemu.emulator.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.controllers.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pass of the Job controller over a Job's pods (manageJob): the counts it reports, and the pods
 * to create or delete so that as many run as parallelism allows and the remaining completions
 * need. In Indexed mode each pod has a completion index; an index is done once a pod with it
 * succeeded, and pods for done, duplicate or out-of-range indexes are deleted.
 */
final class JobManager {
  /** Creates per pass at most (MaxPodCreateDeletePerSync). */
  static final int BURST = 500;

  private final Job job;
  private final List<Pod> pods;
  private final Instant now;
  private final List<Action> actions;
  private final List<Pod> activePods = new ArrayList<>();
  final boolean indexed;
  final TreeSet<Integer> completedIndexes;
  final Integer completions;
  int active;
  int ready;
  int terminating;
  final int succeeded;
  final int failed;

  JobManager(Job job, List<Pod> pods, JobStatus status, Instant now, List<Action> actions) {
    this.job = job;
    this.pods = pods;
    this.now = now;
    this.actions = actions;
    this.indexed = "Indexed".equals(job.getSpec().getCompletionMode());
    this.completions = job.getSpec().getCompletions();
    int succeededPods = 0;
    int failedPods = 0;
    completedIndexes = indexed ? CompletedIndexes.parse(status.getCompletedIndexes(), completions) : new TreeSet<>();
    for (Pod p : pods) {
      if (JobPods.succeeded(p)) {
        succeededPods++;
        int i = JobPods.index(p);
        if (indexed && i >= 0 && i < completions) {
          completedIndexes.add(i);
        }
      } else if (JobPods.failed(p)) {
        failedPods++;
      } else if (p.getMetadata().getDeletionTimestamp() != null) {
        terminating++;
      } else {
        activePods.add(p);
        ready += Pods.isReady(p) ? 1 : 0;
      }
    }
    active = activePods.size();
    succeeded = indexed ? completedIndexes.size() : Math.max(zero(status.getSucceeded()), succeededPods);
    failed = Math.max(zero(status.getFailed()), failedPods);
  }

  private static int zero(Integer i) {
    return i == null ? 0 : i;
  }

  /** Whether the Job has all the completions it needs (or, without completions, any success) and nothing runs. */
  boolean complete() {
    return active == 0 && (completions == null ? succeeded > 0 : succeeded >= completions);
  }

  void deleteAllActive() {
    delete(new ArrayList<>(activePods));
  }

  private void delete(List<Pod> victims) {
    for (Pod p : victims) {
      actions.add(Action.Delete.of(p, Events.podDeleted(JobReconciler.COMPONENT, job, p.getMetadata().getName(), now)));
      activePods.remove(p);
      active--;
      terminating++;
      ready -= Pods.isReady(p) ? 1 : 0;
    }
  }

  /** manageJob: deletes what runs beyond what is wanted (all while suspended), then creates what is missing, after the failure back-off. */
  void manage(boolean suspended) {
    if (suspended) {
      deleteAllActive();
      return;
    }
    int parallelism = job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
    int wantActive = completions == null ? (succeeded > 0 ? active : parallelism)
        : Math.max(0, Math.min(parallelism, completions - succeeded));
    List<Pod> removal = indexed ? badIndexes() : new ArrayList<>();
    List<Pod> rest = new ArrayList<>(activePods);
    rest.removeAll(removal);
    rest.sort(Pods.DELETE_FIRST);
    int more = active - removal.size() - wantActive;
    removal.addAll(rest.subList(0, Math.max(0, Math.min(more, rest.size()))));
    delete(removal);
    if (active >= wantActive) {
      return;
    }
    Duration wait = JobPods.backoffRemaining(pods, now);
    if (!wait.isZero()) {
      actions.add(new Action.RequeueAfter(wait));
      return;
    }
    int diff = Math.min(wantActive - active, BURST);
    List<Integer> indexes = indexed ? pendingIndexes(diff) : null;
    diff = indexed ? indexes.size() : diff;
    for (int n = 0; n < diff; n++) {
      actions.add(new Action.Create(JobPods.newPod(job, indexed ? indexes.get(n) : null), Events.podCreated(JobReconciler.COMPONENT, job, now)));
    }
    active += diff;
  }

  /** Active pods whose index is out of range, already completed, or taken by an earlier pod. */
  private List<Pod> badIndexes() {
    List<Pod> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    List<Pod> ordered = new ArrayList<>(activePods);
    ordered.sort(Pods.DELETE_FIRST.reversed());
    for (Pod p : ordered) {
      int i = JobPods.index(p);
      if (i < 0 || i >= completions || completedIndexes.contains(i) || !seen.add(i)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The lowest {@code n} indexes neither completed nor running. */
  private List<Integer> pendingIndexes(int n) {
    Set<Integer> running = new HashSet<>();
    activePods.forEach(p -> running.add(JobPods.index(p)));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < completions && out.size() < n; i++) {
      if (!completedIndexes.contains(i) && !running.contains(i)) {
        out.add(i);
      }
    }
    return out;
  }
}
