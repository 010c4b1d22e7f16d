package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubemu.nodes.agent.KubeletReport.PodStatusReport;
import io.kubemu.nodes.pod.ContainerState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Pod status written from the kubelet's reports: readiness from probes, restarts and the last state. */
class PodStatusesTest {
  private static Pod pod() {
    return new PodBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata().build();
  }

  private static PodStatusReport report(ContainerState... containers) {
    return new PodStatusReport("default", "web", null, "w1", "Running", "10.244.0.2", null, null, List.of(containers));
  }

  private static ContainerState running(boolean ready, String message, int restarts, ContainerState.Terminated last) {
    return new ContainerState("c", "busybox", "running", message.isEmpty() ? "" : "Unhealthy", message, 0, restarts, true, ready, last);
  }

  private static PodCondition condition(Pod pod, String type) {
    return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void aRunningContainerThatFailsItsReadinessProbeLeavesThePodUnreadyAndSaysWhy() {
    Pod pod = pod();
    PodStatuses.apply(pod, report(running(false, "Readiness probe failed: exit status 1", 0, null)), "172.18.0.2");
    ContainerStatus c = pod.getStatus().getContainerStatuses().get(0);
    assertFalse(c.getReady());
    assertTrue(c.getStarted());
    assertTrue(c.getState().getRunning() != null);
    PodCondition ready = condition(pod, "Ready");
    assertEquals("False", ready.getStatus());
    assertEquals("ContainersNotReady", ready.getReason());
    assertEquals("containers with unready status: [c]; c: Readiness probe failed: exit status 1", ready.getMessage());
    assertEquals(ready.getMessage(), condition(pod, "ContainersReady").getMessage());
  }

  @Test
  void aReadyContainerMakesThePodReadyAndKeepsItsStartTime() {
    Pod pod = pod();
    PodStatuses.apply(pod, report(running(false, "", 0, null)), null);
    pod.getStatus().getContainerStatuses().get(0).getState().getRunning().setStartedAt("2025-01-01T00:00:00Z");
    PodStatuses.apply(pod, report(running(true, "", 0, null)), null);
    assertEquals("True", condition(pod, "Ready").getStatus());
    assertNull(condition(pod, "Ready").getMessage());
    assertEquals("2025-01-01T00:00:00Z", pod.getStatus().getContainerStatuses().get(0).getState().getRunning().getStartedAt(),
        "the same instance started once");
  }

  @Test
  void aRestartedContainerShowsItsCountAndHowTheLastInstanceEnded() {
    Pod pod = pod();
    var last = new ContainerState.Terminated("Error", "Container c failed liveness probe, will be restarted", 137, 1_735_689_600_000L);
    PodStatuses.apply(pod, report(running(true, "", 1, last)), null);
    ContainerStatus c = pod.getStatus().getContainerStatuses().get(0);
    assertEquals(1, c.getRestartCount());
    var terminated = c.getLastState().getTerminated();
    assertEquals(137, terminated.getExitCode());
    assertEquals("Error", terminated.getReason());
    assertEquals("Container c failed liveness probe, will be restarted", terminated.getMessage());
    assertEquals("2025-01-01T00:00:00Z", terminated.getFinishedAt());
  }
}
