package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.kubemu.nodes.pod.ContainerState;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PodLifecycleRegressionTest {
  static ActorTestKit kit;

  @BeforeAll
  static void setup() { kit = ActorTestKit.create(); }

  @AfterAll
  static void teardown() { kit.shutdownTestKit(); }

  private static String pod(String name, String uid, String node, long grace, String containers) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"" + uid
        + "\"},\"spec\":{\"nodeName\":\"" + node + "\",\"terminationGracePeriodSeconds\":" + grace + ",\"containers\":" + containers + "}}";
  }

  @Test
  void aPodReplacedByOneOfTheSameNameRuns() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = NodeAgentPodsTest.tinyNode(kit, "r1", api);
    String c = "[{\"name\":\"web\",\"image\":\"nginx\"}]";
    node.tell(new NodeAgent.RunPod(pod("web", "u1", "r1", 30, c)));
    api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.PodStatusReport p && "Running".equals(p.phase())
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    node.tell(new NodeAgent.RunPod(pod("web", "u2", "r1", 30, c)));
    List<KubeletReport> got = api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.PodStatusReport p
        && "u2".equals(p.uid()) && "Running".equals(p.phase()) ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
  }

  @Test
  void aStillRunningContainerOfATerminatingPodStaysReady() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = NodeAgentPodsTest.tinyNode(kit, "r2", api);
    node.tell(new NodeAgent.RunPod(pod("mixed", "u3", "r2", 3, "[{\"name\":\"web\",\"image\":\"nginx\"},"
        + "{\"name\":\"shell\",\"image\":\"busybox\",\"command\":[\"sleep\",\"infinity\"]}]")));
    api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.PodStatusReport p && "Running".equals(p.phase())
        && p.containers().stream().allMatch(ContainerState::ready) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    node.tell(new NodeAgent.DeletePod("default", "mixed"));
    List<KubeletReport> got = api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.PodStatusReport p
        && p.containers().stream().anyMatch(x -> x.name().equals("web") && !x.running())
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
    KubeletReport.PodStatusReport last = (KubeletReport.PodStatusReport) got.get(got.size() - 1);
    ContainerState shell = last.containers().stream().filter(x -> x.name().equals("shell")).findFirst().orElseThrow();
    assertTrue(shell.running());
    assertTrue(shell.ready(), "kubelet keeps a running container ready (readiness probes go on while terminating): " + shell);
  }

  @Test
  void aSecretWithABadKeyDoesNotKillTheIngressControllerPod() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = NodeAgentPodsTest.tinyNode(kit, "r3", api);
    node.tell(new NodeAgent.RunPod(pod("ctl", "u9", "r3", 30, "[{\"name\":\"controller\",\"image\":\"registry.k8s.io/ingress-nginx/controller:v1.11.3\","
        + "\"args\":[\"/nginx-ingress-controller\"]}]")));
    api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.PodStatusReport p && "Running".equals(p.phase())
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    var ing = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder().withNewMetadata().withNamespace("default").withName("i")
        .endMetadata().withNewSpec().withIngressClassName("nginx").addNewTl().withHosts("a.example.com").withSecretName("s").endTl()
        .endSpec().build();
    var secret = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withNamespace("default").withName("s").endMetadata()
        .withStringData(java.util.Map.of("tls.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            "tls.key", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")).build();
    var cert = io.kubemu.nodes.app.tls.TestCerts.make("a.example.com");
    secret.setStringData(java.util.Map.of("tls.crt", io.kubemu.nodes.app.tls.TestCerts.certPem(cert),
        "tls.key", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"));
    node.tell(new NodeAgent.SyncCluster(new io.kubemu.nodes.app.ClusterView(List.of(), List.of(), List.of(ing), List.of(), List.of(secret))));
    TestProbe<io.kubemu.nodes.pod.ExecResult> reply = kit.createTestProbe();
    node.tell(new NodeAgent.ExecInPod("default", "ctl", "controller", List.of("nope"), new byte[0], 2_000, null, reply.getRef()));
    assertEquals(126, reply.receiveMessage(Duration.ofSeconds(5)).exitCode(), "the pod is still there to answer");
    node.tell(new NodeAgent.DeletePod("default", "ctl"));
    api.fishForMessage(Duration.ofSeconds(8), m -> m instanceof KubeletReport.PodTerminated
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
  }
}
