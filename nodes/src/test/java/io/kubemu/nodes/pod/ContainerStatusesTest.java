package io.kubemu.nodes.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.prober.Probe;
import io.kubemu.nodes.prober.ProbeKind;
import io.kubemu.nodes.prober.Prober;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Restart counts, back-off and the last state per restartPolicy, and readiness folded in from the prober. */
class ContainerStatusesTest {
  private static final ContainerSpec C = new ContainerSpec("c", "busybox", List.of("sleep", "infinity"), List.of(), Map.of(),
      Map.of(ProbeKind.READINESS, Probe.of(new Probe.Exec(List.of("true")))));

  @Test
  void alwaysRestartsWithADoublingBackOffAndKeepsHowTheLastInstanceEnded() {
    ContainerStatuses s = new ContainerStatuses(null);
    s.running(C);
    assertEquals(Optional.of(Duration.ofSeconds(10)), s.exited("c", 137, "Container c failed liveness probe, will be restarted", 5_000));
    ContainerState waiting = s.list(List.of(C), new Prober(Map.of())).get(0);
    assertEquals("CrashLoopBackOff", waiting.reason());
    assertEquals(1, waiting.restartCount());
    assertEquals(new ContainerState.Terminated("Error", "Container c failed liveness probe, will be restarted", 137, 5_000),
        waiting.lastState());
    s.running(C);
    assertEquals(Optional.of(Duration.ofSeconds(20)), s.exited("c", 0, "", 9_000));
    assertEquals("Completed", s.list(List.of(C), new Prober(Map.of())).get(0).lastState().reason());
  }

  @Test
  void theBackOffStopsAtFiveMinutes() {
    ContainerStatuses s = new ContainerStatuses("OnFailure");
    Optional<Duration> last = Optional.empty();
    for (int i = 0; i < 10; i++) {
      last = s.exited("c", 1, "", 0);
    }
    assertEquals(Optional.of(Duration.ofMinutes(5)), last);
  }

  @Test
  void neverLeavesTheContainerTerminatedWithTheKillersMessage() {
    ContainerStatuses s = new ContainerStatuses("Never");
    s.running(C);
    assertFalse(s.restarts(137));
    assertEquals(Optional.empty(), s.exited("c", 137, "Container c failed liveness probe", 0));
    ContainerState c = s.list(List.of(C), new Prober(Map.of())).get(0);
    assertEquals("terminated", c.state());
    assertEquals("Error", c.reason());
    assertEquals("Container c failed liveness probe", c.message());
    assertEquals(0, c.restartCount());
    assertNull(c.lastState());
  }

  @Test
  void aRunningContainerTakesStartedReadyAndItsProbeFailureFromTheProber() {
    ContainerStatuses s = new ContainerStatuses("Always");
    s.running(C);
    Prober prober = new Prober(Map.of("c", C.probes()));
    prober.containerStarted("c");
    ContainerState unready = s.list(List.of(C), prober).get(0);
    assertTrue(unready.started());
    assertFalse(unready.ready());
    int instance = prober.due("c", ProbeKind.READINESS, false).getAsInt();
    prober.record("c", ProbeKind.READINESS, instance, false, "exit status 1");
    ContainerState failing = s.list(List.of(C), prober).get(0);
    assertEquals("Unhealthy", failing.reason());
    assertEquals("Readiness probe failed: exit status 1", failing.message());
  }
}
