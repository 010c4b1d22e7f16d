package io.kubemu.emulator.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import io.kubemu.nodes.agent.NodeAgent;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host's watch: after its first full list every agent gets kube-proxy's state and the cluster
 * view; later a Secret's change reaches the pods' view only, while a Service's also resyncs kube-proxy.
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
}
