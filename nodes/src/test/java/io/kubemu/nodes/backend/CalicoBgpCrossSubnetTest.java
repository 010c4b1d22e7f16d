package io.kubemu.nodes.backend;

import static io.kubemu.nodes.net.TestFrames.eth;
import static io.kubemu.nodes.net.TestFrames.ip;
import static io.kubemu.nodes.net.TestFrames.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.bgp.BgpPath;
import io.kubemu.nodes.gateway.HostGateway;
import io.kubemu.nodes.net.FakeOutput;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which way calico-bgp programs a learned block on node w1 (172.18.0.2 on segment 172.18.0.0/17,
 * gateway 172.18.0.1), for a next hop on its segment (w3, 172.18.0.3) and one on the other (w2,
 * 172.18.128.2), per the pool's ipipMode and vxlanMode; and how the tunnel's outer packets leave.
 */
class CalicoBgpCrossSubnetTest {
  private static final Ipv4Cidr SEGMENT = Ipv4Cidr.parse("172.18.0.0/17");
  private static final Ipv4Cidr POOL = Ipv4Cidr.parse("10.244.0.0/16");
  private static final Ipv4Address W1 = ip("172.18.0.2");
  private static final Ipv4Address W2 = ip("172.18.128.2");
  private static final Ipv4Address W3 = ip("172.18.0.3");
  private static final Ipv4Address GATEWAY = ip("172.18.0.1");
  private static final Ipv4Cidr W2_BLOCK = Ipv4Cidr.parse("10.244.1.0/26");
  private static final Ipv4Cidr W3_BLOCK = Ipv4Cidr.parse("10.244.2.0/26");

  private final FakeOutput out = new FakeOutput();
  private final CalicoBgp calico = new CalicoBgp(W1);
  private final NodeDataplane w1 = new NodeDataplane("w1", W1, SEGMENT, CalicoBgp.POD_GATEWAY,
      Ipv4Cidr.containing(CalicoBgp.POD_GATEWAY, 32), calico, out);

  CalicoBgpCrossSubnetTest() {
    new HostGateway(w1, GATEWAY, new FakeTcpTimers(System::nanoTime));
    calico.gateway(GATEWAY);
    w1.neighbors("eth0").addPermanent(W3, MacAddress.local(0x33));
    calico.peerUp(lease("w2", W2), w1);
    calico.peerUp(lease("w3", W3), w1);
  }

  private static NodeLease lease(String node, Ipv4Address ip) {
    return new NodeLease(node, "h1", ip, MacAddress.local(ip.unsigned()), Ipv4Cidr.parse("10.244.9.0/24"), CalicoBgp.NAME,
        null, null);
  }

  private void learn(Ipv4Cidr block, Ipv4Address nextHop) {
    calico.route(block, BgpPath.local(block, nextHop, 0));
  }

  private String routes() {
    return w1.routes().show();
  }

  @ParameterizedTest(name = "ipipMode {0}, vxlanMode {1}")
  @CsvSource({
      "CrossSubnet, Never,       10.244.1.0/26 via 172.18.128.2 dev tunl0 onlink,        10.244.2.0/26 via 172.18.0.3 dev eth0",
      "Never,       CrossSubnet, 10.244.1.0/26 via 172.18.128.2 dev vxlan.calico onlink, 10.244.2.0/26 via 172.18.0.3 dev eth0",
      "Always,      Never,       10.244.1.0/26 via 172.18.128.2 dev tunl0 onlink,        10.244.2.0/26 via 172.18.0.3 dev tunl0 onlink",
      "Never,       Always,      10.244.1.0/26 via 172.18.128.2 dev vxlan.calico onlink, 10.244.2.0/26 via 172.18.0.3 dev vxlan.calico onlink",
      "Never,       Never,       10.244.1.0/26 via 172.18.0.1 dev eth0,                  10.244.2.0/26 via 172.18.0.3 dev eth0",
  })
  void theModeDecidesPerNextHopSubnet(String ipip, String vxlan, String acrossSegments, String onTheSegment) {
    calico.pools(List.of(new CalicoBgp.Pool(POOL, ipip, vxlan)));
    learn(W2_BLOCK, W2);
    learn(W3_BLOCK, W3);
    assertTrue(routes().contains(acrossSegments + "\n"), routes());
    assertTrue(routes().contains(onTheSegment + "\n"), routes());
  }

  @Test
  void changingThePoolToCrossSubnetReprogramsOnlyTheRoutesOnTheSegment() {
    calico.pools(List.of(new CalicoBgp.Pool(POOL, "Always", "Never")));
    learn(W2_BLOCK, W2);
    learn(W3_BLOCK, W3);
    calico.pools(List.of(new CalicoBgp.Pool(POOL, "CrossSubnet", "Never")));
    assertTrue(routes().contains("10.244.1.0/26 via 172.18.128.2 dev tunl0 onlink"), routes());
    assertTrue(routes().contains("10.244.2.0/26 via 172.18.0.3 dev eth0"), routes());
  }

  @Test
  void aNextHopThatIsNoNodeIsReachedThroughTheGatewayAndTunnelledOnceItsLeaseArrives() {
    calico.pools(List.of(new CalicoBgp.Pool(POOL, "CrossSubnet", "Never")));
    Ipv4Address w4 = ip("172.18.128.3");
    Ipv4Cidr block = Ipv4Cidr.parse("10.244.3.0/26");
    learn(block, w4); // from a reflector, before w4's lease
    assertTrue(routes().contains("10.244.3.0/26 via 172.18.0.1 dev eth0"), routes());
    calico.peerUp(lease("w4", w4), w1);
    assertTrue(routes().contains("10.244.3.0/26 via 172.18.128.3 dev tunl0 onlink"), routes());
    calico.peerDown(lease("w4", w4), w1);
    assertTrue(routes().contains("10.244.3.0/26 via 172.18.0.1 dev eth0"), routes());
  }

  @Test
  void ipInIpToAnotherSegmentLeavesThroughTheGateway() {
    Ipv4Packet inner = Ipv4Packet.of(IpProtocol.ICMP, ip("10.244.0.2"), ip("10.244.1.2"), 63, 1, new byte[8]);
    calico.transmit(CalicoBgp.DEVICE, inner, W2, w1);
    FakeOutput.Sent across = out.only();
    assertEquals(GATEWAY, across.nodeIp());
    assertEquals(HostGateway.mac(GATEWAY), eth(across.frame()).destination());
    Ipv4Packet outer = ipv4(across.frame());
    assertEquals(W2, outer.destination(), "the outer packet is still for w2");
    assertEquals(IpProtocol.IPIP, outer.protocol());
    calico.transmit(CalicoBgp.DEVICE, inner, W3, w1);
    assertEquals(W3, out.only().nodeIp(), "w3 is a neighbour on eth0");
  }
}
