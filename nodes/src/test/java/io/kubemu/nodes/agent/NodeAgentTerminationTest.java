package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.pod.ContainerState;
import io.kubemu.nodes.pod.ExecResult;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deleted pod stops as the kubelet stops it: preStop hooks first, then SIGTERM to each main
 * process (servers exit 0 at once; busybox's sleep as PID 1 ignores it), SIGKILL when the grace
 * period ends; its network stays until every container stopped, and only then is it reported gone.
 */
class NodeAgentTerminationTest {
  static ActorTestKit kit;

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private static String pod(String name, long grace, String containers) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"u-"
        + name + "\"},\"spec\":{\"nodeName\":\"w9\",\"terminationGracePeriodSeconds\":" + grace + ",\"containers\":" + containers + "}}";
  }

  /** Everything the node reports until the pod is gone; the last status report comes just before. */
  private static List<KubeletReport> untilGone(TestProbe<KubeletReport> api, String name) {
    return api.fishForMessage(Duration.ofSeconds(15), m -> m instanceof KubeletReport.PodTerminated t && t.name().equals(name)
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
  }

  private static ContainerState last(List<KubeletReport> reports, String container) {
    return reports.stream().filter(r -> r instanceof KubeletReport.PodStatusReport).map(KubeletReport.PodStatusReport.class::cast)
        .reduce((a, b) -> b).orElseThrow().containers().stream().filter(c -> c.name().equals(container)).findFirst().orElseThrow();
  }

  private static void running(TestProbe<KubeletReport> api, String name) {
    api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.PodStatusReport p && p.name().equals(name)
        && "Running".equals(p.phase()) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
  }

  @Test
  void aServerStopsOnSigtermWhileSleepIgnoresItAndIsKilledWhenTheGracePeriodEnds() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = NodeAgentPodsTest.tinyNode(kit, "w9", api);
    node.tell(new NodeAgent.RunPod(pod("mixed", 1, "[{\"name\":\"web\",\"image\":\"nginx\"},"
        + "{\"name\":\"shell\",\"image\":\"busybox\",\"command\":[\"sleep\",\"infinity\"]}]")));
    running(api, "mixed");
    node.tell(new NodeAgent.DeletePod("default", "mixed"));
    List<KubeletReport> reports = untilGone(api, "mixed");
    assertEquals(0, last(reports, "web").exitCode(), "nginx exits 0 on SIGTERM: " + reports);
    assertEquals(137, last(reports, "shell").exitCode(), "sleep ignored SIGTERM and was killed: " + reports);
  }

  @Test
  void thePreStopHookRunsBeforeSigtermAndThePodKeepsServingMeanwhile() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = NodeAgentPodsTest.tinyNode(kit, "w8", api);
    node.tell(new NodeAgent.RunPod(pod("web", 30, "[{\"name\":\"web\",\"image\":\"nginx\","
        + "\"lifecycle\":{\"preStop\":{\"exec\":{\"command\":[\"sleep\",\"1\"]}}}}]")));
    running(api, "web");
    node.tell(new NodeAgent.DeletePod("default", "web"));
    TestProbe<ExecResult> reply = kit.createTestProbe();
    node.tell(new NodeAgent.ExecInPod("default", "web", "web", List.of("curl", "-s", "http://127.0.0.1/"), new byte[0], 5_000,
        null, reply.getRef()));
    ExecResult during = reply.receiveMessage(Duration.ofSeconds(5));
    assertTrue(during.stdout().contains("Welcome to nginx!"), "still serving during preStop: " + during);
    List<KubeletReport> reports = untilGone(api, "web");
    assertEquals(0, last(reports, "web").exitCode(), "SIGTERM after the hook, long before the 30 s grace: " + reports);
  }

  @Test
  void aPreStopSleepActionAndAnHttpGetHookAlsoLeadToSigterm() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = NodeAgentPodsTest.tinyNode(kit, "w7", api);
    node.tell(new NodeAgent.RunPod(pod("echo", 30, "[{\"name\":\"echo\",\"image\":\"hashicorp/http-echo\",\"args\":[\"-text=hi\"],"
        + "\"lifecycle\":{\"preStop\":{\"httpGet\":{\"path\":\"/health\",\"port\":5678}}}},"
        + "{\"name\":\"web\",\"image\":\"nginx\",\"lifecycle\":{\"preStop\":{\"sleep\":{\"seconds\":1}}}}]")));
    running(api, "echo");
    node.tell(new NodeAgent.DeletePod("default", "echo"));
    List<KubeletReport> reports = untilGone(api, "echo");
    assertEquals(0, last(reports, "echo").exitCode(), reports.toString());
    assertEquals(0, last(reports, "web").exitCode(), reports.toString());
  }

  /** kubectl delete --now: DeleteOptions' gracePeriodSeconds (1) wins over the pod's 30 s, for sleep that ignores SIGTERM. */
  @Test
  void aGracePeriodGivenWithTheDeleteWinsOverThePodsOwn() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = NodeAgentPodsTest.tinyNode(kit, "w6", api);
    node.tell(new NodeAgent.RunPod(pod("slow", 30, "[{\"name\":\"shell\",\"image\":\"busybox\",\"command\":[\"sleep\",\"3600\"]}]")));
    running(api, "slow");
    node.tell(new NodeAgent.DeletePod("default", "slow", 1));
    List<KubeletReport> reports = untilGone(api, "slow");
    assertEquals(137, last(reports, "shell").exitCode(), "killed when the 1 s was over, long before 30 s: " + reports);
  }
}
