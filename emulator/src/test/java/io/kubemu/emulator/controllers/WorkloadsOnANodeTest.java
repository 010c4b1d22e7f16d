package io.kubemu.emulator.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import io.kubemu.emulator.host.ClusterSettings;
import io.kubemu.emulator.host.KubeletGateway;
import io.kubemu.nodes.agent.NodeAgent;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The workload controllers with a real node agent: the kubelet's pod phases and readiness drive them to the end. */
class WorkloadsOnANodeTest {
  private static final ActorTestKit kit = StoreTestKit.create("WorkloadsOnANodeTest");
  private static ActorRef<StoreProtocol.Command> store;

  @BeforeAll
  static void start() {
    store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)), "api-store");
    var gateway = kit.spawn(KubeletGateway.create(store), "kubelet-gateway");
    var node = ClusterSettings.from(kit.system().settings().config()).node("w1", "h1");
    kit.spawn(NodeAgent.create(node, gateway, lease -> { }), "node-w1");
    kit.spawn(ControllerManager.create(store), "controller-manager");
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static void create(String kind, String json) {
    TestProbe<StoreProtocol.WriteResult> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.Create(kind, "default", json, reply.getRef()));
    assertEquals(201, reply.receiveMessage(Duration.ofSeconds(10)).status());
  }

  /** Waits until the object's {@code path} (e.g. "status/readyReplicas") reads {@code expected}. */
  private static void awaitField(String kind, String name, String path, String expected) {
    TestProbe<Void> probe = kit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(50), () -> {
      assertEquals(expected, field(kind, name, path), kind + " " + name + " " + path);
      return null;
    });
  }

  /** The object's {@code path} now, as text ("" when absent). */
  private static String field(String kind, String name, String path) {
    TestProbe<StoreProtocol.ObjectList> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.ListObjects(kind, "default", reply.getRef()));
    JsonNode value = reply.receiveMessage().items().stream().map(j -> Json.read(j, JsonNode.class))
        .filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst().orElse(Json.MAPPER.createObjectNode());
    for (String step : path.split("/")) {
      value = step.matches("\\d+") ? value.path(Integer.parseInt(step)) : value.path(step);
    }
    return value.asText();
  }

  @Test
  void aJobWhosePodsExitZeroCompletes() {
    create("Job", """
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"ok"},
         "spec":{"completions":2,"template":{"spec":{"restartPolicy":"Never",
          "containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}""");
    awaitField("Job", "ok", "status/succeeded", "2");
    awaitField("Job", "ok", "status/conditions/1/type", "Complete");
  }

  @Test
  void aJobWhosePodFailsPastTheBackoffLimitFails() {
    create("Job", """
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"bad"},
         "spec":{"backoffLimit":0,"template":{"spec":{"restartPolicy":"Never",
          "containers":[{"name":"c","image":"busybox","command":["false"]}]}}}}""");
    awaitField("Job", "bad", "status/conditions/1/reason", "BackoffLimitExceeded");
    awaitField("Job", "bad", "status/conditions/1/type", "Failed");
  }

  @Test
  void aStatefulSetBringsUpItsPodsInOrderUntilAllAreReady() {
    create("StatefulSet", """
        {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
         "spec":{"replicas":2,"serviceName":"web","selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"udp-echo"}]}}}}""");
    awaitField("StatefulSet", "web", "status/readyReplicas", "2");
    awaitField("Pod", "web-1", "status/phase", "Running");
  }

  @Test
  void readinessProbesDecideThePodsReadyCondition() {
    create("Pod", """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"probed-ready"},
         "spec":{"containers":[{"name":"c","image":"busybox","command":["sleep","infinity"],
          "readinessProbe":{"exec":{"command":["true"]},"periodSeconds":1}}]}}""");
    create("Pod", """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"probed-tcp"},
         "spec":{"containers":[{"name":"c","image":"busybox","command":["sleep","infinity"],
          "readinessProbe":{"tcpSocket":{"port":80},"periodSeconds":1}}]}}""");
    awaitField("Pod", "probed-ready", "status/conditions/3/status", "True");
    awaitField("Pod", "probed-ready", "status/containerStatuses/0/ready", "true");
    awaitField("Pod", "probed-tcp", "status/phase", "Running");
    awaitField("Pod", "probed-tcp", "status/containerStatuses/0/ready", "false");
    awaitField("Pod", "probed-tcp", "status/conditions/3/type", "Ready");
    awaitField("Pod", "probed-tcp", "status/conditions/3/status", "False");
    awaitField("Pod", "probed-tcp", "status/conditions/3/message", "containers with unready status: [c]; c: Readiness probe failed: "
        + "dial tcp " + field("Pod", "probed-tcp", "status/podIP") + ":80: connect: connection refused");
  }
}
