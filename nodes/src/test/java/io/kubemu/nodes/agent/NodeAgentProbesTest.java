package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import io.kubemu.nodes.pod.ContainerState;
import io.kubemu.nodes.pod.ExecResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Probes read from the Pod object, and what the kubelet reports of them: readiness, restarts, the last state. */
class NodeAgentProbesTest {
  static ActorTestKit kit;
  static ManualTime time;

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));
    time = ManualTime.get(kit.system());
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u-web"},
       "spec":{"nodeName":"w5","containers":[{"name":"c","image":"busybox","command":["sleep","infinity"],
        "readinessProbe":{"exec":{"command":["true"]},"initialDelaySeconds":5},
        "livenessProbe":{"exec":{"command":["false"]},"initialDelaySeconds":10,"periodSeconds":5,"failureThreshold":2}}]}}""";

  @Test
  void readinessAndALivenessRestartReachTheApiServer() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = kit.spawn(NodeAgent.create(NodeAgentPingTest.config("w5", 5), api.getRef(), lease -> { }), "node-w5");
    node.tell(new NodeAgent.RunPod(POD));
    ContainerState started = awaitContainer(api, c -> c.running());
    assertFalse(started.ready(), "not ready before the readiness probe's initial delay");

    advance(node, 5);
    assertEquals(0, awaitContainer(api, ContainerState::ready).restartCount());

    advance(node, 5);
    advance(node, 5);
    ContainerState killed = awaitContainer(api, c -> c.state().equals("waiting"));
    assertEquals(1, killed.restartCount());
    assertEquals(new ContainerState.Terminated("Error", "Container c failed liveness probe, will be restarted", 137,
        killed.lastState().finishedAtMillis()), killed.lastState());
    assertFalse(killed.ready());

    advance(node, 10);
    ContainerState restarted = awaitContainer(api, ContainerState::running);
    assertEquals(1, restarted.restartCount());
    assertFalse(restarted.ready(), "the new instance waits for its readiness probe again");
  }

  /** Lets {@code seconds} pass; then the pod has handled its probe ticks and their results (two exec round trips). */
  private static void advance(ActorRef<NodeAgent.Command> node, int seconds) {
    time.timePasses(Duration.ofSeconds(seconds));
    TestProbe<ExecResult> reply = kit.createTestProbe();
    for (int i = 0; i < 2; i++) {
      node.tell(new NodeAgent.ExecInPod("default", "web", "c", List.of("true"), new byte[0], 1_000, null, reply.getRef()));
      reply.receiveMessage();
    }
  }

  private static ContainerState awaitContainer(TestProbe<KubeletReport> api, Predicate<ContainerState> wanted) {
    List<KubeletReport> seen = api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.PodStatusReport p
        && !p.containers().isEmpty() && wanted.test(p.containers().get(0)) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    KubeletReport.PodStatusReport last = (KubeletReport.PodStatusReport) seen.get(seen.size() - 1);
    assertEquals("Running", last.phase());
    return last.containers().get(0);
  }
}
