package io.kubemu.nodes.proxy.nftables;

import static io.kubemu.nodes.proxy.ProxyFixtures.clusterIp;
import static io.kubemu.nodes.proxy.ProxyFixtures.service;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.NatDecision;
import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.ServiceInfo;
import io.kubemu.nodes.proxy.ServicePortName;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** kube-proxy's nftables mode: the table it writes, and what it does to the first packet of a flow. */
class NftablesProxierTest {
  private static final Ipv4Address CLIENT = Ipv4Address.parse("10.244.0.5");
  private static final Ipv4Address VIP = Ipv4Address.parse("10.96.0.20");
  private static final Ipv4Address NODE_IP = Ipv4Address.parse("172.18.0.2");
  private long now;
  private final NftablesProxier proxier = new NftablesProxier("w1", NODE_IP, Ipv4Cidr.parse("10.244.0.0/16"), () -> now,
      new Random(3));

  private static PacketContext to(Ipv4Address from, int port) {
    return new PacketContext(from, VIP, "tcp", port, false, false);
  }

  private void threeEndpoints() {
    proxier.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)),
        List.of(slice("web", 8080, "10.244.1.3@w2", "10.244.2.3@w3", "10.244.0.7@w1"))));
  }

  @Test
  void chainNamesAreKubeProxysOwn() {
    ServiceInfo s = new ServiceInfo(new ServicePortName("ns1", "svc1", "p80"), "TCP", Ipv4Address.parse("172.30.0.41"), 80, 0,
        List.of(), List.of(), 0, false, false);
    assertEquals("ULMVA6XW-ns1/svc1/tcp/p80", ChainNames.hashed(ChainNames.base(s)), "as in kube-proxy's own tests");
    assertEquals("5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80", ChainNames.hashed(ChainNames.endpointBase(s,
        new EndpointInfo(Ipv4Address.parse("10.180.0.1"), 80, true, true, false, "w1"))));
  }

  @Test
  void theTableReadsLikeNftList() {
    threeEndpoints();
    String list = proxier.show();
    assertTrue(list.startsWith("table ip kube-proxy {\n\tcomment \"rules for kube-proxy\"\n"), list);
    assertTrue(list.contains("elements = { 10.96.0.20 . tcp . 80 comment \"default/web:http\" : goto service-"), list);
    assertTrue(list.contains("\t\tip daddr 10.96.0.20 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade\n"), list);
    assertTrue(list.contains("\t\tnumgen random mod 3 vmap { 0 : goto endpoint-"), list);
    assertTrue(list.contains("\t\tmeta l4proto tcp dnat to 10.244.2.3:8080\n"), list);
    assertTrue(list.contains("\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n"
        + "\t\tjump services\n\t}\n"), list);
    assertTrue(list.endsWith("}\n"));
  }

  @Test
  void newFlowsSpreadEvenlyOverTheEndpoints() {
    threeEndpoints();
    Map<Ipv4Address, Integer> counts = new HashMap<>();
    int flows = 30_000;
    for (int i = 0; i < flows; i++) {
      counts.merge(proxier.decide(to(CLIENT, 80), false).dnatAddress(), 1, Integer::sum);
    }
    assertEquals(3, counts.size());
    double chi = io.kubemu.nodes.proxy.ProxyFixtures.chiSquare(counts.values(), flows);
    assertTrue(chi < 13.8, "chi-square " + chi + " for " + counts);
  }

  @Test
  void servicesWithoutEndpointsAndUnknownPortsOfClusterIpsAreRejected() {
    proxier.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)), List.of(slice("web", 8080, "10.244.1.3@w2!"))));
    assertEquals(NatDecision.Verdict.REJECT, proxier.decide(to(CLIENT, 80), false).verdict());
    threeEndpoints();
    assertEquals(NatDecision.Verdict.REJECT, proxier.decide(to(CLIENT, 81), false).verdict(),
        "nftables mode rejects a cluster IP's other ports (iptables mode lets them through)");
    assertEquals(NatDecision.Verdict.ACCEPT, proxier.decide(to(CLIENT, 80), false).verdict());
  }

  @Test
  void hairpinAndOffClusterTrafficIsMasquerading() {
    proxier.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)), List.of(slice("web", 8080, "10.244.1.3@w2"))));
    assertFalse(proxier.decide(to(CLIENT, 80), false).masquerade());
    assertTrue(proxier.decide(to(Ipv4Address.parse("10.244.1.3"), 80), false).masquerade());
    assertTrue(proxier.decide(to(Ipv4Address.parse("192.168.1.9"), 80), false).masquerade());
  }

  @Test
  void clientIpAffinityUsesATimedSetPerEndpoint() {
    var svc = service("web", "10.96.0.20", 80, 8080).editSpec().withSessionAffinity("ClientIP").withNewSessionAffinityConfig()
        .withNewClientIP().withTimeoutSeconds(60).endClientIP().endSessionAffinityConfig().endSpec().build();
    proxier.sync(ProxyState.from(List.of(svc), List.of(slice("web", 8080, "10.244.1.3@w2", "10.244.2.3@w3"))));
    Ipv4Address first = proxier.decide(to(CLIENT, 80), false).dnatAddress();
    for (int i = 0; i < 50; i++) {
      now += Duration.ofSeconds(1).toNanos();
      assertEquals(first, proxier.decide(to(CLIENT, 80), false).dnatAddress());
    }
    assertTrue(proxier.show().contains("update @affinity-"), proxier.show());
    assertTrue(proxier.show().contains("flags dynamic,timeout\n\t\ttimeout 60s\n"), proxier.show());
  }

  @Test
  void aNodePortUnderTheLocalPolicyKeepsTheClientAddressAndUsesOnlyLocalEndpoints() {
    var svc = service("web", "10.96.0.20", 80, 8080).editSpec().withType("NodePort").withExternalTrafficPolicy("Local")
        .editFirstPort().withNodePort(30080).endPort().endSpec().build();
    proxier.sync(ProxyState.from(List.of(svc), List.of(slice("web", 8080, "10.244.1.3@w2", "10.244.0.7@w1"))));
    PacketContext external = new PacketContext(Ipv4Address.parse("192.168.1.9"), NODE_IP, "tcp", 30080, false, true);
    for (int i = 0; i < 30; i++) {
      NatDecision d = proxier.decide(external, false);
      assertEquals(Ipv4Address.parse("10.244.0.7"), d.dnatAddress());
      assertFalse(d.masquerade());
    }
  }
}
