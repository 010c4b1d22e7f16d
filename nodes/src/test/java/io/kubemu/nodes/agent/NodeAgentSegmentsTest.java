package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two node agents on two segments of the node network, w1 at 172.18.0.2 behind 172.18.0.1 and w2 at
 * 172.18.128.2 behind 172.18.128.1: the agents' gateways route between them, so the VXLAN overlay
 * works across, and a ping of the other node shows the router's hop in its TTL.
 */
class NodeAgentSegmentsTest {
  static ActorTestKit kit;
  static ActorRef<NodeAgent.Command> w1;
  static final Map<String, NodeLease> leases = new ConcurrentHashMap<>();

  static NodeConfig config(String name, String ip, String segment, int index) {
    return new NodeConfig(name, "h1", Ipv4Address.parse(ip), Ipv4Cidr.parse(segment),
        Ipv4Cidr.parse("10.244." + (index - 1) + ".0/24"), Ipv4Cidr.parse("10.244.0.0/16"), "flannel-vxlan", 1450,
        Duration.ofSeconds(1));
  }

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
    TestProbe<KubeletReport> api = kit.createTestProbe();
    w1 = kit.spawn(NodeAgent.create(config("w1", "172.18.0.2", "172.18.0.0/17", 1), api.getRef(),
        l -> leases.put(l.node(), l)), "node-w1");
    ActorRef<NodeAgent.Command> w2 = kit.spawn(NodeAgent.create(config("w2", "172.18.128.2", "172.18.128.0/17", 2),
        api.getRef(), l -> leases.put(l.node(), l)), "node-w2");
    api.receiveSeveralMessages(2);
    w1.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    w2.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    w1.tell(new NodeAgent.RunPod(NodeAgentPingTest.pod("client", "w1", "busybox", "[\"sleep\",\"3600\"]")));
    w2.tell(new NodeAgent.RunPod(NodeAgentPingTest.pod("server", "w2", "udp-echo", "[]")));
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private ExecResult ping(String address) {
    TestProbe<ExecResult> reply = kit.createTestProbe();
    w1.tell(new NodeAgent.ExecInPod("default", "client", "", List.of("ping", "-c", "2", "-i", "0.2", address), new byte[0],
        20_000, null, reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(25));
  }

  @Test
  void podsPingAcrossSegmentsThroughVxlanOverTheRouter() {
    ExecResult r = ping("10.244.1.2");
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("ttl=62"), "the router's hop is on the outer packet, not the pod's: " + r.stdout());
  }

  @Test
  void theOtherNodeAnswersThroughTheRouter() {
    ExecResult r = ping("172.18.128.2");
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("ttl=62"), "w2's reply crosses the router, then w1: " + r.stdout());
  }
}
