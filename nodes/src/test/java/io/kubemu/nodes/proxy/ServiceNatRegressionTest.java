package io.kubemu.nodes.proxy;

import static io.kubemu.nodes.proxy.ProxyFixtures.service;
import static io.kubemu.nodes.proxy.ProxyFixtures.slice;
import static io.kubemu.protocols.tcp.TcpSegment.ACK;
import static io.kubemu.protocols.tcp.TcpSegment.FIN;
import static io.kubemu.protocols.tcp.TcpSegment.SYN;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fabric8.kubernetes.api.model.Service;
import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.ConntrackConfig;
import io.kubemu.nodes.proxy.iptables.IptablesProxier;
import io.kubemu.nodes.proxy.nftables.NftablesProxier;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.tcp.TcpSegment;
import io.kubemu.protocols.udp.UdpDatagram;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Regressions found in review: reply-tuple clashes, truncated headers, early drop, reopened tuples, stale UDP flows, the Local policy and nftables node ports. */
class ServiceNatRegressionTest {
  static final Ipv4Address POD = Ipv4Address.parse("10.244.0.5");
  static final Ipv4Address NODE = Ipv4Address.parse("172.18.0.2");
  static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");
  long now = 0;

  ServiceNat nat(Proxier p, ConntrackConfig cfg) {
    return new ServiceNat(p, new Conntrack(cfg, () -> now));
  }

  IptablesProxier iptables() {
    return new IptablesProxier("w1", CLUSTER, () -> now, new Random(1));
  }

  static Service udp(String name, String ip) {
    return service(name, ip, 53, 53).editSpec().editFirstPort().withProtocol("UDP").endPort().endSpec().build();
  }

  static Ipv4Packet udpTo(Ipv4Address dst, int sport, int dport) {
    return Ipv4Packet.of(IpProtocol.UDP, POD, dst, 64, 1, UdpDatagram.of(POD, dst, sport, dport, new byte[4]).toBytes());
  }

  static Ipv4Packet tcpTo(Ipv4Address dst, int sport, int dport, int flags) {
    return Ipv4Packet.of(IpProtocol.TCP, POD, dst, 64, 1,
        TcpSegment.of(POD, dst, sport, dport, 1, 1, flags, 1000, new byte[0], new byte[0]).toBytes());
  }

  ServiceNat.Step pre(ServiceNat n, Ipv4Packet p) {
    return n.prerouting(p, a -> a.equals(NODE), d -> NODE);
  }

  /** One UDP socket, two Services with the same backend: Linux's null binding would pick another source port. */
  @Test
  void aReplyTupleClashIsNotATableFullDrop() {
    ServiceNat n = nat(iptables(), ConntrackConfig.KUBE_PROXY);
    n.sync(ProxyState.from(List.of(udp("dns-a", "10.96.0.10"), udp("dns-b", "10.96.0.11")),
        List.of(slice("dns-a", 53, "10.244.1.7@w2"), slice("dns-b", 53, "10.244.1.7@w2"))));
    assertEquals(NatDecision.Verdict.ACCEPT, pre(n, udpTo(Ipv4Address.parse("10.96.0.10"), 5000, 53)).verdict());
    ServiceNat.Step second = pre(n, udpTo(Ipv4Address.parse("10.96.0.11"), 5000, 53));
    assertEquals(0, n.dropsTableFull(), "counted as 'table full'");
    assertEquals(NatDecision.Verdict.ACCEPT, second.verdict());
  }

  /** A TCP packet with 8..17 bytes of header: ports() accepts it, rewrite() throws after conntrack.create(). */
  @Test
  void aTruncatedTcpHeaderToAServiceNeitherThrowsNorLeavesAnEntry() {
    ServiceNat n = nat(iptables(), ConntrackConfig.KUBE_PROXY);
    n.sync(ProxyState.from(List.of(service("web", "10.96.0.20", 80, 8080).build()), List.of(slice("web", 8080, "10.244.1.7@w2"))));
    byte[] tenBytes = {0x12, 0x34, 0, 80, 0, 0, 0, 1, 0, 0};
    Ipv4Packet p = Ipv4Packet.of(IpProtocol.TCP, POD, Ipv4Address.parse("10.96.0.20"), 64, 1, tenBytes);
    try {
      pre(n, p);
    } catch (RuntimeException e) {
      System.out.println("threw " + e);
    }
    assertEquals(0, n.conntrack().size(), n.conntrack().show());
  }

  /** Bare ACKs (loose pickup) fill the table with unassured ESTABLISHED entries for a day; Linux would early_drop them. */
  @Test
  void unrepliedPickedUpEntriesDoNotLockTheTableForADay() {
    ConntrackConfig small = new ConntrackConfig(4, Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(86400),
        Duration.ofSeconds(120), Duration.ofSeconds(3600), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(30));
    ServiceNat n = nat(iptables(), small);
    n.sync(ProxyState.from(List.of(service("web", "10.96.0.20", 80, 8080).build()), List.of(slice("web", 8080, "10.244.1.7@w2"))));
    for (int port = 1; port <= 4; port++) {
      pre(n, tcpTo(Ipv4Address.parse("10.96.0.20"), port, 80, ACK));
    }
    now += Duration.ofHours(1).toNanos();
    assertEquals(NatDecision.Verdict.ACCEPT, pre(n, tcpTo(Ipv4Address.parse("10.96.0.20"), 40000, 80, SYN)).verdict());
  }

