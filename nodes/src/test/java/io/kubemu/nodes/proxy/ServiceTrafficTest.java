package io.kubemu.nodes.proxy;

import static io.kubemu.nodes.proxy.ProxyFixtures.clusterIp;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.backend.FlannelVxlan;
import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.ConntrackConfig;
import io.kubemu.nodes.gateway.HostGateway;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.net.TestNodes;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TCP to a ClusterIP through two nodes' dataplanes with kube-proxy's iptables rules and
 * conntrack: to an endpoint on the other node (VXLAN), on the client's node (the reply is bridged
 * and un-NATed by br_netfilter), to the client itself (hairpin, masqueraded), and to a Service
 * without endpoints (REJECT: connection refused). Frames queue between hops as actor messages do.
 */
class ServiceTrafficTest {
  private static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");
  private static final Ipv4Address VIP = Ipv4Address.parse("10.96.0.20");

  private final QueuedTraffic traffic = new QueuedTraffic(CLUSTER);
  private NodeDataplane w1;
  private NodeDataplane w2;
  private PodStack client;
  private PodStack sameNode;
  private PodStack otherNode;
  private HostGateway gateway;

  /** Two nodes whose kube-proxies run in {@code mode}, and three pods. */
  private void cluster(String mode) {
    w1 = node("w1", "172.18.0.2", "10.244.0.0/24", mode);
    w2 = node("w2", "172.18.0.3", "10.244.1.0/24", mode);
    client = traffic.pod(w1, "veth-w1-a", "10.244.0.2", 0xA);
    sameNode = traffic.pod(w1, "veth-w1-b", "10.244.0.3", 0xC);
    otherNode = traffic.pod(w2, "veth-w2-a", "10.244.1.2", 0xB);
  }

  private NodeDataplane node(String name, String ip, String podCidr, String mode) {
    Ipv4Address nodeIp = Ipv4Address.parse(ip);
    NodeDataplane[] self = new NodeDataplane[1];
    NodeDataplane.Output out = traffic.output(this::toNode);
    self[0] = new NodeDataplane(name, nodeIp, TestNodes.UNDERLAY, Ipv4Cidr.parse(podCidr), new FlannelVxlan(nodeIp), out);
    Conntrack conntrack = new Conntrack(ConntrackConfig.KUBE_PROXY, System::nanoTime);
    self[0].services(new ServiceNat(Proxiers.create(mode, new Proxiers.NodeSide(name, nodeIp, CLUSTER, conntrack, "rr")),
        conntrack));
    return self[0];
  }

  /** Underlay frames go to the host gateway, or to the other node. */
  private void toNode(Ipv4Address to, byte[] frame) {
    if (gateway != null && to.equals(gateway.address())) {
      gateway.receive(frame);
    } else {
      (to.equals(w1.eth0().address()) ? w1 : w2).fromUnderlay(frame);
    }
  }

