package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.external.ExternalHost;
import io.kubemu.nodes.external.ExternalNetwork;
import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.nodes.serialization.KryoSerializer;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two node agents and the external network in one JVM, found through the Receptionist: busybox in
 * a pod reaches an agnhost external host with wget, nc -u and ping, and agnhost sees the node's
 * address; an address nobody has fails at once.
 */
class NodeAgentEgressTest {
  static ActorTestKit kit;
  static ActorRef<NodeAgent.Command> w1;
  static ActorRef<NodeAgent.Command> w2;
  static final Map<String, NodeLease> leases = new ConcurrentHashMap<>();

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
    TestProbe<KubeletReport> api = kit.createTestProbe();
    w1 = kit.spawn(NodeAgent.create(NodeAgentPingTest.config("w1", 1), api.getRef(), l -> leases.put(l.node(), l)), "node-w1");
    w2 = kit.spawn(NodeAgent.create(NodeAgentPingTest.config("w2", 2), api.getRef(), l -> leases.put(l.node(), l)), "node-w2");
    api.receiveSeveralMessages(2);
    w1.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    w2.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    kit.spawn(ExternalNetwork.create(List.of(new ExternalHost("example.com", Ipv4Address.parse("203.0.113.10"), "agnhost",
        List.of("netexec", "--http-port=80"))), Ipv4Cidr.parse("172.18.0.0/16")), "external-network");
    TestProbe<Receptionist.Listing> listed = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.subscribe(ExternalNetwork.KEY, listed.getRef()));
    listed.fishForMessage(Duration.ofSeconds(5), l -> l.getServiceInstances(ExternalNetwork.KEY).isEmpty()
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete());
    w1.tell(new NodeAgent.RunPod(NodeAgentPingTest.pod("client", "w1", "busybox", "[\"sleep\",\"3600\"]")));
    w2.tell(new NodeAgent.RunPod(NodeAgentPingTest.pod("other", "w2", "busybox", "[\"sleep\",\"3600\"]")));
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private ExecResult exec(ActorRef<NodeAgent.Command> node, String pod, byte[] stdin, String... argv) {
    TestProbe<ExecResult> reply = kit.createTestProbe();
    node.tell(new NodeAgent.ExecInPod("default", pod, "", List.of(argv), stdin, 20_000, null, reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(25));
  }

  /** The nodes heard of the external network when the test kit's own subscriber did; a moment apart, at most. */
  private ExecResult untilConnected(ActorRef<NodeAgent.Command> node, String pod, String... argv) {
    return kit.createTestProbe().awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(200), () -> {
      ExecResult r = exec(node, pod, new byte[0], argv);
      assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
      return r;
    });
  }

  @Test
  void wgetFromAPodShowsTheExternalHostItsNodesAddress() {
    ExecResult r = untilConnected(w1, "client", "wget", "-qO-", "http://203.0.113.10/clientip");
    assertTrue(r.stdout().startsWith("172.18.0.2:"), r.stdout());
    r = untilConnected(w2, "other", "wget", "-qO-", "http://203.0.113.10/clientip");
    assertTrue(r.stdout().startsWith("172.18.0.3:"), r.stdout());
  }

  @Test
  void udpToTheExternalHostIsAnsweredFromItsAddress() {
    untilConnected(w1, "client", "ping", "-c", "1", "-W", "1", "203.0.113.10");
    ExecResult r = exec(w1, "client", "clientip\n".getBytes(), "nc", "-u", "-w", "1", "203.0.113.10", "8081");
    assertTrue(r.stdout().startsWith("172.18.0.2:"), r.stdout() + r.stderr());
  }

  @Test
  void pingOfTheExternalHostIsAnswered() {
    ExecResult r = untilConnected(w1, "client", "ping", "-c", "2", "-i", "0.2", "203.0.113.10");
    assertTrue(r.stdout().contains("2 packets transmitted, 2 received, 0% packet loss"), r.stdout());
  }

  @Test
  void anAddressNobodyHasFailsAtOnce() {
    untilConnected(w1, "client", "ping", "-c", "1", "-W", "1", "203.0.113.10");
    ExecResult r = exec(w1, "client", new byte[0], "wget", "-qO-", "-T", "10", "http://198.51.100.7/");
    assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stderr().contains("can't connect to remote host (198.51.100.7): Network is unreachable"), r.stderr());
    r = exec(w1, "client", new byte[0], "ping", "-c", "1", "-W", "5", "198.51.100.7");
    assertTrue(r.stdout().contains("From 172.18.0.1 icmp_seq=1 Destination Net Unreachable"), r.stdout());
  }

  @Test
  void proxyRulesShowFlannelsMasqueradeAfterKubeProxysRules() {
    TestProbe<NodeAgent.ProxyRules> rules = kit.createTestProbe();
    w1.tell(new NodeAgent.GetProxyRules(rules.getRef()));
    String r = rules.receiveMessage().rules();
    assertTrue(r.contains("-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment \"flanneld masq\" -j MASQUERADE"),
        r);
    assertTrue(r.indexOf("KUBE-POSTROUTING") < r.indexOf("FLANNEL-POSTRTG"), r);
  }

  @Test
  void anEgressFrameCrossesJvmsThroughKryo() throws Exception {
    Serialization serialization = SerializationExtension.get(kit.system());
    ExternalNetwork.Egress sent = new ExternalNetwork.Egress(new byte[] {1, 2, 3}, w1);
    assertInstanceOf(KryoSerializer.class, serialization.findSerializerFor(sent));
    byte[] bytes = serialization.serialize(sent).get();
    ExternalNetwork.Egress back = (ExternalNetwork.Egress) serialization.deserialize(bytes,
        serialization.findSerializerFor(sent).identifier(), "").get();
    assertArrayEquals(sent.frame(), back.frame());
    assertEquals(w1, back.node());
  }
}
