package io.kubemu.emulator.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.bgp.CalicoView;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host's watch: after its first full list every agent gets kube-proxy's state, the cluster view
 * and Calico's view; later a Secret's change reaches the pods' view only, while a Service's also
 * resyncs kube-proxy, and Calico's view goes out again only when it changed.
 */
class ServiceFeedTest {
  static ActorTestKit kit;

  @BeforeAll
  static void setup() {
    kit = StoreTestKit.create("ServiceFeedTest");
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private static final String SERVICE = """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
       "spec":{"type":"ClusterIP","clusterIP":"10.96.1.1","ports":[{"name":"http","port":80,"protocol":"TCP"}]}}""";
  private static final String SECRET = """
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"default"},"data":{"k":"dg=="}}""";

  @Test
  void onlyServicesAndEndpointSlicesResyncKubeProxy() {
    TestProbe<StoreProtocol.Command> store = kit.createTestProbe();
    TestProbe<NodeAgent.Command> agent = kit.createTestProbe();
    ActorRef<ServiceFeed.Command> feed = kit.spawn(ServiceFeed.create(store.getRef(), Duration.ofMillis(20)));
    feed.tell(new ServiceFeed.Follow(agent.getRef()));
    ActorRef<StoreProtocol.WatchEvent> events = store.expectMessageClass(StoreProtocol.WatchKinds.class).subscriber();
    events.tell(new StoreProtocol.WatchEvent("ADDED", SERVICE));
    events.tell(new StoreProtocol.WatchEvent("BOOKMARK", "{}"));
    assertInstanceOf(NodeAgent.SyncCluster.class, agent.receiveMessage(Duration.ofSeconds(3)));
    NodeAgent.SyncServices first = (NodeAgent.SyncServices) agent.receiveMessage(Duration.ofSeconds(3));
    assertEquals(1, first.state().services().size());

    events.tell(new StoreProtocol.WatchEvent("ADDED", SECRET));
    NodeAgent.SyncCluster view = (NodeAgent.SyncCluster) agent.receiveMessage(Duration.ofSeconds(3));
    assertEquals(1, view.view().secrets().size());
    agent.expectNoMessage(Duration.ofMillis(200));

    events.tell(new StoreProtocol.WatchEvent("DELETED", SERVICE));
    assertInstanceOf(NodeAgent.SyncCluster.class, agent.receiveMessage(Duration.ofSeconds(3)));
    assertEquals(0, ((NodeAgent.SyncServices) agent.receiveMessage(Duration.ofSeconds(3))).state().services().size());
  }

  private static final String POOL = """
      {"apiVersion":"projectcalico.org/v3","kind":"IPPool","metadata":{"name":"default-ipv4-ippool"},
       "spec":{"cidr":"10.244.0.0/16","blockSize":26,"ipipMode":"Always","nodeSelector":"all()"}}""";

  private static String node(int version, String labels, String ready) {
    return """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"w2","resourceVersion":"%d","labels":{%s}},
         "status":{"addresses":[{"type":"InternalIP","address":"172.18.0.3"}],"conditions":[{"type":"Ready","status":"%s"}]}}"""
        .formatted(version, labels, ready);
  }

  /** Calico's view reaches every agent after the first list, again only when it changed, and at once to an agent that follows later. */
  @Test
  void theCalicoViewArrivesAfterTheFirstListAndOnlyWhenItChanges() {
    TestProbe<StoreProtocol.Command> store = kit.createTestProbe();
    TestProbe<NodeAgent.Command> agent = kit.createTestProbe();
    ActorRef<ServiceFeed.Command> feed = kit.spawn(ServiceFeed.create(store.getRef(), Duration.ofMillis(20)));
    feed.tell(new ServiceFeed.Follow(agent.getRef()));
    StoreProtocol.WatchKinds watch = store.expectMessageClass(StoreProtocol.WatchKinds.class);
    assertTrue(watch.kinds().containsAll(List.of("IPPool", "BGPConfiguration", "BGPPeer", "Node")), watch.kinds().toString());
    ActorRef<StoreProtocol.WatchEvent> events = watch.subscriber();
    events.tell(new StoreProtocol.WatchEvent("ADDED", POOL));
    events.tell(new StoreProtocol.WatchEvent("ADDED", node(2, "\"rack\":\"a\"", "True")));
    events.tell(new StoreProtocol.WatchEvent("BOOKMARK", "{}"));
    CalicoView first = calico(agent, 3);
    assertEquals("10.244.0.0/16", first.pools().get(0).getSpec().getCidr());
    assertEquals("a", first.nodes().get("w2").labels().get("rack"));

    events.tell(new StoreProtocol.WatchEvent("MODIFIED", node(3, "\"rack\":\"a\"", "Unknown")));
    agent.expectNoMessage(Duration.ofMillis(200));

    events.tell(new StoreProtocol.WatchEvent("MODIFIED", node(4, "\"rack\":\"a\",\"route-reflector\":\"true\"", "Unknown")));
    CalicoView labelled = ((NodeAgent.SyncCalico) agent.receiveMessage(Duration.ofSeconds(3))).view();
    assertEquals(List.of(), labelled.peersOf("w1"), "no BGPPeer yet: no peers");
    assertEquals("true", labelled.nodes().get("w2").labels().get("route-reflector"));
    agent.expectNoMessage(Duration.ofMillis(100));

    TestProbe<NodeAgent.Command> later = kit.createTestProbe();
    feed.tell(new ServiceFeed.Follow(later.getRef()));
    assertEquals(labelled, calico(later, 3));
  }

  /** The SyncCalico among the next {@code n} messages. */
  private static CalicoView calico(TestProbe<NodeAgent.Command> agent, int n) {
    return agent.receiveSeveralMessages(n, Duration.ofSeconds(3)).stream().filter(m -> m instanceof NodeAgent.SyncCalico)
        .map(m -> ((NodeAgent.SyncCalico) m).view()).findFirst().orElseThrow();
  }
}
