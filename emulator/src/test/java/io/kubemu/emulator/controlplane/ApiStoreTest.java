package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.emulator.controlplane.StoreProtocol.Apply;
import io.kubemu.emulator.controlplane.StoreProtocol.ApplyResult;
import io.kubemu.emulator.controlplane.StoreProtocol.Command;
import io.kubemu.emulator.controlplane.StoreProtocol.FromKubelet;
import io.kubemu.emulator.controlplane.StoreProtocol.ListObjects;
import io.kubemu.emulator.controlplane.StoreProtocol.ObjectList;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The API store with fake nodes: each node agent is a test probe. */
class ApiStoreTest {
  private static final Duration LONG_GRACE = Duration.ofMinutes(5);
  private static final ActorTestKit kit = StoreTestKit.create("ApiStoreTest");

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static String pod(String name, String nodeName) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{%s"containers":[{"name":"c","image":"busybox:1.36","command":["sleep","3600"]}]}}"""
        .formatted(name, nodeName == null ? "" : "\"nodeName\":\"" + nodeName + "\",");
  }

  private static NodeLease lease(String node, int index, ActorRef<NodeAgent.Command> agent) {
    return new NodeLease(node, "h1", Ipv4Address.parse("172.18.0." + (index + 1)), MacAddress.local(index),
        Ipv4Cidr.parse("10.244." + (index - 1) + ".0/24"), "flannel-vxlan", MacAddress.local(0x100 + index), agent);
  }

  private static TestProbe<NodeAgent.Command> register(ActorRef<Command> store, String node, int index) {
    TestProbe<NodeAgent.Command> agent = kit.createTestProbe();
    store.tell(new FromKubelet(new KubeletReport.NodeRegistered(lease(node, index, agent.getRef()), agent.getRef())));
    return agent;
  }

  private static ApplyResult apply(ActorRef<Command> store, String... objects) {
    TestProbe<ApplyResult> reply = kit.createTestProbe();
    store.tell(new Apply(List.of(objects), reply.getRef()));
    return reply.receiveMessage();
  }

  private static List<JsonNode> list(ActorRef<Command> store, String kind) {
    TestProbe<ObjectList> reply = kit.createTestProbe();
    store.tell(new ListObjects(kind, null, reply.getRef()));
    return reply.receiveMessage().items().stream().map(ApiStoreTest::tree).toList();
  }

  private static JsonNode tree(String json) {
    return Json.read(json, JsonNode.class);
  }

  private static String podNode(NodeAgent.Command run) {
    return Json.read(((NodeAgent.RunPod) run).podJson(), Pod.class).getSpec().getNodeName();
  }

  private static String readyStatus(JsonNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText();
      }
    }
    return "none";
  }

  @Test
  void aPodWithoutNodeIsScheduledAndSentToTheNodeAgent() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    TestProbe<NodeAgent.Command> w1 = register(store, "w1", 1);
    ApplyResult result = apply(store, pod("web", null));
    assertEquals(200, result.status(), result.errorJson());
    assertEquals(List.of("pod/web created"), result.lines());
    NodeAgent.Command run = w1.expectMessageClass(NodeAgent.RunPod.class);
    assertEquals("w1", podNode(run));
    List<JsonNode> pods = list(store, "Pod");
    assertEquals(1, pods.size());
    assertEquals("w1", pods.get(0).path("spec").path("nodeName").asText());
    assertEquals("default", pods.get(0).path("metadata").path("namespace").asText());
    assertEquals("Always", pods.get(0).path("spec").path("restartPolicy").asText(), "defaulted on admission");
  }

  @Test
  void podsAreSpreadOverTheReadyNodes() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    TestProbe<NodeAgent.Command> w1 = register(store, "w1", 1);
    TestProbe<NodeAgent.Command> w2 = register(store, "w2", 2);
    assertEquals(200, apply(store, pod("a", null), pod("b", null)).status());
    assertEquals("w1", podNode(w1.expectMessageClass(NodeAgent.RunPod.class)));
    assertEquals("w2", podNode(w2.expectMessageClass(NodeAgent.RunPod.class)));
  }

  @Test
  void aPodWaitsUnschedulableUntilANodeRegisters() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    assertEquals(200, apply(store, pod("web", null)).status());
    JsonNode pending = list(store, "Pod").get(0);
    assertEquals("Pending", pending.path("status").path("phase").asText());
    assertEquals("Unschedulable", pending.path("status").path("conditions").get(0).path("reason").asText());
    TestProbe<NodeAgent.Command> w1 = register(store, "w1", 1);
    assertEquals("w1", podNode(w1.expectMessageClass(NodeAgent.RunPod.class, Duration.ofSeconds(5))));
  }

  @Test
  void aNodeThatStopsHeartbeatingTurnsNotReadyAndComesBackWithItsPods() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(Duration.ofMillis(800)));
    TestProbe<NodeAgent.Command> w1 = register(store, "w1", 1);
    assertEquals(200, apply(store, pod("web", "w1")).status());
    w1.expectMessageClass(NodeAgent.RunPod.class);
    w1.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
      JsonNode node = list(store, "Node").get(0);
      assertEquals("Unknown", readyStatus(node));
      assertEquals("node.kubernetes.io/unreachable", node.path("spec").path("taints").get(0).path("key").asText());
      return null;
    });
    store.tell(new FromKubelet(new KubeletReport.NodeHeartbeat(lease("w1", 1, w1.getRef()), 0L)));
    assertEquals("True", readyStatus(list(store, "Node").get(0)));
    assertEquals("w1", podNode(w1.expectMessageClass(NodeAgent.RunPod.class)), "a returning node gets its pods again");
  }

  @Test
  void anInvalidPodIsRefusedWith422AndNothingIsStored() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    TestProbe<NodeAgent.Command> w1 = register(store, "w1", 1);
    String invalid = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"Bad_Name"},
         "spec":{"containers":[{"name":"c","image":"busybox"}]}}""";
    ApplyResult result = apply(store, pod("good", null), invalid);
    assertEquals(422, result.status());
    assertEquals(List.of(), result.lines());
    JsonNode status = tree(result.errorJson());
    assertEquals("Invalid", status.path("reason").asText());
    assertTrue(status.path("message").asText().startsWith("Pod \"Bad_Name\" is invalid: metadata.name: Invalid value"),
        status.path("message").asText());
    assertEquals(List.of(), list(store, "Pod"), "all or nothing");
    w1.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aNamespaceAndAPodInItCanBeAppliedTogether() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    String namespace = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"demo\"}}";
    ApplyResult result = apply(store, namespace, podIn("demo"));
    assertEquals(200, result.status(), result.errorJson());
    assertEquals(List.of("namespace/demo created", "pod/web created"), result.lines());
  }

  private static String podIn(String namespace) {
    return pod("web", null).replace("\"name\":\"web\"}", "\"name\":\"web\",\"namespace\":\"" + namespace + "\"}");
  }

  @Test
  void aPodInAMissingNamespaceIsRefusedAndNotStored() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    ApplyResult result = apply(store, podIn("nowhere"));
    JsonNode status = tree(result.errorJson());
    assertEquals(404, status.path("code").asInt());
    assertEquals("namespaces \"nowhere\" not found", status.path("message").asText());
    assertEquals(List.of(), list(store, "Pod"));
  }

  @Test
  void aRefusalCarriesTheStatusCodeOfItsStatus() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    assertEquals(404, apply(store, podIn("nowhere")).status());
  }

  @Test
  void badJsonIsABadRequest() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    ApplyResult result = apply(store, "{not json");
    assertEquals(400, result.status());
    assertEquals("BadRequest", tree(result.errorJson()).path("reason").asText());
  }

  @Test
  void execOnAMissingPodAnswersNotFound() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    TestProbe<ExecResult> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.Exec("default", "ghost", "", List.of("hostname"), new byte[0], 1000, null, reply.getRef()));
    assertEquals(new ExecResult("", "Error from server (NotFound): pods \"ghost\" not found\n", 1), reply.receiveMessage());
  }

  @Test
  void execIsForwardedToThePodsNode() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    TestProbe<NodeAgent.Command> w1 = register(store, "w1", 1);
    apply(store, pod("web", null));
    w1.expectMessageClass(NodeAgent.RunPod.class);
    TestProbe<ExecResult> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.Exec("default", "web", "", List.of("hostname"), new byte[0], 1000, null, reply.getRef()));
    NodeAgent.ExecInPod exec = w1.expectMessageClass(NodeAgent.ExecInPod.class);
    assertEquals(List.of("hostname"), exec.argv());
    assertEquals(reply.getRef(), exec.replyTo());
  }
}
