package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeConfig;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** udp-flood and udp-sink on two nodes in one JVM: every datagram sent is delivered and accounted for. */
class UdpFloodTest {
  static ActorTestKit kit;
  static ActorRef<NodeAgent.Command> w1;
  static ActorRef<NodeAgent.Command> w2;
  // written by both node agents as they start, on dispatcher threads at the same time
  static final Map<String, NodeLease> leases = new ConcurrentHashMap<>();

  static NodeConfig config(String name, int index) {
    return new NodeConfig(name, "h1", Ipv4Address.parse("172.18.0." + (index + 1)), Ipv4Cidr.parse("172.18.0.0/16"),
        Ipv4Cidr.parse("10.244." + (index - 1) + ".0/24"), Ipv4Cidr.parse("10.244.0.0/16"), "flannel-vxlan", 1450,
        Duration.ofSeconds(1));
  }

  static String pod(String name, String node, String command) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"u-"
        + name + "\"},\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"c\",\"image\":\"kubemu/bench\""
        + (command == null ? "" : ",\"command\":" + command) + "}]}}";
  }

  @BeforeAll
  static void setup() {
    kit = ActorTestKit.create();
    TestProbe<KubeletReport> api = kit.createTestProbe();
    w1 = kit.spawn(NodeAgent.create(config("w1", 1), api.getRef(), l -> leases.put(l.node(), l)), "node-w1");
    w2 = kit.spawn(NodeAgent.create(config("w2", 2), api.getRef(), l -> leases.put(l.node(), l)), "node-w2");
    api.receiveSeveralMessages(2);
    assertEquals(2, leases.size(), "both nodes published their lease: " + leases.keySet());
    w1.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    w2.tell(new NodeAgent.PeersChanged(Map.copyOf(leases)));
    w1.tell(new NodeAgent.RunPod(pod("flood", "w1", "[\"sleep\",\"infinity\"]")));
    w2.tell(new NodeAgent.RunPod(pod("sink", "w2", null)));
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  private static ExecResult exec(String... argv) {
    TestProbe<ExecResult> reply = kit.createTestProbe();
    w1.tell(new NodeAgent.ExecInPod("default", "flood", "", List.of(argv), new byte[0], 20_000, null, reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(25));
  }

  /** Both nodes' interface counters, so a failure says where packets went. */
  private static String stats() {
    StringBuilder sb = new StringBuilder();
    for (ActorRef<NodeAgent.Command> n : List.of(w1, w2)) {
      TestProbe<NodeAgent.NodeStats> probe = kit.createTestProbe();
      n.tell(new NodeAgent.GetStats(probe.getRef()));
      sb.append('\n').append(probe.receiveMessage(Duration.ofSeconds(5)));
    }
    return sb.toString();
  }

  private static long field(String stdout, String key) {
    Matcher m = Pattern.compile(" " + key + "=([0-9]+)").matcher(stdout);
    assertTrue(m.find(), key + " in " + stdout);
    return Long.parseLong(m.group(1));
  }

  @Test
  void everyDatagramSentIsDeliveredToTheSink() {
    ExecResult r = exec("udp-flood", "--window", "64", "--ack-every", "8", "--warmup", "0", "--seconds", "0.3", "10.244.1.2");
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr() + stats());
    assertTrue(field(r.stdout(), "sent") > 0, r.stdout());
    assertEquals(field(r.stdout(), "sent"), field(r.stdout(), "delivered"), r.stdout());
    assertEquals(0, field(r.stdout(), "lost"), r.stdout());
    assertTrue(r.stdout().contains(" sink-drops=- "), r.stdout());
  }

  @Test
  void anAckEveryNotBelowTheWindowIsRefused() {
    ExecResult r = exec("udp-flood", "--window", "8", "--ack-every", "8", "10.244.1.2");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--ack-every 8 (expected: < --window 8)"), r.stderr());
  }
}
