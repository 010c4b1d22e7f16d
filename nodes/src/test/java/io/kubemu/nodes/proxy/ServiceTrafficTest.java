package io.kubemu.nodes.proxy;

import static io.kubemu.nodes.proxy.ProxyFixtures.clusterIp;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
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
  private static final Ipv4Address VIP = Ipv4Address.parse("10.96.0.20");

  private TwoNodeCluster net;
  private NodeDataplane w1;
  private NodeDataplane w2;
  private PodStack client;
  private PodStack sameNode;
  private PodStack otherNode;

  /** Two nodes whose kube-proxies run in {@code mode}, and three pods. */
  private void cluster(String mode) {
    net = new TwoNodeCluster(mode);
    w1 = net.w1;
    w2 = net.w2;
    client = net.pod(w1, "veth-w1-a", "10.244.0.2", 0xA);
    sameNode = net.pod(w1, "veth-w1-b", "10.244.0.3", 0xC);
    otherNode = net.pod(w2, "veth-w2-a", "10.244.1.2", 0xB);
  }

  private void pump() {
    net.pump();
  }

  private void endpoints(String... endpoints) {
    net.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)), List.of(slice("web", 8080, endpoints))));
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
    net.pump();
    assertEquals(VIP, s.remoteAddress());
    return got.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aClusterIpReachesAnEndpointOnAnotherNodeAndTheReplyComesFromTheClusterIp(String mode) {
    cluster(mode);
    net.peered();
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
    net.peered();
    QueuedTraffic.serveHello(otherNode, 8080);
    String got = viaNodePort("Cluster", "10.244.1.2@w2");
    assertTrue(got.startsWith("hello 10.244.0."), "masqueraded to w1's address towards w2 (flannel.1): " + got);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void anEndpointThatIsGoneIsReportedToTheClientAsNoRouteToHostThroughNat(String mode) {
    cluster(mode);
    net.peered();
    endpoints("10.244.1.9@w2"); // no pod has this address any more: w2's ARP for it fails
    StringBuilder got = new StringBuilder();
    client.tcp().connect(VIP, 80, errorTo(got));
    net.pump();
    for (int second = 0; second < 5 && got.length() == 0; second++) {
      w2.tick();
      net.pump();
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
    StringBuilder got = new StringBuilder();
    net.gateway().tcp().connect(w1.eth0().address(), 30080, errorTo(got));
    pump();
    assertEquals("Connection refused", got.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void aServiceWithoutReadyEndpointsRefusesAtOnce(String mode) {
    cluster(mode);
    endpoints("10.244.1.2@w2!");
    assertEquals("error: Connection refused", fetch());
  }

  /** sessionAffinity ClientIP: every connection of one client goes to the endpoint its first one reached. */
  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void clientIpAffinityKeepsAClientOnOneEndpoint(String mode) {
    cluster(mode);
    net.peered();
    serveOwnAddress(sameNode);
    serveOwnAddress(otherNode);
    var svc = ProxyFixtures.service("web", "10.96.0.20", 80, 8080).editSpec().withSessionAffinity("ClientIP")
        .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(10800).endClientIP().endSessionAffinityConfig()
        .endSpec().build();
    net.sync(ProxyState.from(List.of(svc), List.of(slice("web", 8080, "10.244.0.3@w1", "10.244.1.2@w2"))));
    java.util.Set<String> answers = new java.util.HashSet<>();
    for (int i = 0; i < 12; i++) {
      answers.add(fetch());
    }
    assertEquals(1, answers.size(), mode + ": one endpoint for one client: " + answers);
    net.sync(ProxyState.from(List.of(ProxyFixtures.clusterIp("web", "10.96.0.20", 80, 8080)),
        List.of(slice("web", 8080, "10.244.0.3@w1", "10.244.1.2@w2"))));
    java.util.Set<String> spread = new java.util.HashSet<>();
    for (int i = 0; i < 24; i++) {
      spread.add(fetch());
    }
    assertEquals(java.util.Set.of("served by 10.244.0.3", "served by 10.244.1.2"), spread,
        mode + ": without affinity the same client reaches both");
  }

  /** A server that answers each connection with the address it was reached at (which endpoint answered) and closes. */
  private static void serveOwnAddress(PodStack pod) {
    QueuedTraffic.serve(pod, 8080, socket -> "served by " + socket.localAddress());
  }

  /**
   * externalTrafficPolicy from a real client (the host gateway) to w1's node port: Cluster reaches
   * the endpoint on w2 masqueraded; Local uses only w1's endpoints and keeps the client's address,
   * and with none on w1 the connection is dropped there.
   */
  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables", "ipvs"})
  void externalTrafficPolicyClusterMasqueradesAndLocalKeepsTheClientAddress(String mode) {
    cluster(mode);
    net.peered();
    QueuedTraffic.serveHello(sameNode, 8080);
    QueuedTraffic.serveHello(otherNode, 8080);
    assertTrue(viaNodePort("Cluster", "10.244.1.2@w2").startsWith("hello 10.244.0.0"), "masqueraded towards w2");
    assertEquals("hello 172.18.0.1", viaNodePort("Local", "10.244.0.3@w1"), "Local: the client's own address");
    assertEquals("", viaNodePort("Local", "10.244.1.2@w2"), "Local without a local endpoint: dropped on w1");
  }

  private String viaNodePort(String policy, String endpoint) {
    var svc = ProxyFixtures.service("web", "10.96.0.20", 80, 8080).editSpec().withType("NodePort")
        .withExternalTrafficPolicy(policy).editFirstPort().withNodePort(30080).endPort().endSpec().build();
    net.sync(ProxyState.from(List.of(svc), List.of(slice("web", 8080, endpoint))));
    StringBuilder got = new StringBuilder();
    net.gateway().tcp().connect(w1.eth0().address(), 30080, new TcpHandler() {
      @Override
      public void onData(TcpSocket socket, byte[] data) {
        got.append(new String(data, StandardCharsets.UTF_8));
      }
    });
    pump();
    return got.toString();
  }
}
