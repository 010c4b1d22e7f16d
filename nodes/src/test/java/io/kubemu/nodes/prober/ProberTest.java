package io.kubemu.nodes.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.prober.Prober.Outcome;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The kubelet's probe worker rules: initial results, thresholds, startup gating, kills and container instances. */
class ProberTest {
  private static final Probe.Action TRUE = new Probe.Exec(List.of("true"));

  private static Probe probe(int success, int failure) {
    return new Probe(TRUE, 0, 10, 1, success, failure);
  }

  private static Prober prober(Map<ProbeKind, Probe> probes) {
    return new Prober(Map.of("c", probes));
  }

  /** One period tick, then the run's outcome; NONE when the tick did not run the probe. */
  private static Outcome tick(Prober p, ProbeKind kind, boolean success) {
    OptionalInt instance = p.due("c", kind, false);
    return instance.isEmpty() ? null : p.record("c", kind, instance.getAsInt(), success, success ? "" : "boom");
  }

  @Test
  void aContainerWithoutProbesIsStartedAndReadyWhileItRuns() {
    Prober p = new Prober(Map.of("c", Map.of()));
    assertFalse(p.ready("c"), "not running yet");
    p.containerStarted("c");
    assertTrue(p.started("c"));
    assertTrue(p.ready("c"));
    p.containerStopped("c");
    assertFalse(p.ready("c"));
  }

  @Test
  void readinessStartsFailedAndTurnsReadyAfterSuccessThresholdSuccesses() {
    Prober p = prober(Map.of(ProbeKind.READINESS, probe(2, 3)));
    p.containerStarted("c");
    assertTrue(p.started("c"));
    assertFalse(p.ready("c"), "a readiness probe that has not succeeded yet means not ready");
    assertEquals(Outcome.NONE, tick(p, ProbeKind.READINESS, true));
    assertFalse(p.ready("c"));
    assertEquals(Outcome.CHANGED, tick(p, ProbeKind.READINESS, true));
    assertTrue(p.ready("c"));
  }

  @Test
  void readinessTurnsUnreadyOnlyAfterFailureThresholdConsecutiveFailures() {
    Prober p = prober(Map.of(ProbeKind.READINESS, probe(1, 3)));
    p.containerStarted("c");
    assertEquals(Outcome.CHANGED, tick(p, ProbeKind.READINESS, true));
    assertEquals(Outcome.CHANGED, tick(p, ProbeKind.READINESS, false), "the failure message is news, readiness is not");
    assertTrue(p.ready("c"));
    assertEquals("Readiness probe failed: boom", p.unhealthy("c"));
    assertEquals(Outcome.CHANGED, tick(p, ProbeKind.READINESS, true), "a success resets the run and clears the message");
    assertEquals("", p.unhealthy("c"));
    tick(p, ProbeKind.READINESS, false);
    assertEquals(Outcome.NONE, tick(p, ProbeKind.READINESS, false));
    assertTrue(p.ready("c"));
    assertEquals(Outcome.CHANGED, tick(p, ProbeKind.READINESS, false));
    assertFalse(p.ready("c"));
  }

  @Test
  void aNeverSucceedingReadinessProbeKeepsTheContainerUnreadyWithItsReason() {
    Prober p = prober(Map.of(ProbeKind.READINESS, probe(1, 3)));
    p.containerStarted("c");
    assertEquals(Outcome.CHANGED, tick(p, ProbeKind.READINESS, false), "the first failure brings a message");
    for (int i = 0; i < 5; i++) {
      assertEquals(Outcome.NONE, tick(p, ProbeKind.READINESS, false));
    }
    assertFalse(p.ready("c"));
    assertEquals("Readiness probe failed: boom", p.unhealthy("c"));
  }

  @Test
  void livenessKillsAfterFailureThresholdFailuresAndHoldsUntilTheNextInstance() {
    Prober p = prober(Map.of(ProbeKind.LIVENESS, probe(1, 2)));
    p.containerStarted("c");
    assertEquals(Outcome.CHANGED, tick(p, ProbeKind.LIVENESS, false));
    assertTrue(p.ready("c"), "liveness does not decide readiness");
    assertEquals(Outcome.KILL, tick(p, ProbeKind.LIVENESS, false));
    assertTrue(p.due("c", ProbeKind.LIVENESS, false).isEmpty(), "on hold until the container is replaced");
    p.containerStopped("c");
    p.containerStarted("c");
    assertEquals("", p.unhealthy("c"));
    assertEquals(Outcome.NONE, tick(p, ProbeKind.LIVENESS, true));
  }

