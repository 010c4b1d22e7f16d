package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.StoreProtocol.Apply;
import io.kubemu.emulator.controlplane.StoreProtocol.ApplyResult;
import io.kubemu.emulator.controlplane.StoreProtocol.Command;
import io.kubemu.emulator.controlplane.StoreProtocol.Delete;
import io.kubemu.emulator.controlplane.StoreProtocol.DeleteResult;
import io.kubemu.emulator.controlplane.StoreProtocol.FromKubelet;
import io.kubemu.emulator.controlplane.StoreProtocol.ListObjects;
import io.kubemu.emulator.controlplane.StoreProtocol.ObjectList;
import io.kubemu.emulator.controlplane.StoreProtocol.Unwatch;
import io.kubemu.emulator.controlplane.StoreProtocol.Watch;
import io.kubemu.emulator.controlplane.StoreProtocol.WatchEvent;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Watches on the API store: replay, live changes in order, 410 for a version too old, filtering, dropped subscribers. */
class ApiStoreWatchTest {
  private static final Duration LONG_GRACE = Duration.ofMinutes(5);
  private static final ActorTestKit kit = StoreTestKit.create("ApiStoreWatchTest");

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** A pod bound to node w1, which no test registers: nothing runs it, so only the test changes it. */
  private static String pod(String namespace, String name) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s"},
         "spec":{"nodeName":"w1","containers":[{"name":"c","image":"busybox:1.36"}]}}""".formatted(name, namespace);
  }

  private static void apply(ActorRef<Command> store, String... objects) {
    TestProbe<ApplyResult> reply = kit.createTestProbe();
    store.tell(new Apply(List.of(objects), reply.getRef()));
    ApplyResult r = reply.receiveMessage();
    assertEquals(200, r.status(), r.errorJson());
  }

  private static long listVersion(ActorRef<Command> store, String kind) {
    TestProbe<ObjectList> reply = kit.createTestProbe();
    store.tell(new ListObjects(kind, null, reply.getRef()));
    return reply.receiveMessage().resourceVersion();
  }

  private static int watches(ActorRef<Command> store) {
    TestProbe<Integer> reply = kit.createTestProbe();
    store.tell(new ApiStore.CountWatches(reply.getRef()));
    return reply.receiveMessage();
  }

  private static JsonNode object(WatchEvent e) {
    return Json.read(e.objectJson(), JsonNode.class);
  }

  private static String name(WatchEvent e) {
    return object(e).path("metadata").path("name").asText();
  }

  private static long version(WatchEvent e) {
    return Long.parseLong(object(e).path("metadata").path("resourceVersion").asText());
  }

  @Test
  void aWatchFromZeroStartsWithAnAddedEventPerExistingObject() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    apply(store, pod("default", "a"), pod("default", "b"));
    TestProbe<WatchEvent> events = kit.createTestProbe();
    store.tell(new Watch("Pod", null, 0, events.getRef()));
    List<WatchEvent> added = events.receiveSeveralMessages(2);
    assertEquals(List.of("ADDED", "ADDED"), added.stream().map(WatchEvent::type).toList());
    assertEquals(List.of("a", "b"), added.stream().map(ApiStoreWatchTest::name).toList());
    apply(store, pod("default", "c"));
    assertEquals("c", name(events.expectMessageClass(WatchEvent.class)), "then live changes");
  }

  @Test
  void applyThenStatusThenDeleteAreAddedModifiedDeletedWithRisingVersions() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    long listed = listVersion(store, "Pod");
    TestProbe<WatchEvent> events = kit.createTestProbe();
    store.tell(new Watch("Pod", "default", listed, events.getRef()));
    apply(store, pod("default", "web"));
    store.tell(new FromKubelet(new KubeletReport.PodStatusReport("default", "web", null, "w1", "Running", "10.244.0.5",
        null, null, List.of())));
    TestProbe<DeleteResult> deleted = kit.createTestProbe();
    store.tell(new Delete("Pod", "default", "web", null, deleted.getRef()));
    assertEquals(200, deleted.receiveMessage().status());
    List<WatchEvent> seen = events.receiveSeveralMessages(3);
    assertEquals(List.of("ADDED", "MODIFIED", "DELETED"), seen.stream().map(WatchEvent::type).toList());
    assertTrue(listed < version(seen.get(0)) && version(seen.get(0)) < version(seen.get(1))
        && version(seen.get(1)) < version(seen.get(2)), "versions rise: " + seen);
    assertEquals("10.244.0.5", object(seen.get(2)).path("status").path("podIP").asText(), "DELETED carries the last state");
  }

  @Test
  void aWatchFromAVersionTheHistoryNoLongerHoldsGetsA410Error() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE, 3));
    apply(store, pod("default", "a"), pod("default", "b"), pod("default", "c"), pod("default", "d"));
    TestProbe<WatchEvent> events = kit.createTestProbe();
    store.tell(new Watch("Pod", null, 2, events.getRef()));
    WatchEvent error = events.receiveMessage();
    assertEquals("ERROR", error.type());
    JsonNode status = object(error);
    assertEquals(410, status.path("code").asInt());
    assertEquals("Expired", status.path("reason").asText());
    assertTrue(status.path("message").asText().startsWith("too old resource version: 2 ("), status.toString());
    assertEquals(0, watches(store), "a refused watch is not kept");
  }

  @Test
  void aReplayFromAVersionTheHistoryHoldsGivesTheLaterChangesOnly() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE, 3));
    apply(store, pod("default", "a"));
    long after = listVersion(store, "Pod");
    apply(store, pod("default", "b"), pod("default", "c"));
    TestProbe<WatchEvent> events = kit.createTestProbe();
    store.tell(new Watch("Pod", null, after, events.getRef()));
    assertEquals(List.of("b", "c"), events.receiveSeveralMessages(2).stream().map(ApiStoreWatchTest::name).toList());
  }

  @Test
  void aNamespacedWatchSeesOnlyItsNamespace() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    apply(store, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"demo\"}}",
        pod("default", "a"), pod("demo", "b"));
    TestProbe<WatchEvent> events = kit.createTestProbe();
    store.tell(new Watch("Pod", "demo", 0, events.getRef()));
    assertEquals("b", name(events.receiveMessage()));
    apply(store, pod("default", "c"), pod("demo", "d"));
    WatchEvent next = events.receiveMessage();
    assertEquals("d", name(next), "the pod in default was not sent before it");
    assertEquals("demo", object(next).path("metadata").path("namespace").asText());
  }

  @Test
  void aStoppedSubscriberIsDroppedAndUnwatchClosesAWatch() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(LONG_GRACE));
    TestProbe<WatchEvent> forwarded = kit.createTestProbe();
    ActorRef<WatchEvent> subscriber = kit.spawn(Behaviors.receiveMessage(e -> {
      forwarded.getRef().tell(e);
      return Behaviors.same();
    }));
    store.tell(new Watch("Pod", null, listVersion(store, "Pod"), subscriber));
    apply(store, pod("default", "a"));
    assertEquals("a", name(forwarded.receiveMessage()));
    assertEquals(1, watches(store));
    kit.stop(subscriber);
    forwarded.awaitAssert(Duration.ofSeconds(5), Duration.ofMillis(20), () -> {
      assertEquals(0, watches(store));
      return null;
    });
    TestProbe<WatchEvent> other = kit.createTestProbe();
    store.tell(new Watch("Pod", null, listVersion(store, "Pod"), other.getRef()));
    store.tell(new Unwatch(other.getRef()));
    assertEquals(0, watches(store));
  }

  @Test
  void nodeWatchersSeeARegistrationAndNotReady() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(Duration.ofMillis(300)));
    TestProbe<WatchEvent> events = kit.createTestProbe();
    store.tell(new Watch("Node", null, listVersion(store, "Node"), events.getRef()));
    TestProbe<NodeAgent.Command> agent = kit.createTestProbe();
    NodeLease lease = new NodeLease("w1", "h1", Ipv4Address.parse("172.18.0.2"), MacAddress.local(1),
        Ipv4Cidr.parse("10.244.0.0/24"), "flannel-vxlan", MacAddress.local(0x101), agent.getRef());
    store.tell(new FromKubelet(new KubeletReport.NodeRegistered(lease, agent.getRef())));
    WatchEvent added = events.receiveMessage();
    assertEquals("ADDED", added.type());
    assertEquals("w1", name(added));
    WatchEvent notReady = events.receiveMessage(Duration.ofSeconds(5));
    assertEquals("MODIFIED", notReady.type());
    assertEquals("Unknown", object(notReady).path("status").path("conditions").get(0).path("status").asText());
    assertTrue(version(notReady) > version(added));
  }
}
