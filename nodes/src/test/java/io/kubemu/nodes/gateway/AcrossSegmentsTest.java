package io.kubemu.nodes.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.backend.FlannelHostGw;
import io.kubemu.nodes.backend.FlannelVxlan;
import io.kubemu.nodes.capture.CaptureBuffer;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.stack.NodeTcp;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.EthernetHeader;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.pcap.PcapReader;
import io.kubemu.protocols.wire.ByteReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Nodes w1 and w3 on segment 172.18.0.0/17, w2 on 172.18.128.0/17, each behind its segment's
 * gateway: VXLAN between nodes crosses segments through the router and goes straight within one,
 * the nodes' own TCP (BGP's) follows eth0's routes across, and host-gw still gives an off-segment
 * peer no route.
 */
class AcrossSegmentsTest {
  private final SegmentedUnderlay net = new SegmentedUnderlay();

  /** The next hop's MAC of every outer packet w1's eth0 sent, by the node address it was for. */
  private static Map<Ipv4Address, MacAddress> hops(CaptureBuffer eth0) {
    Map<Ipv4Address, MacAddress> hops = new HashMap<>();
    for (var record : PcapReader.decode(eth0.toPcap()).records()) {
      ByteReader r = new ByteReader(record.data());
      EthernetHeader eth = EthernetHeader.decode(r);
      hops.put(Ipv4Packet.decode(r).destination(), eth.destination());
    }
    return hops;
  }

  @Test
  void vxlanCrossesSegmentsThroughTheRouterAndStaysDirectWithinOne() {
    NodeDataplane w1 = net.node("w1", "172.18.0.2", "10.244.0.0/24", FlannelVxlan::new);
    NodeDataplane w2 = net.node("w2", "172.18.128.2", "10.244.1.0/24", FlannelVxlan::new);
    NodeDataplane w3 = net.node("w3", "172.18.0.3", "10.244.2.0/24", FlannelVxlan::new);
    net.peered();
    PodStack a = net.traffic.pod(w1, "veth-w1-a", "10.244.0.2", 0xA);
    PodStack b = net.traffic.pod(w2, "veth-w2-a", "10.244.1.2", 0xB);
    PodStack c = net.traffic.pod(w3, "veth-w3-a", "10.244.2.2", 0xC);
    QueuedTraffic.serveHello(b, 8080);
    QueuedTraffic.serveHello(c, 8080);
    CaptureBuffer eth0 = new CaptureBuffer(1, "eth0", 1 << 20);
    w1.eth0().addTap(eth0);
    assertEquals("hello 10.244.0.2", net.traffic.fetch(a, b.address(), 8080), "across segments");
    assertEquals("hello 10.244.0.2", net.traffic.fetch(a, c.address(), 8080), "within one");
    Map<Ipv4Address, MacAddress> hops = hops(eth0);
    assertEquals(HostGateway.mac(net.gateway(w1).address()), hops.get(w2.eth0().address()), "w2 is behind the gateway");
    assertEquals(w3.eth0().mac(), hops.get(w3.eth0().address()), "w3 is a neighbour");
    assertTrue(net.uplinked.isEmpty(), "nothing went beyond the nodes");
  }

  @Test
  void theNodesOwnTcpCrossesSegmentsOnEth0sRoutes() {
    NodeDataplane w1 = net.node("w1", "172.18.0.2", "10.244.0.0/24", FlannelVxlan::new);
    NodeDataplane w2 = net.node("w2", "172.18.128.2", "10.244.1.0/24", FlannelVxlan::new);
    net.peered();
    NodeTcp tcp1 = new NodeTcp(w1, new FakeTcpTimers(System::nanoTime));
    NodeTcp tcp2 = new NodeTcp(w2, new FakeTcpTimers(System::nanoTime));
    QueuedTraffic.serveHello(tcp2.tcp(), 179);
    assertEquals("hello 172.18.0.2", net.traffic.fetch(tcp1.tcp(), w2.eth0().address(), 179));
  }

  @Test
  void hostGwGivesAPeerOnAnotherSegmentNoRoute() {
    NodeDataplane w1 = net.node("w1", "172.18.0.2", "10.244.0.0/24", FlannelHostGw::new);
    net.node("w2", "172.18.128.2", "10.244.1.0/24", FlannelHostGw::new);
    net.node("w3", "172.18.0.3", "10.244.2.0/24", FlannelHostGw::new);
    net.peered();
    assertEquals(Set.of("w2"), ((FlannelHostGw) w1.backend()).unreachablePeers());
    String routes = w1.routes().show();
    assertFalse(routes.contains("10.244.1.0/24"), routes);
    assertTrue(routes.contains("10.244.2.0/24 via 172.18.0.3 dev eth0"), routes);
  }
}
