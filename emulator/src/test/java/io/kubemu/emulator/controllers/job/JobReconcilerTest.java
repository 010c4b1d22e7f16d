package io.kubemu.emulator.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.FakeWorkloadCluster;
import io.kubemu.emulator.controllers.Owners;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobReconcilerTest {
  private final FakeWorkloadCluster cluster = new FakeWorkloadCluster();
  private final JobReconciler controller = new JobReconciler();

  /** A Job as the API server stores it: defaulted, with a selector on its pods' job-name label. */
  static Job job(Integer completions, int parallelism, int backoffLimit, String restartPolicy) {
    return new JobBuilder().withNewMetadata().withName("pi").withNamespace("default").endMetadata()
        .withNewSpec().withCompletions(completions).withParallelism(parallelism).withBackoffLimit(backoffLimit)
        .withCompletionMode("NonIndexed").withSuspend(false)
        .withNewSelector().addToMatchLabels("job-name", "pi").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("job-name", "pi").endMetadata()
        .withNewSpec().withRestartPolicy(restartPolicy)
        .addNewContainer().withName("c").withImage("busybox").withCommand("true").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private Job current() {
    return cluster.get(Job.class, "Job", "default", "pi");
  }

  private JobStatus status() {
    return current().getStatus();
  }

  private List<Pod> active() {
    return cluster.livePods("default").stream().filter(p -> p.getStatus() == null || "Running".equals(p.getStatus().getPhase())).toList();
  }

  private List<Action> sync() {
    return cluster.settle(controller, "default/pi");
  }

  private List<String> conditions() {
    return status().getConditions() == null ? List.of()
        : status().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus() + (c.getReason() == null ? "" : "/" + c.getReason())).toList();
  }

  @Test
  void threeCompletionsTwoAtATimeFinishComplete() {
    cluster.add(job(3, 2, 6, "Never"));
    sync();
    assertEquals(2, active().size());
    Pod first = active().get(0);
    assertTrue(first.getMetadata().getName().startsWith("pi-"));
    assertTrue(Owners.controlledBy(first, current()));
    assertEquals(List.of(2, 0, 0), List.of(status().getActive(), status().getSucceeded(), status().getFailed()));
    assertNotNull(status().getStartTime());
    cluster.running(first, true);
    sync();
    assertEquals(1, status().getReady());
    cluster.succeeded(first);
    sync();
    assertEquals(2, active().size(), "one more for the third completion");
    active().forEach(cluster::succeeded);
    cluster.advance(Duration.ofSeconds(5));
    sync();
    assertEquals(List.of(0, 3, 0), List.of(status().getActive(), status().getSucceeded(), status().getFailed()));
    assertEquals(List.of("SuccessCriteriaMet=True/CompletionsReached", "Complete=True/CompletionsReached"), conditions());
    assertEquals(JobConditions.timestamp(cluster.now()), status().getCompletionTime());
    assertEquals(3, cluster.livePods("default").size(), "finished pods stay");
  }

  @Test
  void moreFailuresThanTheBackoffLimitFailTheJobAndEachRetryWaitsLonger() {
    cluster.add(job(1, 1, 1, "Never"));
    sync();
    cluster.failed(active().get(0));
    sync();
    assertEquals(0, active().size(), "the replacement waits for the back-off");
    assertEquals(Duration.ofSeconds(10), cluster.requeue);
    assertEquals(1, status().getFailed());
    cluster.advance(Duration.ofSeconds(10));
    sync();
    assertEquals(1, active().size());
    cluster.failed(active().get(0));
    sync();
    assertEquals(List.of("FailureTarget=True/BackoffLimitExceeded", "Failed=True/BackoffLimitExceeded"), conditions());
    assertEquals(2, status().getFailed());
    assertNull(status().getCompletionTime());
    assertTrue(cluster.reconcile(controller, "default/pi").isEmpty(), "a finished Job is left alone");
  }

  @Test
  void aFailingJobDeletesItsActivePodsAndIsFailedOnceTheyAreGone() {
    cluster.gracefulPodDeletion = true;
    cluster.add(job(4, 3, 0, "Never"));
    sync();
    cluster.failed(active().get(0));
    sync();
    assertEquals(List.of("FailureTarget=True/BackoffLimitExceeded"), conditions());
    assertEquals(List.of(0, 2), List.of(status().getActive(), status().getTerminating()));
    cluster.finishTerminating();
    sync();
    assertEquals(List.of("FailureTarget=True/BackoffLimitExceeded", "Failed=True/BackoffLimitExceeded"), conditions());
    assertEquals(0, status().getTerminating());
  }

  @Test
  void withOnFailureContainerRestartsCountAgainstTheBackoffLimit() {
    cluster.add(job(1, 1, 2, "OnFailure"));
    sync();
    cluster.restarted(active().get(0), 1);
    sync();
    assertEquals(List.of(), conditions());
    cluster.restarted(active().get(0), 2);
    sync();
    assertEquals(List.of("FailureTarget=True/BackoffLimitExceeded", "Failed=True/BackoffLimitExceeded"), conditions());
    assertEquals(0, active().size());
  }

  @Test
  void aJobActiveLongerThanItsDeadlineFails() {
    Job j = job(1, 1, 6, "Never");
    j.getSpec().setActiveDeadlineSeconds(30L);
    cluster.add(j);
    sync();
    assertEquals(Duration.ofSeconds(30), cluster.requeue);
    cluster.advance(Duration.ofSeconds(30));
    sync();
    assertEquals(List.of("FailureTarget=True/DeadlineExceeded", "Failed=True/DeadlineExceeded"), conditions());
    assertEquals(0, active().size());
  }

  @Test
  void aSuspendedJobRunsNothingAndStartsItsClockWhenResumed() {
    Job j = job(2, 2, 6, "Never");
    j.getSpec().setSuspend(true);
    cluster.add(j);
    sync();
    assertEquals(0, active().size());
    assertEquals(List.of("Suspended=True/JobSuspended"), conditions());
    assertNull(status().getStartTime());
    cluster.advance(Duration.ofMinutes(1));
    Job resumed = current();
    resumed.getSpec().setSuspend(false);
    cluster.update(resumed);
    sync();
    assertEquals(2, active().size());
    assertEquals(List.of("Suspended=False/JobResumed"), conditions());
    assertEquals(JobConditions.timestamp(cluster.now()), status().getStartTime());
    Job again = current();
    again.getSpec().setSuspend(true);
    cluster.update(again);
    sync();
    assertEquals(0, active().size(), "suspending deletes the running pods");
  }

  @Test
  void ttlSecondsAfterFinishedDeletesTheJobWithItsPods() {
    Job j = job(1, 1, 6, "Never");
    j.getSpec().setTtlSecondsAfterFinished(60);
    cluster.add(j);
    sync();
    cluster.succeeded(active().get(0));
    sync();
    assertTrue(conditions().contains("Complete=True/CompletionsReached"));
    assertEquals(Duration.ofSeconds(60), cluster.requeue);
    cluster.advance(Duration.ofSeconds(60));
    List<Action> last = cluster.reconcile(controller, "default/pi");
    assertEquals(List.of(new Action.Delete("Job", "default", "pi", "Foreground")), last);
  }

  @Test
  void withoutCompletionsTheFirstSuccessEndsTheJobOnceTheOthersFinish() {
    cluster.add(job(null, 2, 6, "Never"));
    sync();
    List<Pod> two = active();
    cluster.succeeded(two.get(0));
    sync();
    assertEquals(1, active().size(), "no new pod after a success; the other runs on");
    assertEquals(List.of(), conditions());
    cluster.succeeded(two.get(1));
    sync();
    assertEquals(List.of("SuccessCriteriaMet=True/CompletionsReached", "Complete=True/CompletionsReached"), conditions());
  }

  @Test
  void indexedPodsCarryTheirIndexAndAFailedIndexRunsAgain() {
    Job j = job(3, 3, 6, "Never");
    j.getSpec().setCompletionMode("Indexed");
    cluster.add(j);
    sync();
    List<Pod> pods = active();
    assertEquals(List.of("pi-0", "pi-1", "pi-2"), pods.stream().map(p -> p.getSpec().getHostname()).sorted().toList());
    Pod one = pods.stream().filter(p -> "pi-1".equals(p.getSpec().getHostname())).findFirst().orElseThrow();
    assertTrue(one.getMetadata().getName().startsWith("pi-1-"), one.getMetadata().getName());
    assertEquals("1", one.getMetadata().getLabels().get("batch.kubernetes.io/job-completion-index"));
    assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']",
        one.getSpec().getContainers().get(0).getEnv().get(0).getValueFrom().getFieldRef().getFieldPath());
    pods.stream().filter(p -> p != one).forEach(cluster::succeeded);
    cluster.failed(one);
    sync();
    assertEquals("0,2", status().getCompletedIndexes());
    cluster.advance(Duration.ofSeconds(10));
    sync();
    Pod again = active().get(0);
    assertEquals("pi-1", again.getSpec().getHostname());
    cluster.succeeded(again);
    sync();
    assertEquals("0-2", status().getCompletedIndexes());
    assertEquals(List.of(3, 1), List.of(status().getSucceeded(), status().getFailed()));
    JobCondition complete = current().getStatus().getConditions().get(1);
    assertEquals("Complete", complete.getType());
  }

  @Test
  void completedIndexesPrintAsIntervals() {
    assertEquals("0,1,3-5,7", CompletedIndexes.format(CompletedIndexes.parse("0,1,3-5,7", 10)));
    assertEquals("0-2", CompletedIndexes.format(CompletedIndexes.parse("2,0,1,12", 3)));
    assertEquals("", CompletedIndexes.format(CompletedIndexes.parse("x", 3)));
  }
}