  /** A new SYN on a tuple whose entry is in TIME_WAIT reuses the old DNAT even though that endpoint is gone. */
  @Test
  void aSynReopeningATimeWaitEntryIsDecidedAgain() {
    ServiceNat n = nat(iptables(), ConntrackConfig.KUBE_PROXY);
    Ipv4Address vip = Ipv4Address.parse("10.96.0.20");
    Ipv4Address ep = Ipv4Address.parse("10.244.1.7");
    n.sync(ProxyState.from(List.of(service("web", "10.96.0.20", 80, 8080).build()), List.of(slice("web", 8080, "10.244.1.7@w2"))));
    pre(n, tcpTo(vip, 40000, 80, SYN));
    Ipv4Packet back = Ipv4Packet.of(IpProtocol.TCP, ep, POD, 64, 1,
        TcpSegment.of(ep, POD, 8080, 40000, 1, 1, SYN | ACK, 1000, new byte[0], new byte[0]).toBytes());
    pre(n, back);
    pre(n, tcpTo(vip, 40000, 80, ACK));
    pre(n, tcpTo(vip, 40000, 80, FIN | ACK));
    pre(n, Ipv4Packet.of(IpProtocol.TCP, ep, POD, 64, 1,
        TcpSegment.of(ep, POD, 8080, 40000, 1, 1, FIN | ACK, 1000, new byte[0], new byte[0]).toBytes()));
    pre(n, tcpTo(vip, 40000, 80, ACK));
    n.sync(ProxyState.from(List.of(service("web", "10.96.0.20", 80, 8080).build()), List.of(slice("web", 8080, "10.244.2.9@w3"))));
    Ipv4Packet syn = pre(n, tcpTo(vip, 40000, 80, SYN)).packet();
    assertNotEquals(ep, syn.destination(), "the SYN went to the endpoint that is gone");
  }

  /** kube-proxy's CleanStaleEntries keeps only entries to *serving* endpoints; an unready one is still in the slice. */
  @Test
  void udpFlowsToAnEndpointThatStoppedServingAreForgotten() {
    ServiceNat n = nat(iptables(), ConntrackConfig.KUBE_PROXY);
    n.sync(ProxyState.from(List.of(udp("dns", "10.96.0.10")), List.of(slice("dns", 53, "10.244.1.7@w2", "10.244.2.7@w3"))));
    pre(n, udpTo(Ipv4Address.parse("10.96.0.10"), 5000, 53));
    n.sync(ProxyState.from(List.of(udp("dns", "10.96.0.10")), List.of(slice("dns", 53, "10.244.1.7@w2!", "10.244.2.7@w3!"))));
    n.sync(ProxyState.from(List.of(udp("dns", "10.96.0.10")), List.of(slice("dns", 53, "10.244.1.7@w2!", "10.244.2.7@w3"))));
    Ipv4Packet p = pre(n, udpTo(Ipv4Address.parse("10.96.0.10"), 5000, 53)).packet();
    assertEquals(Ipv4Address.parse("10.244.2.7"), p.destination());
  }

  /** iptables, ETP=Local, no local endpoint: kube-proxy writes '-d <lb ip> --dport 80 -j DROP'; here the packet passes untranslated. */
  @Test
  void externalTrafficToALoadBalancerIpWithoutLocalEndpointsIsDropped() {
    IptablesProxier p = iptables();
    Service lb = service("web", "10.96.0.20", 80, 8080).editSpec().withType("LoadBalancer").withExternalTrafficPolicy("Local")
        .editFirstPort().withNodePort(30080).endPort().endSpec()
        .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("192.0.2.10").endIngress().endLoadBalancer().endStatus().build();
    p.sync(ProxyState.from(List.of(lb), List.of(slice("web", 8080, "10.244.1.7@w2"))));
    NatDecision d = p.decide(new PacketContext(Ipv4Address.parse("203.0.113.9"), Ipv4Address.parse("192.0.2.10"), "tcp", 80, false, false), false);
    System.out.println(p.show());
    assertEquals(NatDecision.Verdict.DROP, d.verdict(), d.toString());
  }

  /** nftables: 'ip daddr @nodeport-ips' holds only the node IP, but any local address (cni0's) is matched. */
  @Test
  void nftablesNodePortsOnlyOnNodeportIps() {
    NftablesProxier p = new NftablesProxier("w1", NODE, CLUSTER, () -> now, new Random(1));
    Service np = service("web", "10.96.0.20", 80, 8080).editSpec().withType("NodePort").editFirstPort().withNodePort(30080).endPort()
        .endSpec().build();
    p.sync(ProxyState.from(List.of(np), List.of(slice("web", 8080, "10.244.1.7@w2"))));
    NatDecision d = p.decide(new PacketContext(POD, Ipv4Address.parse("10.244.0.1"), "tcp", 30080, false, true), false);
    assertEquals(NatDecision.UNTOUCHED, d);
  }
}
