package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.StoreProtocol.Command;
import io.kubemu.emulator.controlplane.StoreProtocol.WriteResult;
import io.kubemu.emulator.controlplane.StoreReplica.Change;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Services through the API store actor: the kubernetes Service, and allocations that survive a move of the store. */
class ApiStoreServicesTest {
  private static final Duration GRACE = Duration.ofMinutes(5);
  private static final String NODE_PORT = """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","namespace":"default"},
       "spec":{"type":"NodePort",%s"selector":{"app":"web"},"ports":[{"port":80}]}}""";
  private ActorTestKit kit;

  @BeforeEach
  void start() {
    kit = StoreTestKit.create("ApiStoreServicesTest");
  }

  @AfterEach
  void shutdown() {
    kit.shutdownTestKit();
  }

  private List<JsonNode> services(ActorRef<Command> store) {
    TestProbe<StoreProtocol.ObjectList> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.ListObjects("Service", null, reply.getRef()));
    return reply.receiveMessage().items().stream().map(j -> Json.read(j, JsonNode.class)).toList();
  }

  private WriteResult create(ActorRef<Command> store, String json) {
    TestProbe<WriteResult> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.Create("Service", "default", json, reply.getRef()));
    return reply.receiveMessage();
  }

  /** A replica that holds the default namespace and one Service at version 40, as a store that lost its host left it. */
  private ActorRef<StoreReplica.Command> replicaHolding(String name, String serviceJson) {
    ActorRef<StoreReplica.Command> replica = kit.spawn(StoreReplica.create());
    TestProbe<Replicator.Acked> acks = kit.createTestProbe();
    replica.tell(new StoreReplica.Snapshot(1, 0, true, 40, List.of(
        new Change("ADDED", "Namespace//default", 40, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\","
            + "\"resourceVersion\":\"2\"},\"status\":{\"phase\":\"Active\"}}"),
        new Change("ADDED", "Service/default/" + name, 40, serviceJson)), acks.getRef()));
    acks.receiveMessage();
    return replica;
  }

  @Test
  void theKubernetesServiceHasTheFirstAddressOfTheRange() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(GRACE, new ServiceNetwork(Ipv4Cidr.parse("10.100.0.0/16"))));
    List<JsonNode> services = services(store);
    assertEquals(1, services.size());
    JsonNode kubernetes = services.get(0);
    assertEquals("kubernetes", kubernetes.path("metadata").path("name").asText());
    assertEquals("default", kubernetes.path("metadata").path("namespace").asText());
    assertEquals("apiserver", kubernetes.path("metadata").path("labels").path("component").asText());
    assertEquals("10.100.0.1", kubernetes.path("spec").path("clusterIP").asText());
    JsonNode port = kubernetes.path("spec").path("ports").get(0);
    assertEquals(List.of("https", "443", "6443", "TCP"), List.of(port.path("name").asText(), port.path("port").asText(),
        port.path("targetPort").asText(), port.path("protocol").asText()));
    WriteResult taken = create(store, NODE_PORT.formatted("web", "\"clusterIP\":\"10.100.0.1\","));
    assertEquals(422, taken.status());
    assertTrue(taken.json().contains("provided IP is already allocated"), taken.json());
  }

  @Test
  void aStoreThatTakesOverFromAReplicaKnowsWhatTheStoredServicesHold() {
    String web = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","uid":"u-web","resourceVersion":"30"},
         "spec":{"type":"NodePort","clusterIP":"10.96.1.1","clusterIPs":["10.96.1.1"],"ipFamilies":["IPv4"],
         "ipFamilyPolicy":"SingleStack","selector":{"app":"web"},"ports":[{"port":80,"targetPort":80,"protocol":"TCP","nodePort":30086}]}}""";
    ActorRef<Command> store = kit.spawn(ApiStore.create(GRACE, replicaHolding("web", web)));

    WriteResult created = create(store, NODE_PORT.formatted("new", ""));
    assertEquals(201, created.status(), created.json());
    JsonNode spec = Json.read(created.json(), JsonNode.class).path("spec");
    assertEquals("10.96.1.2", spec.path("clusterIP").asText(), "10.96.1.1 is web's");
    assertEquals(30087, spec.path("ports").get(0).path("nodePort").asInt(), "30086 is web's");
    WriteResult sameIp = create(store, NODE_PORT.formatted("copy", "\"clusterIP\":\"10.96.1.1\","));
    assertEquals(422, sameIp.status(), sameIp.json());
    WriteResult samePort = create(store, NODE_PORT.formatted("copy", "").replace("80}", "80,\"nodePort\":30086}"));
    assertEquals(422, samePort.status(), samePort.json());
    assertEquals(List.of("kubernetes", "new", "web"), services(store).stream().map(s -> s.path("metadata").path("name").asText()).toList(),
        "a store that takes over adds the kubernetes Service its replica lacked");
  }

  @Test
  void aServiceFromAnotherServiceCidrCanStillBeUpdated() {
    String old = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"old","namespace":"default","uid":"u-old","resourceVersion":"30"},
         "spec":{"type":"ClusterIP","clusterIP":"10.0.0.7","clusterIPs":["10.0.0.7"],"ipFamilies":["IPv4"],
         "ipFamilyPolicy":"SingleStack","selector":{"app":"web"},"ports":[{"port":80,"targetPort":80,"protocol":"TCP"}]}}""";
    ActorRef<Command> store = kit.spawn(ApiStore.create(GRACE, replicaHolding("old", old)));
    TestProbe<WriteResult> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.Patch("Service", "default", "old", "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}", reply.getRef()));
    WriteResult patched = reply.receiveMessage();
    assertEquals(200, patched.status(), patched.json());
    assertEquals("10.0.0.7", Json.read(patched.json(), JsonNode.class).path("spec").path("clusterIP").asText());
  }
}
