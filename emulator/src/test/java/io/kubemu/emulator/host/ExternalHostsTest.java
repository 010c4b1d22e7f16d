package io.kubemu.emulator.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.kubemu.nodes.external.ExternalHost;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubemu.cluster.external-hosts: read whole, or refused with the entry and field named. */
class ExternalHostsTest {
  private static ClusterSettings settings(String hosts) {
    return ClusterSettings.from(ConfigFactory.parseString("kubemu.cluster.external-hosts = " + hosts)
        .withFallback(ConfigFactory.defaultReference()));
  }

  private static String refused(String hosts) {
    return assertThrows(IllegalArgumentException.class, () -> settings(hosts)).getMessage();
  }

  @Test
  void theDefaultsAreAnAgnhostThatShowsItsClientsAddressAndTheNameserverForItsName() {
    ClusterSettings s = ClusterSettings.from(ConfigFactory.defaultReference());
    assertEquals(List.of(new ExternalHost("example.com", Ipv4Address.parse("203.0.113.10"),
        "registry.k8s.io/e2e-test-images/agnhost:2.47", List.of("netexec", "--http-port=80")),
        new ExternalHost("dns.example", Ipv4Address.parse("203.0.113.53"), "ghcr.io/kubemu/dns-server:1.0",
            List.of("-zone=example.com", "-record=example.com=203.0.113.10", "-record=www.example.com=203.0.113.10"))),
        s.externalHosts());
  }

  @Test
  void hostsAreReadInOrderAndArgsMayBeLeftOut() {
    ClusterSettings s = settings("[{ name = a.example, address = \"198.51.100.1\", image = nginx },"
        + " { name = b, address = \"8.8.8.8\", image = \"hashicorp/http-echo\", args = [\"-text=hi\"] }]");
    assertEquals(List.of(new ExternalHost("a.example", Ipv4Address.parse("198.51.100.1"), "nginx", List.of()),
        new ExternalHost("b", Ipv4Address.parse("8.8.8.8"), "hashicorp/http-echo", List.of("-text=hi"))), s.externalHosts());
    assertEquals(List.of(), settings("[]").externalHosts());
  }

  @Test
  void anAddressInsideTheClustersOwnRangesIsRefused() {
    assertEquals("bad kubemu.cluster.external-hosts[0].address: 10.244.3.7 is inside the cluster CIDR 10.244.0.0/16 (expected:"
        + " an address outside cluster CIDR, node network, service CIDR, \"this\" network, loopback, link-local range,"
        + " multicast range, reserved range)", refused("[{ name = x, address = \"10.244.3.7\", image = nginx }]"));
    assertTrue(refused("[{ name = x, address = \"172.18.0.1\", image = nginx }]")
        .contains("172.18.0.1 is inside the node network 172.18.0.0/16"));
    assertTrue(refused("[{ name = x, address = \"10.96.0.10\", image = nginx }]")
        .contains("10.96.0.10 is inside the service CIDR 10.96.0.0/12"));
    assertTrue(refused("[{ name = x, address = \"127.0.0.1\", image = nginx }]").contains("inside the loopback 127.0.0.0/8"));
    assertTrue(refused("[{ name = x, address = \"169.254.1.1\", image = nginx }]").contains("inside the link-local range"));
    assertTrue(refused("[{ name = x, address = \"255.255.255.255\", image = nginx }]").contains("inside the reserved range"));
  }

  @Test
  void aBadAddressNameOrImageIsRefusedByField() {
    assertEquals("bad kubemu.cluster.external-hosts[0].address: '203.0.113' (expected: an IPv4 address such as 203.0.113.10)",
        refused("[{ name = x, address = \"203.0.113\", image = nginx }]"));
    assertEquals("bad kubemu.cluster.external-hosts[0].name: 'Example_Com' (expected: a lower-case DNS name such as example.com)",
        refused("[{ name = Example_Com, address = \"203.0.113.1\", image = nginx }]"));
    String image = refused("[{ name = x, address = \"203.0.113.1\", image = \"redis:7\" }]");
    assertTrue(image.startsWith("bad kubemu.cluster.external-hosts[0].image: 'redis:7': kubemu has no app for it (known: "), image);
    assertTrue(image.contains("agnhost"), image);
    assertEquals("bad kubemu.cluster.external-hosts[0].image: missing (expected: name, address and image are required)",
        refused("[{ name = x, address = \"203.0.113.1\" }]"));
    assertEquals("bad kubemu.cluster.external-hosts[0].args: \"-text=hi\" (expected: a list of strings)",
        refused("[{ name = x, address = \"203.0.113.1\", image = nginx, args = \"-text=hi\" }]"));
  }

  @Test
  void aDuplicateNameOrAddressAnUnknownFieldOrANonObjectIsRefused() {
    assertEquals("bad kubemu.cluster.external-hosts[1].name: 'x' is taken by kubemu.cluster.external-hosts[0] (expected: one"
        + " host per name)", refused("[{ name = x, address = \"203.0.113.1\", image = nginx },"
        + " { name = x, address = \"203.0.113.2\", image = nginx }]"));
    assertEquals("bad kubemu.cluster.external-hosts[1].address: 203.0.113.1 is taken by kubemu.cluster.external-hosts[0]"
        + " (expected: one host per address)", refused("[{ name = x, address = \"203.0.113.1\", image = nginx },"
        + " { name = y, address = \"203.0.113.1\", image = nginx }]"));
    assertEquals("bad kubemu.cluster.external-hosts[0]: unknown field [port] (expected: name, address, image, and optionally"
        + " args)", refused("[{ name = x, address = \"203.0.113.1\", image = nginx, port = 80 }]"));
    assertEquals("bad kubemu.cluster.external-hosts[0]: \"example.com\" (expected: an object { name, address, image, args })",
        refused("[\"example.com\"]"));
    assertTrue(refused("\"example.com\"").startsWith("bad kubemu.cluster.external-hosts: "));
  }
}
