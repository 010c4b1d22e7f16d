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
    assertEquals(201, reply.receiveMessage().status());
  }

  /** Waits until the object's {@code path} (e.g. "status/readyReplicas") reads {@code expected}. */
  private static void awaitField(String kind, String name, String path, String expected) {
    TestProbe<Void> probe = kit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(50), () -> {
      TestProbe<StoreProtocol.ObjectList> reply = kit.createTestProbe();
      store.tell(new StoreProtocol.ListObjects(kind, "default", reply.getRef()));
      JsonNode value = reply.receiveMessage().items().stream().map(j -> Json.read(j, JsonNode.class))
          .filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst().orElse(Json.MAPPER.createObjectNode());
      for (String step : path.split("/")) {
        value = step.matches("\\d+") ? value.path(Integer.parseInt(step)) : value.path(step);
      }
      assertEquals(expected, value.asText(), kind + " " + name + " " + path);
      return null;
    });
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
}
