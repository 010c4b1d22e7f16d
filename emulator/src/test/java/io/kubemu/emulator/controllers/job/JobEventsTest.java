package io.kubemu.emulator.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubemu.emulator.controllers.FakeWorkloadCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Events kubectl describe job shows: SuccessfulCreate, SuccessfulDelete, Completed, BackoffLimitExceeded, Suspended, Resumed. */
class JobEventsTest {
  private final FakeWorkloadCluster cluster = new FakeWorkloadCluster();
  private final JobReconciler controller = new JobReconciler();

  private void sync() {
    cluster.settle(controller, "default/pi");
  }

  private Pod onlyPod() {
    List<Pod> pods = cluster.livePods("default");
    assertEquals(1, pods.size(), pods.toString());
    return pods.get(0);
  }

  @Test
  void aJobThatSucceedsRecordsItsPodAndCompleted() {
    cluster.add(JobReconcilerTest.job(1, 1, 6, "Never"));
    sync();
    Pod pod = onlyPod();
    cluster.succeeded(pod);
    sync();
    assertEquals(List.of("SuccessfulCreate: Created pod: " + pod.getMetadata().getName(), "Completed: Job completed"), cluster.events());
    Event completed = cluster.recorded().get(1);
    assertEquals(List.of("Normal", "job-controller", "batch/v1", "Job", "pi"), List.of(completed.getType(),
        completed.getSource().getComponent(), completed.getInvolvedObject().getApiVersion(), completed.getInvolvedObject().getKind(),
        completed.getInvolvedObject().getName()));
  }

  @Test
  void aJobPastItsBackoffLimitRecordsAWarningWithTheReason() {
    cluster.add(JobReconcilerTest.job(1, 1, 0, "Never"));
    sync();
    cluster.failed(onlyPod());
    sync();
    Event failed = cluster.recorded().get(cluster.recorded().size() - 1);
    assertEquals(List.of("Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
        List.of(failed.getType(), failed.getReason(), failed.getMessage()));
    assertEquals(1, cluster.events().stream().filter(e -> e.startsWith("BackoffLimitExceeded")).count(), "recorded once");
  }

  @Test
  void suspendingDeletesThePodsAndIsRecordedAsIsResuming() {
    cluster.add(JobReconcilerTest.job(1, 1, 6, "Never"));
    sync();
    String pod = onlyPod().getMetadata().getName();
    Job j = cluster.get(Job.class, "Job", "default", "pi");
    j.getSpec().setSuspend(true);
    cluster.update(j);
    sync();
    j = cluster.get(Job.class, "Job", "default", "pi");
    j.getSpec().setSuspend(false);
    cluster.update(j);
    sync();
    String next = onlyPod().getMetadata().getName();
    assertEquals(List.of("SuccessfulCreate: Created pod: " + pod, "SuccessfulDelete: Deleted pod: " + pod, "Suspended: Job suspended",
        "SuccessfulCreate: Created pod: " + next, "Resumed: Job resumed"), cluster.events(), "manageJob runs before the conditions");
  }
}
