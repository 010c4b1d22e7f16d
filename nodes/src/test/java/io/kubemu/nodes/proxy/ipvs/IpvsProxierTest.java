package io.kubemu.nodes.proxy.ipvs;

import static io.kubemu.nodes.proxy.ProxyFixtures.clusterIp;
import static io.kubemu.nodes.proxy.ProxyFixtures.service;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.ConntrackConfig;
import io.kubemu.nodes.conntrack.FlowTuple;
import io.kubemu.nodes.proxy.NatDecision;
import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.tcp.TcpSegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** kube-proxy's ipvs mode: virtual services, the rr/lc/sh schedulers, persistence, and ipvsadm -Ln. */
class IpvsProxierTest {
  private static final Ipv4Address VIP = Ipv4Address.parse("10.96.0.20");
  private static final Ipv4Address NODE_IP = Ipv4Address.parse("172.18.0.2");
  private static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");
  private long now;
  private final Conntrack conntrack = new Conntrack(ConntrackConfig.KUBE_PROXY, () -> now);

  private IpvsProxier proxier(String scheduler) {
    IpvsProxier p = new IpvsProxier("w1", NODE_IP, CLUSTER, scheduler, () -> now, conntrack);
    p.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)),
        List.of(slice("web", 8080, "10.244.1.3@w2", "10.244.2.3@w3", "10.244.0.7@w1"))));
    return p;
  }

  private static PacketContext from(String client) {
    return new PacketContext(Ipv4Address.parse(client), VIP, "tcp", 80, false, false);
  }

  @Test
  void roundRobinTakesEachRealServerInTurn() {
    IpvsProxier p = proxier("rr");
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(p.decide(from("10.244.0.5"), false).dnatAddress().toString());
    }
    assertEquals(List.of("10.244.1.3", "10.244.2.3", "10.244.0.7", "10.244.1.3", "10.244.2.3", "10.244.0.7"), picks);
  }

  @Test
  void leastConnectionAvoidsTheBusyRealServers() {
    IpvsProxier p = proxier("lc");
    for (int port = 1; port <= 3; port++) {
      FlowTuple original = new FlowTuple(IpProtocol.TCP, Ipv4Address.parse("10.244.0.5"), port, VIP, 80);
      conntrack.create(original, new FlowTuple(IpProtocol.TCP, Ipv4Address.parse("10.244.1.3"), 8080,
          Ipv4Address.parse("10.244.0.5"), port), TcpSegment.SYN);
      conntrack.create(new FlowTuple(IpProtocol.TCP, Ipv4Address.parse("10.244.0.6"), port, VIP, 80),
          new FlowTuple(IpProtocol.TCP, Ipv4Address.parse("10.244.2.3"), 8080, Ipv4Address.parse("10.244.0.6"), port),
          TcpSegment.SYN);
    }
    assertEquals(Ipv4Address.parse("10.244.0.7"), p.decide(from("10.244.0.5"), false).dnatAddress());
    assertTrue(p.show().contains("  -> 10.244.1.3:8080"), p.show());
    assertTrue(p.show().matches("(?s).*10\\.244\\.1\\.3:8080\\s+Masq\\s+1\\s+0\\s+3\\n.*"), "3 inactive (SYN_SENT): " + p.show());
  }

  @Test
  void sourceHashingKeepsAClientOnOneRealServerAndSpreadsClients() {
    IpvsProxier p = proxier("sh");
    Set<Ipv4Address> used = new HashSet<>();
    for (int c = 1; c <= 60; c++) {
      Ipv4Address first = p.decide(from("10.244.3." + c), false).dnatAddress();
      for (int again = 0; again < 3; again++) {
        assertEquals(first, p.decide(from("10.244.3." + c), false).dnatAddress());
      }
      used.add(first);
    }
    assertEquals(3, used.size());
  }

  @Test
  void persistenceKeepsAClientUntilItsTimeout() {
    IpvsProxier p = new IpvsProxier("w1", NODE_IP, CLUSTER, "rr", () -> now, conntrack);
    p.sync(ProxyState.from(List.of(service("web", "10.96.0.20", 80, 8080).editSpec().withSessionAffinity("ClientIP")
        .endSpec().build()), List.of(slice("web", 8080, "10.244.1.3@w2", "10.244.2.3@w3"))));
    Ipv4Address first = p.decide(from("10.244.0.5"), false).dnatAddress();
    for (int i = 0; i < 10; i++) {
      now += Duration.ofMinutes(30).toNanos();
      assertEquals(first, p.decide(from("10.244.0.5"), false).dnatAddress());
    }
    assertTrue(p.show().contains("TCP  10.96.0.20:80 rr persistent 10800\n"), p.show());
  }

  @Test
  void aVirtualServiceWithoutRealServersRefuses() {
    IpvsProxier p = new IpvsProxier("w1", NODE_IP, CLUSTER, "rr", () -> now, conntrack);
    p.sync(ProxyState.from(List.of(clusterIp("web", "10.96.0.20", 80, 8080)), List.of()));
    assertEquals(NatDecision.Verdict.REJECT, p.decide(from("10.244.0.5"), false).verdict());
    assertEquals(NatDecision.UNTOUCHED, p.decide(new PacketContext(Ipv4Address.parse("10.244.0.5"),
        Ipv4Address.parse("10.96.0.21"), "tcp", 80, false, false), false), "not a virtual service: IPVS leaves it");
  }

  @Test
  void nodePortsListenOnTheNodeAddressAndMasqueradeUnderTheClusterPolicy() {
    IpvsProxier p = new IpvsProxier("w1", NODE_IP, CLUSTER, "rr", () -> now, conntrack);
    p.sync(ProxyState.from(List.of(service("web", "10.96.0.20", 80, 8080).editSpec().withType("NodePort").editFirstPort()
        .withNodePort(30080).endPort().endSpec().build()), List.of(slice("web", 8080, "10.244.1.3@w2"))));
    NatDecision d = p.decide(new PacketContext(Ipv4Address.parse("192.168.1.9"), NODE_IP, "tcp", 30080, false, true), false);
    assertEquals(Ipv4Address.parse("10.244.1.3"), d.dnatAddress());
    assertTrue(d.masquerade());
    assertFalse(p.decide(from("10.244.0.5"), false).masquerade(), "pod to cluster IP keeps its source");
    assertTrue(p.decide(from("10.244.1.3"), false).masquerade(), "hairpin");
    assertTrue(p.show().contains("TCP  172.18.0.2:30080 rr\n"), p.show());
  }

  @Test
  void anUnknownSchedulerFailsWithTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new IpvsProxier("w1", NODE_IP, CLUSTER, "wlc", () -> now, conntrack));
    assertEquals("unknown IPVS scheduler: wlc (expected one of: lc, rr, sh)", e.getMessage());
  }
}
