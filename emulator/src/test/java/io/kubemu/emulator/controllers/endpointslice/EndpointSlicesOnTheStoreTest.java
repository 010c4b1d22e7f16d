package io.kubemu.emulator.controllers.endpointslice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The EndpointSlice controller as an actor against the real API store: slices follow pods, and go with their Service. */
class EndpointSlicesOnTheStoreTest {
  private static final ActorTestKit kit = StoreTestKit.create("EndpointSlicesOnTheStoreTest");
  private static final String SERVICE = """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
       "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}""";
  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","labels":{"app":"web"}},
       "spec":{"nodeName":"w1","containers":[{"name":"c","image":"nginx","ports":[{"name":"http","containerPort":8080}]}]}}""";
  private static final String STATUS = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default"},
       "status":{"phase":"Running","podIP":"%s","podIPs":[{"ip":"%s"}],"conditions":[{"type":"Ready","status":"%s"}]}}""";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static void write(ActorRef<StoreProtocol.Command> store, Function<ActorRef<StoreProtocol.WriteResult>, StoreProtocol.Command> msg,
      int expect) {
    TestProbe<StoreProtocol.WriteResult> reply = kit.createTestProbe();
    store.tell(msg.apply(reply.getRef()));
    StoreProtocol.WriteResult r = reply.receiveMessage(Duration.ofSeconds(10));
    assertEquals(expect, r.status(), r.json());
  }

  private static void status(ActorRef<StoreProtocol.Command> store, String pod, String ip, boolean ready) {
    write(store, r -> new StoreProtocol.Update("Pod", "default", pod, STATUS.formatted(pod, ip, ip, ready ? "True" : "False"), "status", r),
        200);
  }

  private static List<JsonNode> slices(ActorRef<StoreProtocol.Command> store, Predicate<List<JsonNode>> until) {
    TestProbe<Object> clock = kit.createTestProbe();
    return clock.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
      TestProbe<StoreProtocol.ObjectList> probe = kit.createTestProbe();
      store.tell(new StoreProtocol.ListObjects("EndpointSlice", "default", probe.getRef()));
      List<JsonNode> items = probe.receiveMessage().items().stream().map(j -> Json.read(j, JsonNode.class)).toList();
      assertTrue(until.test(items), items.toString());
      return items;
    });
  }

  private static String conditions(JsonNode slice) {
    StringBuilder b = new StringBuilder();
    slice.path("endpoints").forEach(e -> b.append(e.path("targetRef").path("name").asText()).append('=')
        .append(e.path("conditions").path("ready").asBoolean()).append(' '));
    return b.toString().trim();
  }

  @Test
  void slicesFollowThePodsAndGoWithTheirService() {
    ActorRef<StoreProtocol.Command> store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    kit.spawn(ControllerManager.create(store));
    write(store, r -> new StoreProtocol.Create("Service", "default", SERVICE, r), 201);
    write(store, r -> new StoreProtocol.Create("Pod", "default", POD.formatted("web-a"), r), 201);
    write(store, r -> new StoreProtocol.Create("Pod", "default", POD.formatted("web-b"), r), 201);
    status(store, "web-a", "10.244.0.2", true);
    status(store, "web-b", "10.244.1.2", true);
    JsonNode slice = slices(store, s -> s.size() == 1 && conditions(s.get(0)).equals("web-a=true web-b=true")).get(0);
    assertEquals(8080, slice.path("ports").get(0).path("port").asInt(), "the named target port, resolved");
    assertEquals("web", slice.path("metadata").path("labels").path("kubernetes.io/service-name").asText());
    String name = slice.path("metadata").path("name").asText();

    status(store, "web-b", "10.244.1.2", false);
    JsonNode updated = slices(store, s -> s.size() == 1 && conditions(s.get(0)).equals("web-a=true web-b=false")).get(0);
    assertEquals(name, updated.path("metadata").path("name").asText(), "updated in place");

    TestProbe<StoreProtocol.DeleteResult> deleted = kit.createTestProbe();
    store.tell(new StoreProtocol.Delete("Service", "default", "web", null, deleted.getRef()));
    assertEquals(200, deleted.receiveMessage().status());
    slices(store, List::isEmpty);
  }
}
