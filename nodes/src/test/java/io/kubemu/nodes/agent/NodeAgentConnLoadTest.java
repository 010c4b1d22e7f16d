package io.kubemu.nodes.agent;

import static io.kubemu.nodes.proxy.ProxyFixtures.clusterIp;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.ConnLoadReport;
import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.nodes.proxy.ProxyState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * conn-load (the services bench's client) in a pod on w1 through a cluster IP whose two agnhost
 * serve-hostname endpoints are on w2, across VXLAN and kube-proxy's iptables rules: both pods
 * answer and every completed connection is counted under one of their names.
 */
class NodeAgentConnLoadTest {
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
    w1.tell(new NodeAgent.RunPod(NodeAgentPingTest.pod("client", "w1", "kubemu/bench", "[\"sleep\",\"infinity\"]")));
    for (String web : List.of("web-0", "web-1")) {
      w2.tell(new NodeAgent.RunPod(NodeAgentPingTest.pod(web, "w2", "registry.k8s.io/e2e-test-images/agnhost:2.47",
          "[\"/agnhost\",\"serve-hostname\",\"--port=9376\"]")));
    }
    // the first two pods on w2 take the first two addresses of its pod CIDR
    ProxyState state = ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 9376)),
        List.of(slice("web", 9376, "10.244.1.2@w2", "10.244.1.3@w2")));
    w1.tell(new NodeAgent.SyncServices(state));
    w2.tell(new NodeAgent.SyncServices(state));
  }

  @AfterAll
  static void teardown() {
    kit.shutdownTestKit();
  }

  @Test
  void bothEndpointsAnswerThroughTheClusterIp() {
    TestProbe<ExecResult> reply = kit.createTestProbe();
    w1.tell(new NodeAgent.ExecInPod("default", "client", "", List.of("conn-load", "--connections", "4", "--warmup", "0.3",
        "--seconds", "0.7", "10.96.0.20", "80"), new byte[0], 20_000, null, reply.getRef()));
    ExecResult r = reply.receiveMessage(Duration.ofSeconds(25));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    ConnLoadReport report = ConnLoadReport.parse(r.stdout());
    assertTrue(report.completed() > 0, r.stdout());
    assertEquals(0, report.failed(), r.stdout());
    assertEquals(Set.of("web-0", "web-1"), report.endpoints().keySet(), r.stdout());
    assertEquals(report.completed(), report.endpoints().values().stream().mapToLong(Long::longValue).sum(), r.stdout());
  }
}