  private void endpoints(String... endpoints) {
    ProxyState state = ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)), List.of(slice("web", 8080, endpoints)));
    w1.services().sync(state);
    w2.services().sync(state);
  }

  /** A program that only notes why its connection closed. */
  private static TcpHandler errorTo(StringBuilder got) {
    return new TcpHandler() {
      @Override
      public void onData(TcpSocket socket, byte[] data) {}

      @Override
      public void onClosed(TcpSocket socket, String error) {
        got.append(error);
      }
    };
  }

  /** Connects from the client pod to the ClusterIP; what it read, or the error it got. */
  private String fetch() {
    StringBuilder got = new StringBuilder();
    TcpSocket s = QueuedTraffic.connect(client, VIP, 80, got);
    traffic.pump();
    assertEquals(VIP, s.remoteAddress());
    return got.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aClusterIpReachesAnEndpointOnAnotherNodeAndTheReplyComesFromTheClusterIp(String mode) {
    cluster(mode);
    TestNodes.peer(w1, w2);
    TestNodes.peer(w2, w1);
    QueuedTraffic.serveHello(otherNode, 8080);
    endpoints("10.244.1.2@w2");
    assertEquals("hello 10.244.0.2", fetch(), "pod to Service keeps the client's address");
    assertEquals(1, w1.services().conntrack().size(), "the DNAT lives on the client's node");
    assertTrue(w1.services().conntrack().show().contains("dst=10.96.0.20 sport="), w1.services().conntrack().show());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aReplyFromAnEndpointOnTheClientsNodeIsUnNatedOnTheBridge(String mode) {
    cluster(mode);
    QueuedTraffic.serveHello(sameNode, 8080);
    endpoints("10.244.0.3@w1");
    assertEquals("hello 10.244.0.2", fetch());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aPodReachingItselfThroughItsServiceIsMasqueradedToTheBridge(String mode) {
    cluster(mode);
    QueuedTraffic.serveHello(client, 8080);
    endpoints("10.244.0.2@w1");
    assertEquals("hello 10.244.0.1", fetch(), "hairpin traffic comes from cni0's address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aConnectionFromTheHostGatewayToANodePortReachesAPodOnTheOtherNodeMasqueraded(String mode) {
    cluster(mode);
    TestNodes.peer(w1, w2);
    TestNodes.peer(w2, w1);
    QueuedTraffic.serveHello(otherNode, 8080);
    ProxyState state = ProxyState.from(List.of(ProxyFixtures.service("web", "10.96.0.20", 80, 8080).editSpec().withType("NodePort")
        .editFirstPort().withNodePort(30080).endPort().endSpec().build()), List.of(slice("web", 8080, "10.244.1.2@w2")));
    w1.services().sync(state);
    w2.services().sync(state);
    gateway = new HostGateway(w1, Ipv4Address.parse("172.18.0.1"), new FakeTcpTimers(System::nanoTime));
    StringBuilder got = new StringBuilder();
    gateway.tcp().connect(w1.eth0().address(), 30080, new TcpHandler() {
      @Override
      public void onData(TcpSocket socket, byte[] data) {
        got.append(new String(data, StandardCharsets.UTF_8));
      }
    });
    traffic.pump();
    assertTrue(got.toString().startsWith("hello 10.244.0."), "masqueraded to w1's address towards w2 (flannel.1): " + got);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void anEndpointThatIsGoneIsReportedToTheClientAsNoRouteToHostThroughNat(String mode) {
    cluster(mode);
    TestNodes.peer(w1, w2);
    TestNodes.peer(w2, w1);
    endpoints("10.244.1.9@w2"); // no pod has this address any more: w2's ARP for it fails
    StringBuilder got = new StringBuilder();
    client.tcp().connect(VIP, 80, errorTo(got));
    traffic.pump();
    for (int second = 0; second < 5 && got.length() == 0; second++) {
      w2.tick();
      traffic.pump();
    }
    assertEquals("No route to host", got.toString(), "w2's ICMP error, translated back to the cluster IP on w1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aNodePortWithoutEndpointsRefusesTheHostGatewayAtOnce(String mode) {
    cluster(mode);
    ProxyState state = ProxyState.from(List.of(ProxyFixtures.service("web", "10.96.0.20", 80, 8080).editSpec().withType("NodePort")
        .editFirstPort().withNodePort(30080).endPort().endSpec().build()), List.of());
    w1.services().sync(state);
    gateway = new HostGateway(w1, Ipv4Address.parse("172.18.0.1"), new FakeTcpTimers(System::nanoTime));
    StringBuilder got = new StringBuilder();
    gateway.tcp().connect(w1.eth0().address(), 30080, errorTo(got));
    traffic.pump();
    assertEquals("Connection refused", got.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aServiceWithoutReadyEndpointsRefusesAtOnce(String mode) {
    cluster(mode);
    endpoints("10.244.1.2@w2!");
    assertEquals("error: Connection refused", fetch());
  }
}
