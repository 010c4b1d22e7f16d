package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One node with a tiny pod CIDR: localhost between containers, IPAM exhaustion, garbage frames. */
class NodeAgentPodsTest {
  static ActorTestKit kit;

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  /** A node whose /30 pod CIDR holds exactly one pod address (.2). */
  static ActorRef<NodeAgent.Command> tinyNode(String name, TestProbe<KubeletReport> api) {
    return tinyNode(kit, name, api);
  }

  static ActorRef<NodeAgent.Command> tinyNode(ActorTestKit kit, String name, TestProbe<KubeletReport> api) {
    NodeConfig c = new NodeConfig(name, "h1", Ipv4Address.parse("172.18.0.9"), Ipv4Cidr.parse("172.18.0.0/16"),
        Ipv4Cidr.parse("10.244.9.0/30"), Ipv4Cidr.parse("10.244.0.0/16"), "flannel-vxlan", 1450, Duration.ofSeconds(1));
    return kit.spawn(NodeAgent.create(c, api.getRef(), lease -> { }), "node-" + name);
  }

  static String pod(String name, String containers) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"u-"
        + name + "\"},\"spec\":{\"nodeName\":\"w9\",\"containers\":" + containers + "}}";
  }

  @Test
  void containersOfAPodShareLocalhostAndASecondPodFindsNoAddress() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = tinyNode("w9", api);
    node.tell(new NodeAgent.RunPod(pod("duo", "[{\"name\":\"echo\",\"image\":\"udp-echo\"},"
        + "{\"name\":\"shell\",\"image\":\"busybox\",\"command\":[\"sleep\",\"infinity\"]}]")));
    TestProbe<ExecResult> reply = kit.createTestProbe();
    node.tell(new NodeAgent.ExecInPod("default", "duo", "shell", List.of("nc", "-u", "-w", "1", "127.0.0.1", "7"),
        "over lo\n".getBytes(), 10_000, null, reply.getRef()));
    ExecResult r = reply.receiveMessage(Duration.ofSeconds(10));
    assertEquals("over lo\n", r.stdout(), r.stderr());

    node.tell(new NodeAgent.RunPod(pod("late", "[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sleep\",\"infinity\"]}]")));
    KubeletReport.PodStatusReport pending = api.fishForMessage(Duration.ofSeconds(5), m ->
        m instanceof KubeletReport.PodStatusReport p && p.name().equals("late")
            ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
            : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore())
        .stream().map(KubeletReport.PodStatusReport.class::cast).reduce((a, b) -> b).orElseThrow();
    assertEquals("Pending", pending.phase());
    assertTrue(pending.message().contains("no IP addresses available in range set: 10.244.9.1-10.244.9.2"), pending.message());
  }

  /** What a new API store sends after a failover, for every pod it has on a node that registers with it. */
  @Test
  void aRunPodForAPodTheNodeRunsWithTheSameUidLeavesItRunning() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = tinyNode("w7", api);
    String sleeper = pod("sleeper", "[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sleep\",\"infinity\"]}]");
    node.tell(new NodeAgent.RunPod(sleeper));
    node.tell(new NodeAgent.RunPod(sleeper));
    node.tell(new NodeAgent.RunPod(pod("late", "[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sleep\",\"infinity\"]}]")));
    List<KubeletReport> reports = api.fishForMessage(Duration.ofSeconds(5), m ->
        m instanceof KubeletReport.PodStatusReport p && p.name().equals("late")
            ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
            : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndCollect());
    assertTrue(reports.stream().noneMatch(r -> r instanceof KubeletReport.PodTerminated), "sleeper was not stopped: " + reports);
    assertEquals("Pending", ((KubeletReport.PodStatusReport) reports.get(reports.size() - 1)).phase(),
        "the only pod address is still sleeper's");
  }

  @Test
  void garbageOnTheUnderlayIsDroppedAndCountedAndTheNodeKeepsWorking() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> node = tinyNode("w8", api);
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] junk = new byte[random.nextInt(200)];
      random.nextBytes(junk);
      node.tell(new NodeAgent.UnderlayFrame(junk));
    }
    node.tell(new NodeAgent.UnderlayFrame(null));
    TestProbe<NodeAgent.NodeStats> stats = kit.createTestProbe();
    node.tell(new NodeAgent.GetStats(stats.getRef()));
    NodeAgent.NodeStats s = stats.receiveMessage(Duration.ofSeconds(5));
    var eth0 = s.interfaces().stream().filter(i -> i.iface().equals("eth0")).findFirst().orElseThrow();
    assertEquals(2_001, eth0.rxPackets(), "every frame is counted as received");
    assertEquals(2_001, eth0.totalDrops(), "every junk frame is dropped with a reason: " + eth0.drops());
  }
}
