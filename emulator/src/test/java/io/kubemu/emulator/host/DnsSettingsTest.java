package io.kubemu.emulator.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.kubemu.nodes.agent.NodeDns;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubemu.cluster.dns: read into every node's kubelet settings, refused with the key and what it expects. */
class DnsSettingsTest {
  private static ClusterSettings settings(String overrides) {
    return ClusterSettings.from(ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference()));
  }

  private static String refused(String overrides) {
    return assertThrows(IllegalArgumentException.class, () -> settings(overrides)).getMessage();
  }

  @Test
  void theDefaultsReachEveryNode() {
    assertEquals(new NodeDns(Ipv4Address.parse("10.96.0.10"), "cluster.local", List.of(Ipv4Address.parse("203.0.113.53"))),
        settings("").node("w2", "h1").dns());
    NodeDns set = settings("kubemu.cluster.dns { cluster-ip = \"10.96.53.53\", domain = \"kubemu.test\","
        + " upstream = [\"192.0.2.53\", \"192.0.2.54\"] }").node("w1", "h1").dns();
    assertEquals(new NodeDns(Ipv4Address.parse("10.96.53.53"), "kubemu.test",
        List.of(Ipv4Address.parse("192.0.2.53"), Ipv4Address.parse("192.0.2.54"))), set);
  }

  @Test
  void theClusterIpIsAServiceAddress() {
    String expected = " (expected: an address of the service CIDR 10.96.0.0/12 other than its first, the kubernetes"
        + " Service's, such as 10.96.0.10)";
    assertEquals("bad kubemu.cluster.dns.cluster-ip: 10.0.0.10" + expected, refused("kubemu.cluster.dns.cluster-ip = 10.0.0.10"));
    assertEquals("bad kubemu.cluster.dns.cluster-ip: 10.96.0.1" + expected, refused("kubemu.cluster.dns.cluster-ip = 10.96.0.1"));
    assertEquals("bad kubemu.cluster.dns.cluster-ip: 10.111.255.255" + expected,
        refused("kubemu.cluster.dns.cluster-ip = 10.111.255.255"));
    assertEquals("bad kubemu.cluster.dns.cluster-ip: 'kube-dns'" + expected, refused("kubemu.cluster.dns.cluster-ip = kube-dns"));
    assertEquals(Ipv4Address.parse("192.168.0.10"), settings("kubemu.cluster.service-cidr = \"192.168.0.0/16\"").dns().clusterDns(),
        "left empty, it is the tenth address of the service CIDR, as kubeadm picks it");
    assertEquals(Ipv4Address.parse("192.168.53.53"), settings("kubemu.cluster { service-cidr = \"192.168.0.0/16\","
        + " dns.cluster-ip = \"192.168.53.53\" }").dns().clusterDns());
  }

  @Test
  void theDomainIsALowerCaseDnsName() {
    for (String bad : new String[] {"Cluster.Local", "cluster.local.", "", "-x.local", "a..b"}) {
      assertEquals("bad kubemu.cluster.dns.domain: '" + bad + "' (expected: a lower-case DNS name without a final dot,"
          + " such as cluster.local)", refused("kubemu.cluster.dns.domain = \"" + bad + "\""), bad);
    }
  }

  @Test
  void upstreamIsOneToThreeAddresses() {
    assertEquals("bad kubemu.cluster.dns.upstream: 0 addresses (expected: 1 to 3, the nameservers of the nodes' resolv.conf)",
        refused("kubemu.cluster.dns.upstream = []"));
    assertEquals("bad kubemu.cluster.dns.upstream: 4 addresses (expected: 1 to 3, the nameservers of the nodes' resolv.conf)",
        refused("kubemu.cluster.dns.upstream = [\"192.0.2.1\", \"192.0.2.2\", \"192.0.2.3\", \"192.0.2.4\"]"));
    assertEquals("bad kubemu.cluster.dns.upstream[1]: 'dns.google' (expected: an IPv4 address such as 203.0.113.53)",
        refused("kubemu.cluster.dns.upstream = [\"192.0.2.1\", \"dns.google\"]"));
    assertEquals("bad kubemu.cluster.dns.upstream: \"8.8.8.8\" (expected: a list of IPv4 addresses, such as [\"203.0.113.53\"])",
        refused("kubemu.cluster.dns.upstream = \"8.8.8.8\""));
  }
}
