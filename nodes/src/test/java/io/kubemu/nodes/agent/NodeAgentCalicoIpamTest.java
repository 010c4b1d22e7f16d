package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.backend.CalicoBgp;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * calico-ipam in the node agent: a node claims a block when its first pod comes and another when
 * its blocks are full, pods get /32 addresses with 169.254.1.1 as gateway, and when the pools are
 * out of blocks the node borrows an address of another node's block, which it then advertises.
 */
class NodeAgentCalicoIpamTest {
  static ActorTestKit kit;

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private final Map<String, NodeLease> leases = new ConcurrentHashMap<>();

  private ActorRef<NodeAgent.Command> node(String name, int index, TestProbe<KubeletReport> api) {
    NodeConfig c = new NodeConfig(name, "h1", Ipv4Address.parse("172.18.0." + (index + 1)), Ipv4Cidr.parse("172.18.0.0/16"),
        Ipv4Cidr.parse("10.244." + (index - 1) + ".0/24"), Ipv4Cidr.parse("10.244.0.0/16"), CalicoBgp.NAME, 1450,
        Duration.ofSeconds(1));
    return kit.spawn(NodeAgent.create(c, api.getRef(), l -> leases.put(l.node(), l)), "calico-" + name + "-" + System.nanoTime());
  }

  private static String pod(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"u-"
        + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sleep\",\"infinity\"]}]}}";
  }

  private static KubeletReport.ClaimBlock claim(TestProbe<KubeletReport> api) {
    return (KubeletReport.ClaimBlock) api.fishForMessage(Duration.ofSeconds(5), m -> m instanceof KubeletReport.ClaimBlock
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);
  }

  private static KubeletReport.PodStatusReport status(TestProbe<KubeletReport> api, String pod) {
    return (KubeletReport.PodStatusReport) api.fishForMessage(Duration.ofSeconds(5), m ->
        m instanceof KubeletReport.PodStatusReport p && p.name().equals(pod) && (p.podIp() != null || p.reason() != null)
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);
  }

  @Test
  void aNodeClaimsABlockAtStartForTunl0AndAnotherWhenItIsFull() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> w1 = node("w1", 1, api);
    KubeletReport.ClaimBlock first = claim(api);
    assertEquals("w1", first.node());
    assertEquals(List.of(), first.held());
    first.replyTo().tell(new NodeAgent.BlockClaimed(Ipv4Cidr.parse("10.244.7.64/31"), null));
    w1.tell(new NodeAgent.RunPod(pod("a")));
    assertEquals("10.244.7.65", status(api, "a").podIp(), "the block's first address went to tunl0");
    w1.tell(new NodeAgent.RunPod(pod("b")));
    KubeletReport.ClaimBlock second = claim(api);
    assertEquals(List.of(Ipv4Cidr.parse("10.244.7.64/31")), second.held());
    second.replyTo().tell(new NodeAgent.BlockClaimed(Ipv4Cidr.parse("10.244.9.0/31"), null));
    assertEquals("10.244.9.0", status(api, "b").podIp());
    w1.tell(new NodeAgent.RunPod(pod("c")));
    assertEquals("10.244.9.1", status(api, "c").podIp());
    TestProbe<NodeAgent.BgpReply> bgp = kit.createTestProbe();
    w1.tell(new NodeAgent.GetBgpStatus(bgp.getRef()));
    assertEquals(List.of("10.244.7.64/31", "10.244.9.0/31"), bgp.receiveMessage().status().originated());
  }

  @Test
  void withThePoolsOutOfBlocksANodeBorrowsFromAnotherNodesBlockAndAdvertisesA32() {
    TestProbe<KubeletReport> api1 = kit.createTestProbe();
    TestProbe<KubeletReport> api2 = kit.createTestProbe();
    ActorRef<NodeAgent.Command> w1 = node("w1", 1, api1);
    ActorRef<NodeAgent.Command> w2 = node("w2", 2, api2);
    claim(api2).replyTo().tell(new NodeAgent.BlockClaimed(Ipv4Cidr.parse("10.244.5.0/30"), null));
    w2.tell(new NodeAgent.RunPod(pod("lender-pod")));
    assertEquals("10.244.5.1", status(api2, "lender-pod").podIp());
    claim(api1).replyTo().tell(new NodeAgent.BlockClaimed(null, "no free blocks in IP pools [default-ipv4-ippool]"));
    api1.awaitAssert(() -> {
      assertEquals(2, leases.size());
      return null;
    });
    w1.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    w2.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));

    w1.tell(new NodeAgent.RunPod(pod("borrower-pod")));
    assertEquals("10.244.5.2", status(api1, "borrower-pod").podIp(), "an address of w2's block");
    TestProbe<NodeAgent.BgpReply> bgp = kit.createTestProbe();
    w1.tell(new NodeAgent.GetBgpStatus(bgp.getRef()));
    assertEquals(List.of("10.244.5.2/32"), bgp.receiveMessage().status().originated());
  }

  @Test
  void withNoBlockAnywhereThePodFailsAsTheCalicoPluginFails() {
    TestProbe<KubeletReport> api = kit.createTestProbe();
    ActorRef<NodeAgent.Command> w3 = node("w3", 3, api);
    KubeletReport.ClaimBlock atStart = claim(api);
    w3.tell(new NodeAgent.RunPod(pod("stuck")));
    atStart.replyTo().tell(new NodeAgent.BlockClaimed(null, "no free blocks in IP pools [default-ipv4-ippool]"));
    KubeletReport.PodStatusReport s = status(api, "stuck");
    assertEquals("FailedCreatePodSandBox", s.reason());
    assertTrue(s.message().startsWith("plugin type=\"calico\" failed (add): no free blocks"), s.message());
  }
}
