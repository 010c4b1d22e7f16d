package io.kubemu.emulator.controllers.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A LoadBalancer Service on the real store: an address in its status, gone when it is a LoadBalancer no more. */
class LoadBalancerOnTheStoreTest {
  private static final ActorTestKit kit = StoreTestKit.create("LoadBalancerOnTheStoreTest");

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static StoreProtocol.WriteResult write(ActorRef<StoreProtocol.Command> store,
      java.util.function.Function<ActorRef<StoreProtocol.WriteResult>, StoreProtocol.Command> msg) {
    TestProbe<StoreProtocol.WriteResult> reply = kit.createTestProbe();
    store.tell(msg.apply(reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(10));
  }

  private static JsonNode awaitService(ActorRef<StoreProtocol.Command> store, Predicate<JsonNode> until) {
    return kit.createTestProbe().awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
      JsonNode svc = Json.read(write(store, r -> new StoreProtocol.Get("Service", "default", "web", r)).json(), JsonNode.class);
      assertTrue(until.test(svc), svc.toString());
      return svc;
    });
  }

  @Test
  void theAddressIsWrittenToTheStatusAndClearedWithTheType() {
    ActorRef<StoreProtocol.Command> store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    kit.spawn(ControllerManager.create(store, new ControllerManager.Settings(Duration.ofMinutes(5), 100,
        AddressPool.parse("172.18.255.200-172.18.255.250"))));
    StoreProtocol.WriteResult created = write(store, r -> new StoreProtocol.Create("Service", "default", """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
         "spec":{"type":"LoadBalancer","selector":{"app":"web"},"ports":[{"port":80}]}}""", r));
    assertEquals(201, created.status(), created.json());
    JsonNode svc = awaitService(store, s -> s.path("status").path("loadBalancer").path("ingress").size() == 1);
    assertEquals("172.18.255.200", svc.path("status").path("loadBalancer").path("ingress").get(0).path("ip").asText());
    assertEquals("VIP", svc.path("status").path("loadBalancer").path("ingress").get(0).path("ipMode").asText());
    assertEquals(30086, svc.path("spec").path("ports").get(0).path("nodePort").asInt());
    StoreProtocol.WriteResult patched = write(store, r -> new StoreProtocol.Patch("Service", "default", "web",
        "{\"spec\":{\"type\":\"ClusterIP\"}}", r));
    assertEquals(200, patched.status(), patched.json());
    JsonNode plain = Json.read(patched.json(), JsonNode.class);
    assertEquals("{}", plain.path("status").path("loadBalancer").toString());
    assertEquals("[{\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}]", plain.path("spec").path("ports").toString());
  }
}
