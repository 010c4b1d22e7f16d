package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.dns.resolver.FakeDnsServer;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** Two pods on one bridge, their veths wired back to back: HTTP leaves one stack as frames and enters the other. */
class TwoPodsTest {
  private final Deque<byte[]> toA = new ArrayDeque<>();
  private final Deque<byte[]> toB = new ArrayDeque<>();
  private final PodStack a = pod("client-0", 2, toB);
  private final PodStack b = pod("web-0", 3, toA);

  private static PodStack pod(String name, int last, Deque<byte[]> wire) {
    return new PodStack("w1", "default/" + name, MacAddress.parse("02:00:00:00:00:0" + last),
        Ipv4Address.parse("10.244.0." + last), Ipv4Cidr.parse("10.244.0.0/24"), Ipv4Cidr.parse("10.244.0.0/16"),
        Ipv4Address.parse("10.244.0.1"), 1450, wire::add, new FakeTcpTimers(() -> 0L));
  }

  /** Carries frames both ways until the wire is quiet. */
  private void pump() {
    while (!toA.isEmpty() || !toB.isEmpty()) {
      if (!toB.isEmpty()) {
        b.receive(toB.poll());
      }
      if (!toA.isEmpty()) {
        a.receive(toA.poll());
      }
    }
  }

  @Test
  void curlInOnePodReadsNginxInTheOther() {
    new FakeAppContext(b, "nginx").hostname("web-0").start(new WebServer(new NginxSite(), 80));
    FakeAppContext curl = new FakeAppContext(a, "curl", "-s", "http://10.244.0.3/").start(new Curl());
    pump();
    assertEquals(0, curl.status(), curl.stderr());
    assertTrue(curl.stdout().contains("<p>Served by pod web-0 (10.244.0.3).</p>"), curl.stdout());
  }

  @Test
  void agnhostSeesTheClientsAddress() {
    new FakeAppContext(b, "/agnhost", "netexec").start(new Agnhost());
    FakeAppContext wget = new FakeAppContext(a, "wget", "-qO-", "http://10.244.0.3:8080/clientip").start(new Wget());
    pump();
    assertEquals(0, wget.status(), wget.stderr());
    assertTrue(wget.stdout().matches("10\\.244\\.0\\.2:\\d{5}"), wget.stdout());
  }

  @Test
  void aClosedPortAcrossTheWireIsRefused() {
    FakeAppContext nc = new FakeAppContext(a, "nc", "-zvv", "10.244.0.3", "81").start(new Netcat());
    pump();
    assertEquals(1, nc.status());
    assertEquals("nc: 10.244.0.3 (10.244.0.3:81): Connection refused\n", nc.stderr());
  }

  @Test
  void wgetFindsTheOtherPodByNameThroughItsDnsServer() {
    new FakeAppContext(b, "nginx").hostname("web-0").start(new WebServer(new NginxSite(), 80));
    new FakeAppContext(b, "coredns").start(new FakeDnsServer("cluster.local.").record("web.default.svc.cluster.local. 5 IN A 10.244.0.3"));
    FakeAppContext wget = new FakeAppContext(a, "wget", "-qO-", "http://web/")
        .file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.244.0.3")).start(new Wget());
    pump();
    assertEquals(0, wget.status(), wget.stderr());
    assertTrue(wget.stdout().contains("<p>Served by pod web-0 (10.244.0.3).</p>"), wget.stdout());
  }
}
