package io.kubemu.nodes.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.backend.FlannelVxlan;
import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.ConntrackConfig;
import io.kubemu.nodes.gateway.HostGateway;
import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.net.TestNodes;
import io.kubemu.nodes.proxy.PodMasquerade;
import io.kubemu.nodes.proxy.ProxyFixtures;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.Proxiers;
import io.kubemu.nodes.proxy.ServiceNat;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.stack.IcmpEvent;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.wire.ByteReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pods reaching an external host through their node's dataplane (flannel's masquerade, kube-proxy
 * in each mode, conntrack), the node's gateway and the external router, with frames queued
 * between hops as actor messages are: the host sees the node's address, replies reach the pod,
 * an address nobody has fails at once, and pod-to-pod traffic keeps its addresses.
 */
class EgressTrafficTest {
  private static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");
  private static final Ipv4Address EXTERNAL = Ipv4Address.parse("203.0.113.10");
  private static final Ipv4Address NOBODY = Ipv4Address.parse("198.51.100.7");

  private final QueuedTraffic traffic = new QueuedTraffic(CLUSTER);
  private final Map<Ipv4Address, NodeDataplane> nodes = new HashMap<>();
  /** Each node's host gateway, by the node's address. */
  private final Map<Ipv4Address, HostGateway> gateways = new HashMap<>();
  private ExternalRouter<NodeDataplane> router;
  private PodStack host;
  private NodeDataplane w1;
  private NodeDataplane w2;
  private PodStack client;
  private PodStack neighbour;
  private PodStack otherNode;

  /** Two nodes whose kube-proxies run in {@code mode}, a pod on each, and the external host behind the gateway. */
  private void cluster(String mode, boolean externalNetwork) {
    router = new ExternalRouter<>(TestNodes.UNDERLAY, Map.of(EXTERNAL, MacAddress.local(0xE)), new ExternalRouter.Output<>() {
      @Override
      public void toHost(Ipv4Address to, byte[] frame) {
        traffic.later(() -> host.receive(frame));
      }

      @Override
      public void toNode(NodeDataplane node, byte[] frame) {
        traffic.later(() -> node.fromUnderlay(frame));
      }
    });
    host = new PodStack("external", "example.com", MacAddress.local(0xE), EXTERNAL, Ipv4Cidr.containing(EXTERNAL, 32),
        Ipv4Cidr.parse("0.0.0.0/0"), ExternalRouter.HOST_GATEWAY, 1500, f -> traffic.later(() -> router.fromHost(EXTERNAL, f)),
        new FakeTcpTimers(System::nanoTime));
    w1 = node("w1", "172.18.0.2", "10.244.0.0/24", mode, externalNetwork);
    w2 = node("w2", "172.18.0.3", "10.244.1.0/24", mode, externalNetwork);
    TestNodes.peer(w1, w2);
    TestNodes.peer(w2, w1);
    client = traffic.pod(w1, "veth-w1-a", "10.244.0.2", 0xA);
    neighbour = traffic.pod(w1, "veth-w1-b", "10.244.0.3", 0xC);
    otherNode = traffic.pod(w2, "veth-w2-a", "10.244.1.2", 0xB);
  }

  private NodeDataplane node(String name, String ip, String podCidr, String mode, boolean externalNetwork) {
    Ipv4Address nodeIp = Ipv4Address.parse(ip);
    NodeDataplane.Output out = traffic.output((to, frame) -> toNode(nodeIp, to, frame));
    NodeDataplane dp = new NodeDataplane(name, nodeIp, TestNodes.UNDERLAY, Ipv4Cidr.parse(podCidr), new FlannelVxlan(nodeIp), out);
    Conntrack conntrack = new Conntrack(ConntrackConfig.KUBE_PROXY, System::nanoTime);
    dp.services(new ServiceNat(Proxiers.create(mode, new Proxiers.NodeSide(name, nodeIp, CLUSTER, conntrack, "rr")), conntrack,
        new PodMasquerade(CLUSTER)));
    HostGateway.Uplink uplink = externalNetwork ? frame -> toRouter(dp, frame) : HostGateway.Uplink.NONE;
    HostGateway g = new HostGateway(dp, TestNodes.UNDERLAY.address(1), new FakeTcpTimers(System::nanoTime), uplink);
    gateways.put(nodeIp, g);
    nodes.put(nodeIp, dp);
    return dp;
  }

