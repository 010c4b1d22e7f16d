package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A pod that fits nowhere stays Pending with the scheduler's reason, as a FailedScheduling Event kubectl describe lists. */
class SchedulingEventsTest {
  private static final ActorTestKit kit = StoreTestKit.create("SchedulingEventsTest");

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void anUnschedulablePodGetsAFailedSchedulingEvent() {
    ActorRef<StoreProtocol.Command> store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    TestProbe<StoreProtocol.WriteResult> created = kit.createTestProbe();
    store.tell(new StoreProtocol.Create("Pod", "default", """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"lonely"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""",
        created.getRef()));
    assertEquals(201, created.receiveMessage(Duration.ofSeconds(10)).status());
    TestProbe<StoreProtocol.ObjectList> lists = kit.createTestProbe();
    List<JsonNode> events = lists.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
      store.tell(new StoreProtocol.ListObjects("Event", "default", lists.getRef()));
      List<JsonNode> items = lists.receiveMessage(Duration.ofSeconds(5)).items().stream().map(j -> Json.read(j, JsonNode.class)).toList();
      assertEquals(1, items.size(), items.toString());
      return items;
    });
    JsonNode e = events.get(0);
    assertEquals("FailedScheduling", e.path("reason").asText());
    assertEquals("Warning", e.path("type").asText());
    assertEquals("default-scheduler", e.path("source").path("component").asText());
    assertEquals("lonely", e.path("involvedObject").path("name").asText());
    assertTrue(e.path("message").asText().startsWith("0/0 nodes are available"), e.toString());
  }
}
