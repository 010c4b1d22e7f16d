package io.kubemu.emulator.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real API store with the controller manager: the workload controllers make their pods through the store. */
class WorkloadControllersTest {
  private static final ActorTestKit kit = StoreTestKit.create("WorkloadControllersTest");
  private static ActorRef<StoreProtocol.Command> store;
  private static TestProbe<NodeAgent.Command> w1;

  @BeforeAll
  static void start() {
    store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)), "api-store");
    w1 = kit.createTestProbe();
    store.tell(new StoreProtocol.FromKubelet(new KubeletReport.NodeRegistered(new NodeLease("w1", "h1",
        Ipv4Address.parse("172.18.0.2"), MacAddress.local(1), Ipv4Cidr.parse("10.244.0.0/24"), "flannel-vxlan",
        MacAddress.local(0x101), w1.getRef()), w1.getRef())));
    kit.spawn(ControllerManager.create(store), "controller-manager");
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static StoreProtocol.WriteResult create(String kind, String json) {
    TestProbe<StoreProtocol.WriteResult> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.Create(kind, "default", json, reply.getRef()));
    StoreProtocol.WriteResult r = reply.receiveMessage();
    assertEquals(201, r.status(), r.json());
    return r;
  }

  private static List<Pod> pods() {
    TestProbe<StoreProtocol.ObjectList> reply = kit.createTestProbe();
    store.tell(new StoreProtocol.ListObjects("Pod", "default", reply.getRef()));
    return reply.receiveMessage().items().stream().map(j -> Json.read(j, Pod.class)).toList();
  }

  /** The pod {@code which} picks out, once the controllers have made it. */
  private static Pod awaitPod(Predicate<Pod> which) {
    TestProbe<Void> probe = kit.createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(10), () -> {
      Optional<Pod> p = pods().stream().filter(which).findFirst();
      assertTrue(p.isPresent(), "no such pod yet");
      return p.get();
    });
  }

  @Test
  void aStatefulSetCreatesItsFirstPodWithAStableHostname() {
    create("StatefulSet", """
        {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
         "spec":{"replicas":2,"serviceName":"web","selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"udp-echo"}]}}}}""");
    Pod web0 = awaitPod(p -> p.getMetadata().getName().equals("web-0"));
    assertEquals("web-0", web0.getSpec().getHostname());
    assertEquals("web", web0.getSpec().getSubdomain());
    assertEquals("StatefulSet", web0.getMetadata().getOwnerReferences().get(0).getKind());
  }

  @Test
  void aJobGetsItsGeneratedSelectorAndItsPodsCarryIt() {
    JsonNode job = Json.read(create("Job", """
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi"},
         "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}""")
        .json(), JsonNode.class);
    String uid = job.path("metadata").path("uid").asText();
    assertNotNull(uid);
    assertEquals(uid, job.path("spec").path("selector").path("matchLabels").path("batch.kubernetes.io/controller-uid").asText());
    Pod pod = awaitPod(p -> p.getMetadata().getName().startsWith("pi-"));
    assertEquals(uid, pod.getMetadata().getLabels().get("batch.kubernetes.io/controller-uid"));
    assertEquals("pi", pod.getMetadata().getLabels().get("job-name"));
  }

  @Test
  void aDaemonSetPutsAPodOnTheNode() {
    create("DaemonSet", """
        {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},
         "spec":{"selector":{"matchLabels":{"app":"agent"}},
          "template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"c","image":"udp-echo"}]}}}}""");
    Pod pod = awaitPod(p -> p.getMetadata().getName().startsWith("agent-"));
    assertEquals("w1", pod.getSpec().getNodeName());
  }
}
