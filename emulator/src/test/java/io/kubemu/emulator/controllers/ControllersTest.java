package io.kubemu.emulator.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The controller manager against the real API store: a ReplicaSet makes its pods, and deletion cascades or orphans. */
class ControllersTest {
  private static final ActorTestKit kit = StoreTestKit.create("ControllersTest");
  private static final String RS = """
      {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web","namespace":"default"},
       "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}""";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static ActorRef<StoreProtocol.Command> cluster() {
    ActorRef<StoreProtocol.Command> store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    kit.spawn(ControllerManager.create(store));
    return store;
  }

  private static List<JsonNode> list(ActorRef<StoreProtocol.Command> store, String kind) {
    TestProbe<StoreProtocol.ObjectList> probe = kit.createTestProbe();
    store.tell(new StoreProtocol.ListObjects(kind, "default", probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10)).items().stream().map(j -> Json.read(j, JsonNode.class)).toList();
  }

  /** Polls the store until the objects of a kind satisfy {@code until}. */
  private static List<JsonNode> await(ActorRef<StoreProtocol.Command> store, String kind, Predicate<List<JsonNode>> until) {
    TestProbe<Object> clock = kit.createTestProbe();
    return clock.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
      List<JsonNode> items = list(store, kind);
      assertTrue(until.test(items), kind + ": " + items);
      return items;
    });
  }

  private static void write(ActorRef<StoreProtocol.Command> store, java.util.function.Function<ActorRef<StoreProtocol.WriteResult>,
      StoreProtocol.Command> msg, int expect) {
    TestProbe<StoreProtocol.WriteResult> reply = kit.createTestProbe();
    store.tell(msg.apply(reply.getRef()));
    StoreProtocol.WriteResult r = reply.receiveMessage(Duration.ofSeconds(10));
    assertEquals(expect, r.status(), r.json());
  }

  private static void delete(ActorRef<StoreProtocol.Command> store, String policy) {
    TestProbe<StoreProtocol.DeleteResult> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.Delete("ReplicaSet", "default", "web", policy, reply.getRef()));
    assertEquals(200, reply.receiveMessage(Duration.ofSeconds(10)).status());
  }

  @Test
  void aReplicaSetMakesItsPodsAndFollowsAScaleDown() {
    ActorRef<StoreProtocol.Command> store = cluster();
    write(store, r -> new StoreProtocol.Create("ReplicaSet", "default", RS.formatted(3), r), 201);
    List<JsonNode> pods = await(store, "Pod", items -> items.size() == 3);
    pods.forEach(p -> assertEquals("ReplicaSet", p.path("metadata").path("ownerReferences").path(0).path("kind").asText()));
    await(store, "ReplicaSet", items -> items.get(0).path("status").path("replicas").asInt() == 3
        && items.get(0).path("status").path("observedGeneration").asInt() == 1);
    write(store, r -> new StoreProtocol.Patch("ReplicaSet", "default", "web", "{\"spec\":{\"replicas\":1}}", r), 200);
    await(store, "Pod", items -> items.size() == 1);
    await(store, "ReplicaSet", items -> items.get(0).path("status").path("replicas").asInt() == 1
        && items.get(0).path("status").path("observedGeneration").asInt() == 2);
  }

  @Test
  void theReplicaSetRecordsThePodsItCreatedAndDeletedByTheNamesTheStoreGave() {
    ActorRef<StoreProtocol.Command> store = cluster();
    write(store, r -> new StoreProtocol.Create("ReplicaSet", "default", RS.formatted(2), r), 201);
    List<String> created = await(store, "Pod", items -> items.size() == 2).stream()
        .map(p -> "SuccessfulCreate: Created pod: " + p.path("metadata").path("name").asText()).sorted().toList();
    Predicate<JsonNode> mine = x -> x.path("source").path("component").asText().equals("replicaset-controller");
    List<JsonNode> events = await(store, "Event", items -> items.stream().filter(mine).count() == 2).stream().filter(mine).toList();
    assertEquals(created, events.stream().map(e -> e.path("reason").asText() + ": " + e.path("message").asText()).sorted().toList());
    JsonNode e = events.get(0);
    assertEquals(List.of("ReplicaSet", "web", "replicaset-controller", "1"), List.of(e.path("involvedObject").path("kind").asText(),
        e.path("involvedObject").path("name").asText(), e.path("source").path("component").asText(), e.path("count").asText()));
    assertTrue(e.path("metadata").path("name").asText().startsWith("web."), e.toString());
    write(store, r -> new StoreProtocol.Patch("ReplicaSet", "default", "web", "{\"spec\":{\"replicas\":1}}", r), 200);
    await(store, "Event", items -> items.stream().anyMatch(x -> x.path("reason").asText().equals("SuccessfulDelete")));
  }

  @Test
  void deletingTheOwnerCascadesInTheBackground() {
    ActorRef<StoreProtocol.Command> store = cluster();
    write(store, r -> new StoreProtocol.Create("ReplicaSet", "default", RS.formatted(2), r), 201);
    await(store, "Pod", items -> items.size() == 2);
    delete(store, null);
    await(store, "Pod", List::isEmpty);
  }

  @Test
  void foregroundDeletionRemovesTheOwnerAfterItsPods() {
    ActorRef<StoreProtocol.Command> store = cluster();
    write(store, r -> new StoreProtocol.Create("ReplicaSet", "default", RS.formatted(2), r), 201);
    await(store, "Pod", items -> items.size() == 2);
    delete(store, "Foreground");
    await(store, "ReplicaSet", List::isEmpty);
    assertTrue(list(store, "Pod").isEmpty());
  }

  @Test
  void orphanDeletionLeavesThePodsWithoutTheirOwner() {
    ActorRef<StoreProtocol.Command> store = cluster();
    write(store, r -> new StoreProtocol.Create("ReplicaSet", "default", RS.formatted(2), r), 201);
    await(store, "Pod", items -> items.size() == 2);
    delete(store, "Orphan");
    await(store, "ReplicaSet", List::isEmpty);
    List<JsonNode> pods = await(store, "Pod", items -> items.size() == 2
        && items.stream().allMatch(p -> p.path("metadata").path("ownerReferences").isEmpty()));
    assertEquals(2, pods.size());
  }
}
