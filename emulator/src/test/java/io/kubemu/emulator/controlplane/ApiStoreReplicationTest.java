package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.emulator.controlplane.StoreProtocol.Command;
import io.kubemu.emulator.controlplane.StoreProtocol.ListObjects;
import io.kubemu.emulator.controlplane.StoreProtocol.ObjectList;
import io.kubemu.emulator.controlplane.StoreProtocol.Watch;
import io.kubemu.emulator.controlplane.StoreProtocol.WatchEvent;
import io.kubemu.emulator.controlplane.StoreProtocol.WriteResult;
import io.kubemu.emulator.controlplane.StoreReplica.Change;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API store with replicas: it starts from its host's replica, and answers writes once every
 * replica has them. One actor system per test: a store follows every replica its Receptionist
 * lists, as the one store of a cluster does.
 */
class ApiStoreReplicationTest {
  private static final Duration GRACE = Duration.ofMinutes(5);
  private ActorTestKit kit;

  @BeforeEach
  void start() {
    kit = StoreTestKit.create("ApiStoreReplicationTest");
  }

  @AfterEach
  void shutdown() {
    kit.shutdownTestKit();
  }

  private static String configMap(String name, String rv, String uid) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\""
        + (rv == null ? "" : ",\"resourceVersion\":\"" + rv + "\",\"uid\":\"" + uid + "\"") + "},\"data\":{\"k\":\"v\"}}";
  }

  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u-web","resourceVersion":"35"},
       "spec":{"nodeName":"w2","containers":[{"name":"c","image":"busybox"}]},"status":{"phase":"Running","podIP":"10.244.1.2"}}""";

  /** A replica that holds the default namespace, a ConfigMap and a Pod at version 40, as a store that lost its host left it. */
  private ActorRef<StoreReplica.Command> filledReplica() {
    ActorRef<StoreReplica.Command> replica = kit.spawn(StoreReplica.create());
    List<Change> objects = new ArrayList<>(List.of(
        new Change("ADDED", "Namespace//default", 40, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\","
            + "\"resourceVersion\":\"2\"},\"status\":{\"phase\":\"Active\"}}"),
        new Change("ADDED", "ConfigMap/default/kept", 40, configMap("kept", "30", "u-kept")),
        new Change("ADDED", "Pod/default/web", 40, POD)));
    TestProbe<Replicator.Acked> acks = kit.createTestProbe();
    replica.tell(new StoreReplica.Snapshot(1, 0, true, 40, objects, acks.getRef()));
    acks.receiveMessage();
    return replica;
  }

  private List<JsonNode> list(ActorRef<Command> store, String kind) {
    TestProbe<ObjectList> reply = kit.createTestProbe();
    store.tell(new ListObjects(kind, null, reply.getRef()));
    return reply.receiveMessage().items().stream().map(j -> Json.read(j, JsonNode.class)).toList();
  }

  private void create(ActorRef<Command> store, String name, TestProbe<WriteResult> reply) {
    store.tell(new StoreProtocol.Create("ConfigMap", "default", configMap(name, null, null), reply.getRef()));
  }

  @Test
  void aStoreStartsFromItsReplicaWithTheSameVersionsAndNoNewNamespaces() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(GRACE, filledReplica()));
    List<JsonNode> maps = list(store, "ConfigMap");
    assertEquals(1, maps.size());
    assertEquals("u-kept", maps.get(0).path("metadata").path("uid").asText());
    assertEquals("30", maps.get(0).path("metadata").path("resourceVersion").asText());
    assertEquals(List.of("default"), list(store, "Namespace").stream().map(n -> n.path("metadata").path("name").asText()).toList(),
        "the default namespaces are seeded only into an empty store");

    TestProbe<WriteResult> reply = kit.createTestProbe();
    create(store, "new", reply);
    WriteResult created = reply.receiveMessage();
    assertEquals(201, created.status(), created.json());
    long version = Long.parseLong(Json.read(created.json(), JsonNode.class).path("metadata").path("resourceVersion").asText());
    assertTrue(version > 40, "versions go on after the replica's: " + version);

    TestProbe<WatchEvent> tooOld = kit.createTestProbe();
    store.tell(new Watch("ConfigMap", null, 39, tooOld.getRef()));
    assertEquals("ERROR", tooOld.receiveMessage().type(), "the changes before the replica's version are unknown: 410");
    TestProbe<WatchEvent> tooNew = kit.createTestProbe();
    store.tell(new Watch("ConfigMap", null, version + 100, tooNew.getRef()));
    WatchEvent error = tooNew.receiveMessage();
    assertTrue(error.objectJson().contains("too large resource version"), "a version seen from a lost store, never replicated: 410 "
        + error.objectJson());
    TestProbe<WatchEvent> fromLoad = kit.createTestProbe();
    store.tell(new Watch("ConfigMap", null, 40, fromLoad.getRef()));
    WatchEvent replay = fromLoad.receiveMessage();
    assertEquals("ADDED", replay.type());
    assertTrue(replay.objectJson().contains("\"name\":\"new\""), replay.objectJson());
  }

  @Test
  void aNodeThatRegistersWithTheNewStoreIsToldToRunItsPodWithTheSameUid() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(GRACE, filledReplica()));
    TestProbe<NodeAgent.Command> w2 = kit.createTestProbe();
    NodeLease lease = new NodeLease("w2", "h2", Ipv4Address.parse("172.18.0.3"), MacAddress.local(2), Ipv4Cidr.parse("10.244.1.0/24"),
        "flannel-vxlan", MacAddress.local(0x102), w2.getRef());
    store.tell(new StoreProtocol.FromKubelet(new KubeletReport.NodeRegistered(lease, w2.getRef())));
    Pod pod = Json.read(w2.expectMessageClass(NodeAgent.RunPod.class).podJson(), Pod.class);
    assertEquals("u-web", pod.getMetadata().getUid(), "the node agent keeps a pod it runs with this uid");
    assertEquals("Running", list(store, "Pod").get(0).path("status").path("phase").asText());
  }

  @Test
  void anEmptyReplicaGetsTheSeededNamespacesAndEveryWrite() {
    ActorRef<StoreReplica.Command> replica = kit.spawn(StoreReplica.create());
    ActorRef<Command> store = kit.spawn(ApiStore.create(GRACE, replica));
    TestProbe<WriteResult> reply = kit.createTestProbe();
    create(store, "a", reply);
    assertEquals(201, reply.receiveMessage().status());
    TestProbe<StoreReplica.Contents> contents = kit.createTestProbe();
    replica.tell(new StoreReplica.Load(contents.getRef()));
    StoreReplica.Contents held = contents.receiveMessage();
    assertTrue(held.objects().containsKey("Namespace//kube-system"), held.objects().keySet().toString());
    assertTrue(held.objects().containsKey("ConfigMap/default/a"), "an answered write is in the replica");
    assertEquals(list(store, "ConfigMap").get(0).path("metadata").path("resourceVersion").asText(), Long.toString(held.resourceVersion()));
  }

  @Test
  void aWriteIsAnsweredOnlyOnceEveryListedReplicaAcknowledgedIt() {
    TestProbe<StoreReplica.Command> remote = kit.createTestProbe();
    TestProbe<Receptionist.Registered> registered = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.register(StoreReplica.KEY, remote.getRef(), registered.getRef()));
    registered.receiveMessage();
    ActorRef<Command> store = kit.spawn(ApiStore.create(GRACE, kit.spawn(StoreReplica.create())));

    StoreReplica.Snapshot snapshot = (StoreReplica.Snapshot) remote.expectMessageClass(StoreReplica.Snapshot.class);
    assertTrue(snapshot.last());
    snapshot.replyTo().tell(new Replicator.Acked(remote.getRef(), snapshot.session(), snapshot.resourceVersion(), true));

    TestProbe<WriteResult> reply = kit.createTestProbe();
    create(store, "held", reply);
    StoreReplica.Changes batch = (StoreReplica.Changes) remote.fishForMessage(Duration.ofSeconds(5), m ->
        m instanceof StoreReplica.Changes c && c.changes().stream().anyMatch(x -> x.key().equals("ConfigMap/default/held"))
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);
    reply.expectNoMessage(Duration.ofMillis(300));
    batch.replyTo().tell(new Replicator.Acked(remote.getRef(), batch.session(), batch.resourceVersion(), true));
    assertEquals(201, reply.receiveMessage().status(), "answered once the remote replica has it");

    TestProbe<Receptionist.Deregistered> deregistered = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.deregister(StoreReplica.KEY, remote.getRef(), deregistered.getRef()));
    deregistered.receiveMessage();
    TestProbe<WriteResult> next = kit.createTestProbe();
    awaitAnswered(store, next);
  }

  /** Once the store heard that the remote replica left, writes no longer wait for it. */
  private void awaitAnswered(ActorRef<Command> store, TestProbe<WriteResult> reply) {
    reply.awaitAssert(Duration.ofSeconds(5), () -> {
      create(store, "after-" + System.nanoTime(), reply);
      assertEquals(201, reply.receiveMessage(Duration.ofMillis(500)).status());
      return null;
    });
  }
}