  @Test
  void startupGatesTheOtherProbesAndStopsOnceItSucceeded() {
    Prober p = prober(Map.of(ProbeKind.STARTUP, probe(1, 3), ProbeKind.READINESS, probe(1, 3), ProbeKind.LIVENESS, probe(1, 3)));
    p.containerStarted("c");
    assertFalse(p.started("c"));
    assertTrue(p.due("c", ProbeKind.READINESS, false).isEmpty(), "readiness waits for startup");
    assertTrue(p.due("c", ProbeKind.LIVENESS, false).isEmpty(), "liveness waits for startup");
    assertEquals(Outcome.STARTED, tick(p, ProbeKind.STARTUP, true));
    assertTrue(p.started("c"));
    assertFalse(p.ready("c"));
    assertTrue(p.due("c", ProbeKind.STARTUP, false).isEmpty(), "a startup probe runs no more once it succeeded");
    assertEquals(Outcome.CHANGED, tick(p, ProbeKind.READINESS, true));
    assertTrue(p.ready("c"));
  }

  @Test
  void aFailingStartupProbeKillsTheContainer() {
    Prober p = prober(Map.of(ProbeKind.STARTUP, probe(1, 2)));
    p.containerStarted("c");
    tick(p, ProbeKind.STARTUP, false);
    assertEquals(Outcome.KILL, tick(p, ProbeKind.STARTUP, false));
    assertFalse(p.started("c"));
  }

  @Test
  void aManualTriggerWaitsForTheInitialDelayThatTheFirstTickEnds() {
    Prober p = prober(Map.of(ProbeKind.READINESS, probe(1, 3)));
    p.containerStarted("c");
    assertTrue(p.due("c", ProbeKind.READINESS, true).isEmpty(), "the first tick comes after the initial delay");
    assertTrue(p.due("c", ProbeKind.READINESS, false).isPresent());
  }

  @Test
  void aRunInFlightIsNotDoubledAndAResultOfAnEarlierInstanceIsIgnored() {
    Prober p = prober(Map.of(ProbeKind.READINESS, probe(1, 3)));
    p.containerStarted("c");
    int old = p.due("c", ProbeKind.READINESS, false).getAsInt();
    assertTrue(p.due("c", ProbeKind.READINESS, false).isEmpty(), "the previous run has not answered");
    p.containerStopped("c");
    p.containerStarted("c");
    assertEquals(Outcome.NONE, p.record("c", ProbeKind.READINESS, old, true, ""));
    assertFalse(p.ready("c"));
  }

  @Test
  void probesOfUnknownContainersAndKindsAreIgnored() {
    Prober p = prober(Map.of());
    assertTrue(p.due("nope", ProbeKind.READINESS, false).isEmpty());
    assertEquals(Outcome.NONE, p.record("nope", ProbeKind.LIVENESS, 1, false, null));
    assertEquals("", p.unhealthy("nope"));
  }

  @Test
  void probeFieldsOutOfRangeFallBackToTheDefaultsOrTheirMinimum() {
    Probe p = new Probe(TRUE, -5, 0, -1, 0, 0);
    assertEquals(0, p.initialDelaySeconds());
    assertEquals(Probe.DEFAULT_PERIOD, p.periodSeconds());
    assertEquals(Probe.DEFAULT_TIMEOUT, p.timeoutSeconds());
    assertEquals(1, p.successThreshold());
    assertEquals(1, p.failureThreshold());
    Probe huge = new Probe(TRUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 1);
    assertEquals(Probe.MAX_SECONDS, huge.initialDelaySeconds(), "no delay the scheduler would refuse");
    assertEquals(Probe.MAX_SECONDS, huge.periodSeconds());
    assertEquals(Probe.MAX_SECONDS, huge.timeoutSeconds());
  }

  @Test
  void handlersKubemuCannotRunSayWhy() {
    assertEquals("grpc probe to 10.244.0.2:9090: grpc probes are not in kubemu yet",
        Probe.unsupported(new Probe.Grpc(9090, null), "10.244.0.2"));
    assertTrue(Probe.unsupported(new Probe.NoHandler(), "10.244.0.2").contains("names no handler"));
  }
}
