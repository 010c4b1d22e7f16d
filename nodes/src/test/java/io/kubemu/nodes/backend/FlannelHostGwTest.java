package io.kubemu.nodes.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.capture.CaptureBuffer;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.proxy.TwoNodeCluster;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.EthernetHeader;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.pcap.PcapReader;
import io.kubemu.protocols.wire.ByteReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flannel's host-gw backend: a route per peer's pod CIDR via its node IP on eth0, so pod packets
 * cross the underlay unencapsulated, addressed pod to pod; no flannel.1 device.
 */
class FlannelHostGwTest {
  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void podsOnTwoNodesTalkOverPlainRoutesWithoutATunnel(String mode) throws Exception {
    TwoNodeCluster net = new TwoNodeCluster(mode, FlannelHostGw.NAME).peered();
    PodStack a = net.pod(net.w1, "veth-w1-a", "10.244.0.2", 0xA);
    PodStack b = net.pod(net.w2, "veth-w2-a", "10.244.1.2", 0xB);
    QueuedTraffic.serveHello(b, 8080);
    CaptureBuffer underlay = new CaptureBuffer(1, "eth0", 1 << 20);
    net.w1.eth0().addTap(underlay);
    StringBuilder got = new StringBuilder();
    QueuedTraffic.connect(a, b.address(), 8080, got);
    net.pump();
    assertEquals("hello 10.244.0.2", got.toString(), "pod to pod without NAT across the underlay");
    assertNull(net.w1.device(FlannelVxlan.DEVICE), "host-gw makes no tunnel device");
    assertTrue(net.w1.routes().show().contains("10.244.1.0/24 via 172.18.0.3 dev eth0"), net.w1.routes().show());
    assertTrue(underlay.packets() > 0);
    for (var record : PcapReader.decode(underlay.toPcap()).records()) {
      ByteReader r = new ByteReader(record.data());
      EthernetHeader.decode(r);
      Ipv4Packet p = Ipv4Packet.decode(r);
      assertEquals(IpProtocol.TCP, p.protocol(), "no VXLAN (UDP 8472) on the underlay: " + p);
      assertTrue(p.source().toString().startsWith("10.244.") && p.destination().toString().startsWith("10.244."),
          "the pods' own addresses on eth0: " + p);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables"})
  void aPeerOffTheNodesL2NetworkGetsNoRoute(String mode) {
    TwoNodeCluster net = new TwoNodeCluster(mode, FlannelHostGw.NAME);
    NodeDataplane w1 = net.w1;
    FlannelHostGw hostGw = (FlannelHostGw) w1.backend();
    hostGw.peerUp(new NodeLease("far", "h9", Ipv4Address.parse("192.168.7.4"), MacAddress.local(0x77),
        Ipv4Cidr.parse("10.244.9.0/24"), FlannelHostGw.NAME, null, null), w1);
    assertTrue(!w1.routes().show().contains("10.244.9.0/24"), w1.routes().show());
    assertEquals(java.util.Set.of("far"), hostGw.unreachablePeers());
  }
}