  /** Underlay frames from node {@code from} go to its own host gateway, or to the other node. */
  private void toNode(Ipv4Address from, Ipv4Address to, byte[] frame) {
    if (to.equals(TestNodes.UNDERLAY.address(1))) {
      gateways.get(from).receive(frame);
    } else {
      nodes.get(to).fromUnderlay(frame);
    }
  }

  /** The gateway's uplink to the external router, queued as an Egress message would be. */
  private boolean toRouter(NodeDataplane from, byte[] frame) {
    traffic.later(() -> router.fromNode(from, frame));
    return true;
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aPodReachesAnExternalHostWhichSeesItsNodesAddress(String mode) {
    cluster(mode, true);
    QueuedTraffic.serveHello(host, 80);
    assertEquals("hello 172.18.0.2", traffic.fetch(client, EXTERNAL, 80), "masqueraded to w1's eth0");
    assertEquals("hello 172.18.0.3", traffic.fetch(otherNode, EXTERNAL, 80), "each node masquerades its own pods");
    String table = w1.services().conntrack().show();
    assertTrue(table.contains("src=10.244.0.2 dst=203.0.113.10") && table.contains("src=203.0.113.10 dst=172.18.0.2"), table);
    assertEquals(2, router.nodes(), "the router learned both nodes from their traffic");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aUdpReplyFromAnExternalHostIsUnNatedToThePod(String mode) {
    cluster(mode, true);
    host.bindUdp(8081, d -> host.sendUdp(8081, d.source(), d.sourcePort(), (d.source() + ":" + d.sourcePort()).getBytes()));
    List<Datagram> got = new ArrayList<>();
    int port = client.bindUdp(0, got::add);
    assertEquals(null, client.sendUdp(port, EXTERNAL, 8081, "clientip".getBytes()));
    traffic.pump();
    assertEquals(1, got.size());
    assertEquals(EXTERNAL, got.get(0).source(), "the reply comes from the external host");
    assertEquals("172.18.0.2:" + port, new String(got.get(0).payload(), StandardCharsets.UTF_8), "the host saw w1, the pod's port kept");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aPingOfAnExternalHostIsAnsweredThroughTheMasquerade(String mode) {
    cluster(mode, true);
    List<IcmpEvent> got = new ArrayList<>();
    client.bindEcho(0x77, got::add);
    client.sendIcmp(EXTERNAL, IcmpMessage.echoRequest(0x77, 1, new byte[8]), PodStack.DEFAULT_TTL);
    traffic.pump();
    assertEquals(1, got.size());
    assertEquals(IcmpMessage.ECHO_REPLY, got.get(0).message().type());
    assertEquals(EXTERNAL, got.get(0).from());
    assertEquals(62, got.get(0).ttl(), "the reply crossed two routers: the external one and w1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void anAddressNobodyHasFailsAtOnceWithNetworkUnreachable(String mode) {
    cluster(mode, true);
    assertEquals("error: Network is unreachable", traffic.fetch(client, NOBODY, 80), "the router's ICMP net unreachable, un-NATed");
    List<IcmpEvent> got = new ArrayList<>();
    client.bindEcho(0x78, got::add);
    client.sendIcmp(NOBODY, IcmpMessage.echoRequest(0x78, 1, new byte[8]), PodStack.DEFAULT_TTL);
    traffic.pump();
    assertEquals(1, got.size(), "ping hears the error too, translated back by its echo identifier");
    assertEquals(IcmpMessage.DESTINATION_UNREACHABLE, got.get(0).message().type());
    assertEquals(IcmpMessage.NET, got.get(0).message().code());
    assertEquals(TestNodes.UNDERLAY.address(1), got.get(0).from(), "from the gateway");
    assertEquals(2L, router.nodeSide().stats().drops().get(DropReason.NO_ROUTE.label()), "the SYN and the ping, counted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void twoPodsPingingWithOneIdentifierEachHearTheirOwnReplyAndError(String mode) {
    cluster(mode, true);
    for (Ipv4Address to : List.of(EXTERNAL, NOBODY)) {
      List<IcmpEvent> first = new ArrayList<>();
      List<IcmpEvent> second = new ArrayList<>();
      client.bindEcho(0x80, first::add);
      neighbour.bindEcho(0x80, second::add);
      client.sendIcmp(to, IcmpMessage.echoRequest(0x80, 1, new byte[8]), PodStack.DEFAULT_TTL);
      neighbour.sendIcmp(to, IcmpMessage.echoRequest(0x80, 2, new byte[8]), PodStack.DEFAULT_TTL);
      traffic.pump();
      assertEquals(1, first.size(), to.toString());
      assertEquals(1, second.size(), "w1 gave the second ping another identifier, and took it back: " + to);
      if (to.equals(EXTERNAL)) {
        assertEquals(1, first.get(0).message().sequence());
        assertEquals(2, second.get(0).message().sequence());
      } else {
        // the quote is translated back whole: the pod's own echo, identifier and checksum as it sent them
        IcmpMessage quoted = IcmpMessage.decode(new ByteReader(Ipv4Packet.decode(new ByteReader(
            second.get(0).message().quotedPacket())).payload()));
        assertEquals(0x80, quoted.identifier());
        assertEquals(2, quoted.sequence());
      }
    }
  }

  @Test
  void aPodAddressNoNodeRoutesFailsAtOnceAtTheGateway() {
    cluster("iptables", true);
    assertEquals("error: Network is unreachable", traffic.fetch(client, Ipv4Address.parse("10.244.9.9"), 80),
        "not masqueraded, so nothing beyond the gateway could answer it");
    assertEquals(0, router.nodeSide().stats().rxPackets(), "the gateway kept it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void withoutAnExternalNetworkTheGatewayAnswersNetworkUnreachable(String mode) {
    cluster(mode, false);
    QueuedTraffic.serveHello(host, 80);
    assertEquals("error: Network is unreachable", traffic.fetch(client, EXTERNAL, 80));
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void podToPodAcrossNodesKeepsThePodsAddress(String mode) {
    cluster(mode, true);
    QueuedTraffic.serveHello(otherNode, 8080);
    assertEquals("hello 10.244.0.2", traffic.fetch(client, otherNode.address(), 8080));
    assertEquals(0, w1.services().conntrack().size(), "nothing to translate, nothing tracked");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aServiceWhoseEndpointIsAnExternalHostIsMasqueradedInTheSameEntry(String mode) {
    cluster(mode, true);
    QueuedTraffic.serveHello(host, 80);
    ProxyState state = ProxyState.from(List.of(ProxyFixtures.clusterIp("ext", "10.96.0.30", 80, 80)),
        List.of(ProxyFixtures.slice("ext", 80, "203.0.113.10@w9")));
    w1.services().sync(state);
    assertEquals("hello 172.18.0.2", traffic.fetch(client, Ipv4Address.parse("10.96.0.30"), 80));
    assertEquals(1, w1.services().conntrack().size(), "DNAT and SNAT in one entry");
  }

  @Test
  void theNodesOwnTrafficIsNotMasqueraded() {
    cluster("iptables", true);
    List<Datagram> got = new ArrayList<>();
    host.bindUdp(8081, got::add);
    Ipv4Address nodeIp = w1.eth0().address();
    w1.originate(Ipv4Packet.of(IpProtocol.UDP, nodeIp, EXTERNAL, 64, 1,
        UdpDatagram.of(nodeIp, EXTERNAL, 40000, 8081, "node".getBytes()).toBytes()));
    traffic.pump();
    assertEquals(1, got.size());
    assertEquals(nodeIp, got.get(0).source());
    assertEquals(40000, got.get(0).sourcePort());
    assertEquals(0, w1.services().conntrack().size());
  }

  @Test
  void aReplyToANodeTheRouterNeverHeardFromIsHostUnreachable() {
    cluster("iptables", true);
    List<IcmpEvent> got = new ArrayList<>();
    host.bindEcho(0x79, got::add);
    host.sendIcmp(w2.eth0().address(), IcmpMessage.echoRequest(0x79, 1, new byte[8]), PodStack.DEFAULT_TTL);
    traffic.pump();
    assertEquals(1, got.size());
    assertEquals(IcmpMessage.HOST, got.get(0).message().code());
    assertEquals(1L, router.hostSide().stats().drops().get(DropReason.UNREACHABLE_NODE.label()));
  }
}
