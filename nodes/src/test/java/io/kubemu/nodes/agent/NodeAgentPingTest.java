package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two node agents in one JVM: pods on different nodes ping each other through the VXLAN overlay. */
class NodeAgentPingTest {
  static ActorTestKit kit;
  static TestProbe<KubeletReport> api;
  static ActorRef<NodeAgent.Command> w1;
  static ActorRef<NodeAgent.Command> w2;
  // written by both node agents as they start, on dispatcher threads at the same time
  static final Map<String, NodeLease> leases = new ConcurrentHashMap<>();

  static NodeConfig config(String name, int index) {
    return new NodeConfig(name, "h1", Ipv4Address.parse("172.18.0." + (index + 1)), Ipv4Cidr.parse("172.18.0.0/16"),
        Ipv4Cidr.parse("10.244." + (index - 1) + ".0/24"), Ipv4Cidr.parse("10.244.0.0/16"), "flannel-vxlan", 1450,
        Duration.ofSeconds(1));
  }

  static String pod(String name, String node, String image, String command) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"u-" + name
        + "\"},\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"c\",\"image\":\"" + image + "\",\"command\":" + command + "}]}}";
  }

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
    api = kit.createTestProbe();
    w1 = kit.spawn(NodeAgent.create(config("w1", 1), api.getRef(), l -> leases.put(l.node(), l)), "node-w1");
    w2 = kit.spawn(NodeAgent.create(config("w2", 2), api.getRef(), l -> leases.put(l.node(), l)), "node-w2");
    api.receiveSeveralMessages(2);
    assertEquals(2, leases.size());
    w1.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    w2.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    w1.tell(new NodeAgent.RunPod(pod("client", "w1", "busybox", "[\"sleep\",\"3600\"]")));
    w2.tell(new NodeAgent.RunPod(pod("server", "w2", "udp-echo", "[]")));
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private ExecResult exec(String pod, ActorRef<NodeAgent.Command> node, String... argv) {
    TestProbe<ExecResult> reply = kit.createTestProbe();
    node.tell(new NodeAgent.ExecInPod("default", pod, "", List.of(argv), new byte[0], 20_000, null, reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(25));
  }

  @Test
  void pingAcrossNodesThroughVxlan() {
    ExecResult r = exec("client", w1, "ping", "-c", "3", "-i", "0.2", "10.244.1.2");
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), r.stdout());
    assertTrue(r.stdout().contains("ttl=62"), "two routed hops: " + r.stdout());
  }

  @Test
  void pingToNobodyFailsWithExitOne() {
    ExecResult r = exec("client", w1, "ping", "-c", "1", "-W", "1", "10.244.7.9");
    assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("1 packets transmitted, 0 received"), r.stdout());
  }

  @Test
  void kubeProxyProgramsWhatTheHostsWatchSyncs() {
    io.kubemu.nodes.proxy.ProxyState state = io.kubemu.nodes.proxy.ProxyState.from(
        List.of(io.kubemu.nodes.proxy.ProxyFixtures.clusterIp("web", "10.96.0.20", 80, 7)),
        List.of(io.kubemu.nodes.proxy.ProxyFixtures.slice("web", 7, "10.244.1.2@w2")));
    w1.tell(new NodeAgent.SyncServices(state));
    TestProbe<NodeAgent.ProxyRules> rules = kit.createTestProbe();
    w1.tell(new NodeAgent.GetProxyRules(rules.getRef()));
    NodeAgent.ProxyRules r = rules.receiveMessage();
    assertEquals("iptables", r.mode());
    assertTrue(r.rules().contains("-j DNAT --to-destination 10.244.1.2:7"), r.rules());
  }

  @Test
  void udpEchoAnswersAcrossNodes() {
    TestProbe<ExecResult> reply = kit.createTestProbe();
    w1.tell(new NodeAgent.ExecInPod("default", "client", "", List.of("nc", "-u", "-w", "1", "10.244.1.2", "7"),
        "hello\n".getBytes(), 20_000, null, reply.getRef()));
    ExecResult r = reply.receiveMessage(Duration.ofSeconds(10));
    assertEquals("hello\n", r.stdout());
    assertEquals(0, r.exitCode());
  }
}
