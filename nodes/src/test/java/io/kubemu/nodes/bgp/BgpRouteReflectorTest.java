package io.kubemu.nodes.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route reflection (RFC 4456) as Calico sets it up with BGPPeers: one node with a cluster ID, every
 * other node peering only with it. Clients learn each other's blocks through it with the
 * originating node as next hop (traffic does not detour through the reflector), and the reflector
 * marks what it reflects with ORIGINATOR_ID and CLUSTER_LIST.
 */
class BgpRouteReflectorTest {
  private static final Ipv4Address CLUSTER_ID = Ipv4Address.parse("244.0.0.1");

  private static BgpCluster reflected(int nodes) {
    BgpCluster c = new BgpCluster(nodes);
    BgpCluster.Node rr = c.node("w1");
    List<PeerSpec> clients = new ArrayList<>();
    for (BgpCluster.Node n : c.nodes.values()) {
      if (n != rr) {
        clients.add(PeerSpec.configured(PeerSpec.NODE_SPECIFIC, rr.ip(), n.ip(), PeerSpec.BGP_PORT, BgpTimers.DEFAULT_ASN,
            true, false, null));
        n.speaker.configure(new BgpSpeaker.Setup(BgpTimers.DEFAULT_ASN, null, List.of(PeerSpec.configured(
            PeerSpec.NODE_SPECIFIC, n.ip(), rr.ip(), PeerSpec.BGP_PORT, BgpTimers.DEFAULT_ASN, false, false, null)),
            List.of(BgpCluster.CLUSTER)));
      }
    }
    rr.speaker.configure(new BgpSpeaker.Setup(BgpTimers.DEFAULT_ASN, CLUSTER_ID, clients, List.of(BgpCluster.CLUSTER)));
    return c;
  }

  @Test
  void clientsLearnEachOthersBlocksThroughTheReflectorWithTheOriginAsNextHop() {
    BgpCluster c = reflected(4);
    c.advance(Duration.ofSeconds(2));
    assertEquals(3, c.node("w1").speaker.status().established(), c.node("w1").speaker.status().showStatus());
    String w2 = c.node("w2").routes();
    assertTrue(w2.contains("10.244.2.0/24 via 172.18.0.4 dev tunl0 onlink"), "straight to w3, not via the reflector: " + w2);
    assertTrue(w2.contains("10.244.3.0/24 via 172.18.0.5 dev tunl0 onlink"), w2);
    assertTrue(w2.contains("10.244.0.0/24 via 172.18.0.2 dev tunl0 onlink"), w2);
    BgpStatus s = c.node("w2").speaker.status();
    assertEquals(1, s.established(), "a client has one session, to the reflector");
    BgpStatus.Route reflected = s.routes().stream().filter(r -> r.prefix().equals("10.244.2.0/24")).findFirst().orElseThrow();
    assertEquals("172.18.0.4", reflected.originatorId());
    assertEquals("244.0.0.1", reflected.clusterList());
    assertTrue(s.showRoutes().contains("BGP.cluster_list: 244.0.0.1"), s.showRoutes());
  }

  @Test
  void aClientThatDiesIsWithdrawnFromTheOthersThroughTheReflector() {
    BgpCluster c = reflected(4);
    c.advance(Duration.ofSeconds(2));
    c.kill("w4");
    c.advance(Duration.ofSeconds(11));
    assertFalse(c.node("w2").routes().contains("10.244.3.0/24"), c.node("w2").routes());
    assertTrue(c.node("w2").routes().contains("10.244.2.0/24 via 172.18.0.4"), c.node("w2").routes());
  }

  @Test
  void withoutAReflectorIbgpRoutesAreNotPassedOn() {
    BgpCluster c = new BgpCluster(3);
    BgpCluster.Node hub = c.node("w1");
    hub.speaker.configure(new BgpSpeaker.Setup(BgpTimers.DEFAULT_ASN, null,
        List.of(hub.meshPeer(c.node("w2")), hub.meshPeer(c.node("w3"))), List.of(BgpCluster.CLUSTER)));
    for (String n : new String[] {"w2", "w3"}) {
      c.node(n).speaker.configure(new BgpSpeaker.Setup(BgpTimers.DEFAULT_ASN, null, List.of(c.node(n).meshPeer(hub)),
          List.of(BgpCluster.CLUSTER)));
    }
    c.advance(Duration.ofSeconds(2));
    assertTrue(c.node("w2").routes().contains("10.244.0.0/24 via 172.18.0.2"), c.node("w2").routes());
    assertFalse(c.node("w2").routes().contains("10.244.2.0/24"), "iBGP split horizon: " + c.node("w2").routes());
  }
}
