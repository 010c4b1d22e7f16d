package io.kubemu.nodes.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.capture.CaptureBuffer;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.protocols.ethernet.EthernetHeader;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.pcap.PcapReader;
import io.kubemu.protocols.wire.ByteReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Calico's node-to-node mesh over emulated TCP: every speaker learns every block with its node as
 * next hop, the kernel table follows (IP-in-IP through tunl0), pod traffic takes it, and a node
 * that dies or a link that is cut takes its routes away once the hold timer runs out.
 */
class BgpMeshTest {
  @Test
  void everyNodeLearnsEveryBlockWithItsNodeAsNextHop() {
    BgpCluster c = new BgpCluster(3).mesh();
    c.advance(Duration.ofSeconds(2));
    for (BgpCluster.Node n : c.nodes.values()) {
      assertEquals(2, n.speaker.status().established(), n.name + "\n" + n.speaker.status().showStatus() + n.dp.devices().values().stream().map(d -> d.stats().toString()).toList());
    }
    String w1 = c.node("w1").routes();
    assertTrue(w1.contains("10.244.1.0/24 via 172.18.0.3 dev tunl0 onlink"), w1);
    assertTrue(w1.contains("10.244.2.0/24 via 172.18.0.4 dev tunl0 onlink"), w1);
    assertTrue(w1.contains("10.244.0.0/24 dev cni0"), "the node's own block stays on cni0: " + w1);
    String table = c.node("w2").speaker.status().showRoutes();
    assertTrue(table.contains("10.244.2.0/24") && table.contains("[Mesh_172_18_0_4 ") && table.contains("via 172.18.0.4"), table);
  }

  @Test
  void podTrafficFollowsTheLearnedRoutesThroughIpInIp() {
    BgpCluster c = new BgpCluster(2).mesh();
    c.advance(Duration.ofSeconds(2));
    PodStack a = c.pod("w1", "10.244.0.5", 0xA);
    PodStack b = c.pod("w2", "10.244.1.7", 0xB);
    QueuedTraffic.serveHello(b, 8080);
    CaptureBuffer underlay = new CaptureBuffer(1, "eth0", 1 << 20);
    c.node("w1").dp.eth0().addTap(underlay);
    StringBuilder got = new StringBuilder();
    QueuedTraffic.connect(a, b.address(), 8080, got);
    c.pump();
    assertEquals("hello 10.244.0.5", got.toString(), "pod to pod without NAT");
    boolean ipip = false;
    for (var record : PcapReader.decode(underlay.toPcap()).records()) {
      ByteReader r = new ByteReader(record.data());
      EthernetHeader.decode(r);
      Ipv4Packet outer = Ipv4Packet.decode(r);
      if (outer.protocol() == IpProtocol.IPIP) {
        ipip = true;
        Ipv4Packet inner = Ipv4Packet.decode(new ByteReader(outer.payload()));
        assertTrue(outer.source().toString().startsWith("172.18.0.") && outer.destination().toString().startsWith("172.18.0."),
            "outer header between node addresses: " + outer);
        assertTrue(inner.source().toString().startsWith("10.244."), "inner header pod to pod: " + inner);
      }
    }
    assertTrue(ipip, "pod packets crossed the underlay in IP-in-IP");
  }

  @Test
  void aDeadNodesRoutesGoWhenTheHoldTimerExpiresAndTheRestKeepForwarding() {
    BgpCluster c = new BgpCluster(3).mesh();
    c.advance(Duration.ofSeconds(2));
    c.kill("w3");
    c.advance(Duration.ofSeconds(6));
    assertTrue(c.node("w1").routes().contains("10.244.2.0/24"), "held until the hold timer (9 s) expires");
    c.advance(Duration.ofSeconds(5));
    for (String n : new String[] {"w1", "w2"}) {
      BgpStatus s = c.node(n).speaker.status();
      assertFalse(c.node(n).routes().contains("10.244.2.0/24"), n + " withdrew w3's block:\n" + c.node(n).routes());
      assertEquals(1, s.established(), s.showStatus());
      assertTrue(s.showStatus().contains("hold timer expired"), s.showStatus());
    }
    assertTrue(c.node("w1").routes().contains("10.244.1.0/24 via 172.18.0.3 dev tunl0"), "w1 and w2 still route to each other");
    PodStack a = c.pod("w1", "10.244.0.5", 0xA);
    PodStack b = c.pod("w2", "10.244.1.7", 0xB);
    QueuedTraffic.serveHello(b, 80);
    StringBuilder got = new StringBuilder();
    QueuedTraffic.connect(a, b.address(), 80, got);
    c.pump();
    assertEquals("hello 10.244.0.5", got.toString());
  }

