package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.StoreProtocol.Command;
import io.kubemu.emulator.controlplane.StoreProtocol.WatchEvent;
import io.kubemu.emulator.controlplane.StoreProtocol.WriteResult;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Calico's IPPools, BGPConfigurations and BGPPeers through the API store: defaults, watches, deletes and refusals. */
class ApiStoreCalicoTest {
  private static final ActorTestKit kit = StoreTestKit.create("ApiStoreCalicoTest");
  static final String POOL = """
      {"apiVersion":"projectcalico.org/v3","kind":"IPPool","metadata":{"name":"%s"},
       "spec":{"cidr":"%s","ipipMode":"Always","natOutgoing":true}}""";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static ActorRef<Command> store() {
    return kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
  }

  private static WriteResult ask(ActorRef<Command> store, Function<ActorRef<WriteResult>, Command> msg) {
    TestProbe<WriteResult> reply = kit.createTestProbe();
    store.tell(msg.apply(reply.getRef()));
    return reply.receiveMessage();
  }

  private static WriteResult create(ActorRef<Command> store, String kind, String json) {
    return ask(store, r -> new StoreProtocol.Create(kind, null, json, r));
  }

  private static JsonNode tree(String json) {
    return Json.read(json, JsonNode.class);
  }

  @Test
  void aPoolIsCreatedWithCalicosDefaultsWatchedListedAndDeleted() {
    ActorRef<Command> store = store();
    TestProbe<WatchEvent> events = kit.createTestProbe();
    store.tell(new StoreProtocol.Watch("IPPool", null, 0, events.getRef()));
    WriteResult created = create(store, "IPPool", POOL.formatted("pool-a", "10.244.0.0/16"));
    assertEquals(201, created.status(), created.json());
    JsonNode spec = tree(created.json()).path("spec");
    assertEquals(26, spec.path("blockSize").asInt());
    assertEquals("all()", spec.path("nodeSelector").asText());
    assertEquals("Never", spec.path("vxlanMode").asText());
    assertEquals("[\"Workload\",\"Tunnel\"]", spec.path("allowedUses").toString());
    assertEquals("projectcalico.org/v3", tree(created.json()).path("apiVersion").asText());
    WatchEvent added = events.receiveMessage();
    assertEquals("ADDED", added.type());
    assertEquals("pool-a", tree(added.objectJson()).path("metadata").path("name").asText());

    TestProbe<StoreProtocol.ObjectList> list = kit.createTestProbe();
    store.tell(new StoreProtocol.ListObjects("IPPool", null, list.getRef()));
    assertEquals(1, list.receiveMessage().items().size());
    assertEquals(200, ask(store, r -> new StoreProtocol.Get("IPPool", null, "pool-a", r)).status());

    TestProbe<StoreProtocol.DeleteResult> deleted = kit.createTestProbe();
    store.tell(new StoreProtocol.Delete("IPPool", null, "pool-a", null, deleted.getRef()));
    assertEquals(200, deleted.receiveMessage().status());
    assertEquals("DELETED", events.receiveMessage().type());
    assertEquals(404, ask(store, r -> new StoreProtocol.Get("IPPool", null, "pool-a", r)).status());
  }

  @Test
  void anInvalidPoolIsRefusedWithTheFieldAndWhy() {
    WriteResult r = create(store(), "IPPool", POOL.formatted("bad", "10.244.0.1/16"));
    assertEquals(422, r.status());
    assertEquals("IPPool.projectcalico.org \"bad\" is invalid: spec.cidr: Invalid value: \"10.244.0.1/16\": must have no host"
        + " bits set (expected: 10.244.0.0/16)", tree(r.json()).path("message").asText());
  }

  @Test
  void poolsMayNotOverlapAndKeepTheirCidrAndBlockSize() {
    ActorRef<Command> store = store();
    assertEquals(201, create(store, "IPPool", POOL.formatted("pool-a", "10.244.0.0/16")).status());
    WriteResult overlap = create(store, "IPPool", POOL.formatted("pool-b", "10.244.128.0/17"));
    assertEquals(422, overlap.status());
    assertTrue(tree(overlap.json()).path("message").asText().endsWith("spec.cidr: Invalid value: \"10.244.128.0/17\": overlaps"
        + " IPPool \"pool-a\" (10.244.0.0/16)"), overlap.json());
    WriteResult moved = ask(store, r -> new StoreProtocol.Patch("IPPool", null, "pool-a", Patches.MERGE,
        "{\"spec\":{\"cidr\":\"10.245.0.0/16\",\"blockSize\":24}}", "", r));
    assertEquals(422, moved.status());
    assertTrue(moved.json().contains("spec.cidr: Invalid value: \\\"10.245.0.0/16\\\": field is immutable"), moved.json());
    assertTrue(moved.json().contains("spec.blockSize: Invalid value: 24: field is immutable (it is 26)"), moved.json());
    WriteResult nat = ask(store, r -> new StoreProtocol.Patch("IPPool", null, "pool-a", Patches.MERGE,
        "{\"spec\":{\"natOutgoing\":false}}", "", r));
    assertEquals(200, nat.status(), nat.json());
  }

