package io.kubemu.emulator.controllers.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The Deployment controller among the others, against the real API store: a Deployment of 3
 * gets a ReplicaSet and 3 pods (Pending: there are no nodes), and deleting it takes them along
 * through the garbage collector.
 */
class DeploymentCascadeTest {
  private static final ActorTestKit kit = StoreTestKit.create("DeploymentCascadeTest");
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String WEB = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
       "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}}}""";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static List<HasMetadata> list(ActorRef<StoreProtocol.Command> store, String kind) {
    TestProbe<StoreProtocol.ObjectList> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.ListObjects(kind, "default", reply.getRef()));
    return reply.receiveMessage().items().stream().map(Json::read).toList();
  }

  @Test
  void aDeploymentMakesAReplicaSetAndPodsAndTakesThemAlongWhenDeleted() {
    ActorRef<StoreProtocol.Command> store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    kit.spawn(ControllerManager.create(store));
    TestProbe<StoreProtocol.WriteResult> created = kit.createTestProbe();
    store.tell(new StoreProtocol.Create("Deployment", "default", WEB, created.getRef()));
    StoreProtocol.WriteResult r = created.receiveMessage();
    assertEquals(201, r.status(), r.json());

    TestProbe<Void> poll = kit.createTestProbe();
    poll.awaitAssert(WAIT, Duration.ofMillis(50), () -> {
      List<HasMetadata> sets = list(store, "ReplicaSet");
      assertEquals(1, sets.size());
      ReplicaSet rs = (ReplicaSet) sets.get(0);
      assertTrue(rs.getMetadata().getName().matches("web-[456789bcdf]{1,10}"), rs.getMetadata().getName());
      assertEquals(3, rs.getSpec().getReplicas());
      List<HasMetadata> pods = list(store, "Pod");
      assertEquals(3, pods.size());
      pods.forEach(p -> assertTrue(p.getMetadata().getName().startsWith(rs.getMetadata().getName() + "-"), p.getMetadata().getName()));
      Deployment d = (Deployment) list(store, "Deployment").get(0);
      assertEquals(d.getMetadata().getGeneration(), d.getStatus().getObservedGeneration());
      assertEquals(3, d.getStatus().getReplicas());
      assertEquals(3, d.getStatus().getUpdatedReplicas());
      assertEquals(3, d.getStatus().getUnavailableReplicas(), "pending pods are not available");
      assertNull(d.getStatus().getCollisionCount(), "the stored ReplicaSet's template is the Deployment's");
      return null;
    });

    TestProbe<StoreProtocol.DeleteResult> deleted = kit.createTestProbe();
    store.tell(new StoreProtocol.Delete("Deployment", "default", "web", null, deleted.getRef()));
    assertEquals(200, deleted.receiveMessage().status());
    poll.awaitAssert(WAIT, Duration.ofMillis(50), () -> {
      assertEquals(List.of(), list(store, "ReplicaSet"));
      assertEquals(List.of(), list(store, "Pod"));
      return null;
    });
  }
}
