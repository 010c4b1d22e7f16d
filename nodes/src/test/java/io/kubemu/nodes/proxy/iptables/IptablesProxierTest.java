package io.kubemu.nodes.proxy.iptables;

import static io.kubemu.nodes.proxy.ProxyFixtures.clusterIp;
import static io.kubemu.nodes.proxy.ProxyFixtures.service;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** kube-proxy's iptables mode: the rules it writes, and what they do to the first packet of a flow. */
class IptablesProxierTest {
  private static final Ipv4Address CLIENT = Ipv4Address.parse("10.244.0.5");
  private static final Ipv4Address VIP = Ipv4Address.parse("10.96.0.20");
  private static final Ipv4Address NODE_IP = Ipv4Address.parse("172.18.0.2");
  private long now = 0;
  private final IptablesProxier proxier = new IptablesProxier("w1", Ipv4Cidr.parse("10.244.0.0/16"), () -> now, new Random(5));

  private static PacketContext toVip(Ipv4Address from) {
    return new PacketContext(from, VIP, "tcp", 80, false, false);
  }

  private void threeEndpoints() {
    proxier.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)),
        List.of(slice("web", 8080, "10.244.1.3@w2", "10.244.2.3@w3", "10.244.0.7@w1"))));
  }

  @Test
  void chainNamesAreKubeProxysOwn() {
    ServiceInfo https = new ServiceInfo(new ServicePortName("default", "kubernetes", "https"), "TCP", Ipv4Address.parse("10.96.0.1"),
        443, 0, List.of(), List.of(), 0, false, false);
    ServiceInfo dns = new ServiceInfo(new ServicePortName("kube-system", "kube-dns", "dns"), "UDP", Ipv4Address.parse("10.96.0.10"),
        53, 0, List.of(), List.of(), 0, false, false);
    assertEquals("KUBE-SVC-NPX46M4PTMTKRN6Y", ChainNames.svc(https), "as on every real cluster");
    assertEquals("KUBE-SVC-TCOU7JCQXEZGVUNU", ChainNames.svc(dns));
  }

  @Test
  void theRulesReadLikeIptablesSave() {
    threeEndpoints();
    String save = proxier.show();
    String svc = "KUBE-SVC-" + save.split("KUBE-SVC-")[1].substring(0, 16);
    assertTrue(save.contains("-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment \"default/web:http cluster IP\""
        + " -m tcp --dport 80 -j " + svc + "\n"), save);
    assertTrue(save.contains("-A " + svc + " ! -s 10.244.0.0/16 -d 10.96.0.20/32 -p tcp -m comment --comment"
        + " \"default/web:http cluster IP\" -m tcp --dport 80 -j KUBE-MARK-MASQ\n"), save);
    assertTrue(save.contains("-m comment --comment \"default/web:http -> 10.244.0.7:8080\" -m statistic --mode random"
        + " --probability 0.33333333349 -j KUBE-SEP-"), save);
    assertTrue(save.contains("-m comment --comment \"default/web:http -> 10.244.1.3:8080\" -m statistic --mode random"
        + " --probability 0.50000000000 -j KUBE-SEP-"), save);
    assertTrue(save.contains("-p tcp -m comment --comment default/web:http -m tcp -j DNAT --to-destination 10.244.2.3:8080\n"),
        save);
    assertTrue(save.startsWith("*filter\n:INPUT ACCEPT [0:0]\n"), save);
    assertTrue(save.contains("-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n"), save);
    assertTrue(save.endsWith("COMMIT\n"));
  }

  @Test
  void newFlowsSpreadEvenlyOverTheEndpoints() {
    threeEndpoints();
    Map<String, Integer> counts = new HashMap<>();
    int flows = 30_000;
    for (int i = 0; i < flows; i++) {
      NatDecision d = proxier.decide(toVip(CLIENT), false);
      counts.merge(d.dnatAddress() + ":" + d.dnatPort(), 1, Integer::sum);
    }
    assertEquals(3, counts.size(), counts.toString());
    double chi = io.kubemu.nodes.proxy.ProxyFixtures.chiSquare(counts.values(), flows);
    assertTrue(chi < 13.8, "chi-square " + chi + " for " + counts + " (p = 0.001 at 2 degrees of freedom)");
  }

  @Test
  void aServiceWithoutEndpointsRejects() {
    proxier.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)), List.of(slice("web", 8080, "10.244.1.3@w2!"))));
    assertEquals(NatDecision.Verdict.REJECT, proxier.decide(toVip(CLIENT), false).verdict());
    assertTrue(proxier.show().contains("\"default/web:http has no endpoints\" -m tcp --dport 80 -j REJECT"));
  }

  @Test
  void terminatingServingEndpointsAreUsedWhenNoneIsReady() {
    proxier.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)), List.of(slice("web", 8080, "10.244.1.3@w2~"))));
    assertEquals(Ipv4Address.parse("10.244.1.3"), proxier.decide(toVip(CLIENT), false).dnatAddress());
  }

  @Test
  void hairpinAndOffClusterTrafficIsMasqueradedPodTrafficIsNot() {
    proxier.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)), List.of(slice("web", 8080, "10.244.1.3@w2"))));
    assertFalse(proxier.decide(toVip(CLIENT), false).masquerade(), "pod to service keeps its source");
    assertTrue(proxier.decide(toVip(Ipv4Address.parse("10.244.1.3")), false).masquerade(), "a pod reaching itself (hairpin)");
    assertTrue(proxier.decide(toVip(Ipv4Address.parse("192.168.1.9")), false).masquerade(), "from outside the cluster CIDR");
  }

  @Test
  void aNodePortIsDnatedAndMasqueradedUnlessTheExternalPolicyIsLocal() {
    var svc = service("web", "10.96.0.20", 80, 8080).editSpec().withType("NodePort").editFirstPort().withNodePort(30080).endPort()
        .endSpec();
    var slices = List.of(slice("web", 8080, "10.244.1.3@w2", "10.244.0.7@w1"));
    proxier.sync(ProxyState.from(List.of(svc.build()), slices));
    PacketContext external = new PacketContext(Ipv4Address.parse("192.168.1.9"), NODE_IP, "tcp", 30080, false, true);
    NatDecision d = proxier.decide(external, false);
    assertTrue(d.dnat());
    assertTrue(d.masquerade());
    proxier.sync(ProxyState.from(List.of(svc.editSpec().withExternalTrafficPolicy("Local").endSpec().build()), slices));
    for (int i = 0; i < 50; i++) {
      NatDecision local = proxier.decide(external, false);
      assertEquals(Ipv4Address.parse("10.244.0.7"), local.dnatAddress(), "only w1's own endpoint");
      assertFalse(local.masquerade(), "the client's address is kept");
    }
    assertEquals(NatDecision.Verdict.ACCEPT, proxier.decide(new PacketContext(CLIENT, NODE_IP, "tcp", 30081, false, true), false)
        .verdict());
  }

  @Test
  void internalTrafficPolicyLocalWithoutALocalEndpointDrops() {
    var svc = service("web", "10.96.0.20", 80, 8080).editSpec().withInternalTrafficPolicy("Local").endSpec().build();
    proxier.sync(ProxyState.from(List.of(svc), List.of(slice("web", 8080, "10.244.1.3@w2"))));
    assertEquals(NatDecision.Verdict.DROP, proxier.decide(toVip(CLIENT), false).verdict());
  }

  @Test
  void clientIpAffinityKeepsAClientOnOneEndpointUntilItsTimeout() {
    var svc = service("web", "10.96.0.20", 80, 8080).editSpec().withSessionAffinity("ClientIP").withNewSessionAffinityConfig()
        .withNewClientIP().withTimeoutSeconds(60).endClientIP().endSessionAffinityConfig().endSpec().build();
    proxier.sync(ProxyState.from(List.of(svc), List.of(slice("web", 8080, "10.244.1.3@w2", "10.244.2.3@w3", "10.244.0.7@w1"))));
    Ipv4Address first = proxier.decide(toVip(CLIENT), false).dnatAddress();
    for (int i = 0; i < 100; i++) {
      now += Duration.ofSeconds(1).toNanos();
      assertEquals(first, proxier.decide(toVip(CLIENT), false).dnatAddress());
    }
    assertTrue(proxier.show().contains("-m recent --name KUBE-SEP-"));
    now += Duration.ofSeconds(61).toNanos();
    java.util.Set<Ipv4Address> after = new java.util.HashSet<>();
    for (int i = 0; i < 30; i++) {
      after.add(proxier.decide(toVip(Ipv4Address.parse("10.244.0." + (100 + i))), false).dnatAddress());
    }
    assertEquals(3, after.size(), "other clients still spread");
  }

  @Test
  void nothingIsDecidedBeforeTheFirstSync() {
    assertEquals(NatDecision.UNTOUCHED, proxier.decide(toVip(CLIENT), false));
  }
}
