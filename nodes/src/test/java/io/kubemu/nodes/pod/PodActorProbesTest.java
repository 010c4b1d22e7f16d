package io.kubemu.nodes.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.kubemu.nodes.prober.Probe;
import io.kubemu.nodes.prober.ProbeKind;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pod's probes on Pekko's manual clock: readiness, liveness restarts, startup gating, timeouts and handlers kubemu lacks. */
class PodActorProbesTest {
  static ActorTestKit kit;
  static ManualTime time;
  static int pods;

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));
    time = ManualTime.get(kit.system());
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  /** A running pod and every status it reported, in order. */
  record Pod(ActorRef<PodActor.Command> actor, List<List<ContainerState>> reports, TestProbe<ExecResult> reply) {
    ContainerState last() {
      return reports.get(reports.size() - 1).get(0);
    }

    boolean everReady() {
      return reports.stream().anyMatch(r -> r.get(0).ready());
    }

    void advance(int seconds) {
      advance(seconds, 1);
    }

    /**
     * Lets {@code seconds} pass in steps of {@code step} (no longer than the shortest probe period,
     * or a probe's ticks would pile up behind its run in flight; each step costs ManualTime's 100 ms
     * nap). After each step the pod has handled what the timers sent and what that sent the pod in
     * turn (a tick, its result, the readiness run a startup success triggers, and that run's
     * result): each exec round trip queues behind one more link of that chain. Then every report is in.
     */
    void advance(int seconds, int step) {
      for (int done = 0; done < seconds; done += step) {
        time.timePasses(Duration.ofSeconds(Math.min(step, seconds - done)));
        for (int link = 0; link < 4; link++) {
          sync();
        }
      }
    }

    private void sync() {
      actor.tell(new PodActor.Exec("c", List.of("true"), new byte[0], Duration.ofSeconds(1), null, reply.getRef()));
      reply.receiveMessage();
    }
  }

  private static Pod run(String restartPolicy, Map<ProbeKind, Probe> probes) {
    return run(restartPolicy, "busybox", List.of("sleep", "infinity"), probes);
  }

  private static Pod run(String restartPolicy, String image, List<String> command, Map<ProbeKind, Probe> probes) {
    List<List<ContainerState>> reports = new CopyOnWriteArrayList<>();
    ContainerSpec c = new ContainerSpec("c", image, command, List.of(), Map.of(), probes);
    int n = ++pods;
    PodNetConfig net = new PodNetConfig(Ipv4Address.parse("10.244.0." + (n + 1)), MacAddress.local(0x42_0000_0000L + n),
        Ipv4Cidr.parse("10.244.0.0/24"), Ipv4Address.parse("10.244.0.1"), Ipv4Cidr.parse("10.244.0.0/16"), 1450);
    ActorRef<PodActor.Command> actor = kit.spawn(PodActor.create("w1", "default/p" + n, "p" + n, List.of(c), restartPolicy, net,
        frame -> { }, s -> reports.add(s.containers())), "pod-default-p" + n);
    Pod pod = new Pod(actor, reports, kit.createTestProbe());
    pod.sync();
    pod.sync();
    return pod;
  }

  private static Probe exec(String... command) {
    return Probe.of(new Probe.Exec(List.of(command)));
  }

  @Test
  void aReadinessProbeThatExecsFalseNeverMakesTheContainerReady() {
    Pod pod = run("Always", Map.of(ProbeKind.READINESS, exec("false")));
    assertTrue(pod.last().running());
    assertTrue(pod.last().started());
    assertFalse(pod.last().ready(), "not ready before the probe succeeds");
    pod.advance(60, 10);
    assertFalse(pod.everReady(), "reports: " + pod.reports());
    assertEquals("Readiness probe failed: exit status 1", pod.last().message());
    assertEquals("Unhealthy", pod.last().reason());
    assertEquals(0, pod.last().restartCount(), "readiness never restarts a container");
  }

  @Test
  void aReadinessProbeThatExecsTrueMakesTheContainerReadyAfterItsInitialDelay() {
    Pod pod = run("Always", Map.of(ProbeKind.READINESS, new Probe(new Probe.Exec(List.of("true")), 5, 10, 1, 1, 3)));
    pod.advance(4);
    assertFalse(pod.everReady());
    pod.advance(1);
    assertTrue(pod.last().ready());
    assertEquals("", pod.last().message());
  }

  @Test
  void anExecProbeCanUseTheImagesNetworkTools() {
    Pod pod = run("Always", Map.of(ProbeKind.READINESS, exec("ping", "-c", "1", "-W", "1", "127.0.0.1")));
    pod.advance(1);
    assertTrue(pod.last().ready(), pod.last().toString());
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainerUnderAlways() {
    Pod pod = run("Always", Map.of(ProbeKind.LIVENESS, exec("false")));
    assertTrue(pod.last().ready(), "liveness does not gate readiness");
    pod.advance(19, 10);
    assertTrue(pod.last().running(), "two failures of three: " + pod.last());
    assertEquals("Liveness probe failed: exit status 1", pod.last().message());
    pod.advance(1);
    ContainerState killed = pod.last();
    assertEquals("waiting", killed.state());
    assertEquals("CrashLoopBackOff", killed.reason());
    assertEquals(1, killed.restartCount());
    assertEquals("Error", killed.lastState().reason());
    assertEquals(137, killed.lastState().exitCode());
    assertEquals("Container c failed liveness probe, will be restarted", killed.lastState().message());
    int before = pod.reports().size();
    pod.advance(10, 10);
    ContainerState restarted = pod.reports().get(before).get(0);
    assertTrue(restarted.running(), "restarted after the back-off: " + restarted);
    assertEquals(1, restarted.restartCount());
    assertEquals(killed.lastState(), restarted.lastState());
    assertEquals("", restarted.message(), "the new instance starts with clean probes");
    assertEquals("Liveness probe failed: exit status 1", pod.last().message(), "and probes it at once (no initial delay)");
  }

  @Test
  void aFailingLivenessProbeUnderNeverLeavesTheContainerTerminatedAndEndsWhatRanInIt() {
    Pod pod = run("Never", Map.of(ProbeKind.LIVENESS, new Probe(new Probe.Exec(List.of("false")), 1, 1, 1, 1, 1)));
    TestProbe<ExecResult> session = kit.createTestProbe();
    pod.actor().tell(new PodActor.Exec("c", List.of("sleep", "100"), new byte[0], Duration.ofHours(1), null, session.getRef()));
    pod.advance(1);
    assertEquals(137, session.receiveMessage().exitCode(), "an exec'd program dies with its container");
    assertEquals("terminated", pod.last().state());
    assertEquals(137, pod.last().exitCode());
    assertEquals("Container c failed liveness probe", pod.last().message());
  }

  @Test
  void readinessWaitsForTheStartupProbeAndRunsAsSoonAsItSucceeds() {
    Pod pod = run("Always", Map.of(
        ProbeKind.STARTUP, new Probe(new Probe.Exec(List.of("true")), 10, 5, 1, 1, 3),
        ProbeKind.READINESS, new Probe(new Probe.Exec(List.of("true")), 0, 30, 1, 1, 3)));
    assertFalse(pod.last().started());
    pod.advance(9, 5);
    assertFalse(pod.last().started());
    assertFalse(pod.everReady(), "readiness ran at 0 s but waited for startup");
    pod.advance(1);
    assertTrue(pod.last().started());
    assertTrue(pod.last().ready(), "readiness is triggered when startup succeeds, not 30 s later");
  }

  @Test
  void aFailingStartupProbeRestartsTheContainer() {
    Pod pod = run("Always", Map.of(ProbeKind.STARTUP, new Probe(new Probe.Exec(List.of("false")), 0, 2, 1, 1, 2),
        ProbeKind.LIVENESS, exec("true")));
    pod.advance(2);
    assertEquals("waiting", pod.last().state());
    assertEquals("Container c failed startup probe, will be restarted", pod.last().lastState().message());
  }

  @Test
  void anExecProbeThatOutlivesItsTimeoutFails() {
    Pod pod = run("Always", Map.of(ProbeKind.READINESS, exec("sleep", "5")));
    pod.advance(2);
    assertEquals("Readiness probe failed: command terminated: exec timeout", pod.last().message());
  }

  @Test
  void aTcpSocketProbeToAPortNobodyListensOnIsRefused() {
    Pod pod = run("Always", Map.of(ProbeKind.READINESS, Probe.of(new Probe.TcpSocket(null, "80"))));
    pod.advance(1);
    assertTrue(pod.last().message().matches(
        "Readiness probe failed: dial tcp 10\\.244\\.0\\.\\d+:80: connect: connection refused"), pod.last().message());
    assertFalse(pod.everReady());
  }

  @Test
  void aTcpSocketProbeThatGetsNoAnswerTimesOut() {
    Pod pod = run("Always", Map.of(ProbeKind.READINESS, Probe.of(new Probe.TcpSocket("10.244.0.250", "80"))));
    pod.advance(1);
    pod.advance(1);
    assertEquals("Readiness probe failed: dial tcp 10.244.0.250:80: i/o timeout", pod.last().message());
  }

  @Test
  void aProbeNamingAPortTheContainerLacksFailsSayingSo() {
    Pod pod = run("Always", Map.of(ProbeKind.READINESS, Probe.of(new Probe.TcpSocket(null, "http"))));
    pod.advance(1);
    assertTrue(pod.last().message().endsWith("couldn't find port: http in the container's ports"), pod.last().message());
  }

  private static Pod nginx(Map<ProbeKind, Probe> probes) {
    return run("Always", "nginx", List.of(), probes);
  }

  @Test
  void anHttpGetProbeOfNginxPassesAndAMissingPathFailsWithItsStatus() {
    Pod ok = nginx(Map.of(ProbeKind.READINESS, Probe.of(new Probe.HttpGet(null, null, "80", "/"))));
    Pod missing = nginx(Map.of(ProbeKind.READINESS, Probe.of(new Probe.HttpGet(null, null, "80", "/healthz"))));
    ok.advance(1);
    missing.advance(1);
    assertTrue(ok.last().ready(), ok.last().toString());
    assertEquals("Readiness probe failed: HTTP probe failed with statuscode: 404", missing.last().message());
    assertFalse(missing.everReady());
  }

  @Test
  void anHttpGetProbeToAClosedPortSaysWhatGosClientSays() {
    Pod pod = nginx(Map.of(ProbeKind.READINESS, Probe.of(new Probe.HttpGet(null, null, "8080", "/healthz"))));
    pod.advance(1);
    assertTrue(pod.last().message().matches("Readiness probe failed: Get \"http://10\\.244\\.0\\.\\d+:8080/healthz\": "
        + "dial tcp 10\\.244\\.0\\.\\d+:8080: connect: connection refused"), pod.last().message());
  }

  @Test
  void aTcpSocketProbeOfAListeningContainerPasses() {
    Pod pod = nginx(Map.of(ProbeKind.READINESS, Probe.of(new Probe.TcpSocket(null, "80"))));
    pod.advance(1);
    assertTrue(pod.last().ready(), pod.last().toString());
  }
}
