package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.nodes.pod.ContainerState;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pod phase the kubelet reports when containers exit, by restartPolicy: what Jobs count on. */
class NodeAgentRestartPolicyTest {
  static ActorTestKit kit;

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private static String pod(String name, String restartPolicy, String command) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"u-"
        + name + "\"},\"spec\":{\"nodeName\":\"w7\",\"restartPolicy\":\"" + restartPolicy
        + "\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"" + command + "\"]}]}}";
  }

  /** Runs one pod and returns the first report of it in {@code phase}. */
  private static KubeletReport.PodStatusReport runUntil(String name, String restartPolicy, String command, String phase) {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = kit.spawn(NodeAgent.create(NodeAgentPingTest.config("w7", 8), api.getRef(), lease -> { }),
        "node-w7-" + name);
    node.tell(new NodeAgent.RunPod(pod(name, restartPolicy, command)));
    return api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.PodStatusReport p && p.phase().equals(phase)
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore())
        .stream().map(KubeletReport.PodStatusReport.class::cast).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void neverRestartedContainersThatExitZeroEndSucceeded() {
    ContainerState c = runUntil("done", "Never", "true", "Succeeded").containers().get(0);
    assertEquals("terminated", c.state());
    assertEquals("Completed", c.reason());
    assertEquals(0, c.exitCode());
  }

  @Test
  void neverRestartedContainersThatExitNonZeroEndFailed() {
    ContainerState c = runUntil("broken", "Never", "false", "Failed").containers().get(0);
    assertEquals("Error", c.reason());
    assertEquals(1, c.exitCode());
  }

  @Test
  void onFailureRestartsAFailedContainerAndThePodStaysRunning() {
    ContainerState c = runUntil("retry", "OnFailure", "false", "Running").containers().get(0);
    assertEquals("waiting", c.state());
    assertEquals("CrashLoopBackOff", c.reason());
    assertEquals(1, c.restartCount());
  }

  @Test
  void onFailureLetsAContainerThatExitsZeroEndSucceeded() {
    assertEquals(0, runUntil("ok", "OnFailure", "true", "Succeeded").containers().get(0).restartCount());
  }
}