  @Test
  void bgpConfigurationsAndPeersAreServed() {
    ActorRef<Command> store = store();
    WriteResult config = create(store, "BGPConfiguration", """
        {"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration","metadata":{"name":"default"},
         "spec":{"nodeToNodeMeshEnabled":false,"asNumber":64512}}""");
    assertEquals(201, config.status(), config.json());
    assertEquals(64512, tree(config.json()).path("spec").path("asNumber").asInt());
    WriteResult misnamed = create(store, "BGPConfiguration", """
        {"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration","metadata":{"name":"global"},"spec":{}}""");
    assertEquals(422, misnamed.status());
    assertTrue(tree(misnamed.json()).path("message").asText().startsWith("BGPConfiguration.projectcalico.org \"global\" is"
        + " invalid: metadata.name: Invalid value: \"global\": must be \"default\""), misnamed.json());
    TestProbe<StoreProtocol.ApplyResult> applied = kit.createTestProbe();
    store.tell(new StoreProtocol.Apply(List.of("""
        {"apiVersion":"projectcalico.org/v3","kind":"BGPPeer","metadata":{"name":"rr"},
         "spec":{"nodeSelector":"all()","peerSelector":"route-reflector == 'true'"}}"""), applied.getRef()));
    assertEquals(List.of("bgppeer/rr created"), applied.receiveMessage().lines());
    WriteResult peer = ask(store, r -> new StoreProtocol.Get("BGPPeer", null, "rr", r));
    assertEquals("route-reflector == 'true'", tree(peer.json()).path("spec").path("peerSelector").asText());
  }

  /** kubemu apply -f of a v1 Node: the registered node's labels and annotations change, watchers see it, heartbeats keep it. */
  @Test
  void anAppliedNodeLabelsARegisteredNodeAndNamingAnotherIsRefused() {
    ActorRef<Command> store = store();
    TestProbe<NodeAgent.Command> agent = kit.createTestProbe();
    NodeLease lease = new NodeLease("w2", "h1",
        Ipv4Address.parse("172.18.0.3"), MacAddress.local(2),
        Ipv4Cidr.parse("10.244.1.0/24"), "flannel-vxlan", MacAddress.local(0x102),
        agent.getRef());
    store.tell(new StoreProtocol.FromKubelet(new KubeletReport.NodeRegistered(lease, agent.getRef())));
    TestProbe<WatchEvent> events = kit.createTestProbe();
    store.tell(new StoreProtocol.Watch("Node", null, 0, events.getRef()));
    assertEquals("ADDED", events.receiveMessage().type());
    String node = """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"route-reflector":"true"},
         "annotations":{"projectcalico.org/RouteReflectorClusterID":"244.0.0.1"}}}""";
    TestProbe<StoreProtocol.ApplyResult> applied = kit.createTestProbe();
    store.tell(new StoreProtocol.Apply(List.of(node.formatted("w2")), applied.getRef()));
    assertEquals(List.of("node/w2 configured"), applied.receiveMessage().lines());
    JsonNode modified = tree(events.receiveMessage().objectJson());
    assertEquals("true", modified.path("metadata").path("labels").path("route-reflector").asText());
    store.tell(new StoreProtocol.FromKubelet(new KubeletReport.NodeHeartbeat(lease, System.currentTimeMillis())));
    JsonNode after = tree(ask(store, r -> new StoreProtocol.Get("Node", null, "w2", r)).json());
    assertEquals("244.0.0.1", after.path("metadata").path("annotations").path("projectcalico.org/RouteReflectorClusterID").asText());
    store.tell(new StoreProtocol.Apply(List.of(node.formatted("w2")), applied.getRef()));
    assertEquals(List.of("node/w2 unchanged"), applied.receiveMessage().lines());
    store.tell(new StoreProtocol.Apply(List.of(POOL.formatted("p", "10.200.0.0/16"), node.formatted("w9")), applied.getRef()));
    StoreProtocol.ApplyResult refused = applied.receiveMessage();
    assertEquals(404, refused.status());
    assertTrue(refused.errorJson().contains("nodes \\\"w9\\\" not found"), refused.errorJson());
    assertEquals(404, ask(store, r -> new StoreProtocol.Get("IPPool", null, "p", r)).status(), "all or nothing");
  }
}