  @Test
  void aCutLinkWithdrawsTheRoutesAcrossItAndHealingRestoresThem() {
    BgpCluster c = new BgpCluster(3).mesh();
    c.advance(Duration.ofSeconds(2));
    c.cut("w1", "w2");
    c.advance(Duration.ofSeconds(12));
    assertFalse(c.node("w1").routes().contains("10.244.1.0/24"), c.node("w1").routes());
    assertFalse(c.node("w2").routes().contains("10.244.0.0/24 via"), c.node("w2").routes());
    assertTrue(c.node("w3").routes().contains("10.244.0.0/24 via 172.18.0.2"), "w3 still reaches both sides");
    assertTrue(c.node("w3").routes().contains("10.244.1.0/24 via 172.18.0.3"));
    c.heal("w1", "w2");
    c.advance(Duration.ofSeconds(15));
    assertTrue(c.node("w1").routes().contains("10.244.1.0/24 via 172.18.0.3 dev tunl0"),
        c.node("w1").routes() + c.node("w1").speaker.status().showStatus() + c.node("w2").speaker.status().showStatus());
    assertEquals(2, c.node("w1").speaker.status().established(), c.node("w1").speaker.status().showStatus());
  }

  @Test
  void aVxlanPoolCarriesPodTrafficThroughVxlanCalicoAndANeverPoolUnencapsulated() {
    BgpCluster c = new BgpCluster(2);
    pools(c, "Never", "Always");
    c.mesh();
    c.advance(Duration.ofSeconds(2));
    assertTrue(c.node("w1").routes().contains("10.244.1.0/24 via 172.18.0.3 dev vxlan.calico onlink"), c.node("w1").routes());
    assertEquals("hello 10.244.0.5", hello(c), "pod to pod through VXLAN");
    assertTrue(c.node("w1").dp.device("vxlan.calico").stats().txPackets() > 0);
    pools(c, "Never", "Never");
    assertTrue(c.node("w1").routes().contains("10.244.1.0/24 via 172.18.0.3 dev eth0"),
        "a pool change reprograms the routes: " + c.node("w1").routes());
    long before = c.node("w1").dp.device("tunl0").stats().txPackets();
    assertEquals("hello 10.244.0.6", hello(c, "10.244.0.6", 0xC));
    assertEquals(before, c.node("w1").dp.device("tunl0").stats().txPackets(), "no tunnel");
  }

  private static void pools(BgpCluster c, String ipip, String vxlan) {
    for (BgpCluster.Node n : c.nodes.values()) {
      ((io.kubemu.nodes.backend.CalicoBgp) n.dp.backend()).pools(java.util.List.of(
          new io.kubemu.nodes.backend.CalicoBgp.Pool(BgpCluster.CLUSTER, ipip, vxlan)));
    }
  }

  private static String hello(BgpCluster c) {
    return hello(c, "10.244.0.5", 0xA);
  }

  private static String hello(BgpCluster c, String from, long mac) {
    PodStack a = c.pod("w1", from, mac);
    PodStack b = c.pod("w2", "10.244.1." + (mac + 1), mac + 1);
    QueuedTraffic.serveHello(b, 8080);
    StringBuilder got = new StringBuilder();
    QueuedTraffic.connect(a, b.address(), 8080, got);
    c.pump();
    return got.toString();
  }
}
