package io.kubemu.protocols.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The formats the networking kinds add: CIDRs as Go's ParseCIDR reads them, percentages, wildcard hosts. */
class NetworkFormatsTest {

  @Test
  void cidrsMayHaveHostBitsSetLikeGo() {
    assertEquals("10.0.0.0/8", Formats.parseCidr("10.1.2.3/8").orElseThrow().toString());
    assertEquals(List.of(), Formats.cidr("2001:db8::/64"));
    for (String bad : List.of("10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "x/8", "fd00::/129", "/8")) {
      assertEquals(List.of("must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"), Formats.cidr(bad), bad);
    }
  }

  @Test
  void percentages() {
    assertEquals(List.of(), Formats.percent("25%"));
    assertTrue(!Formats.percent("25").isEmpty());
    assertTrue(!Formats.percent("-5%").isEmpty());
  }

  @Test
  void wildcardSubdomains() {
    assertEquals(List.of(), Formats.wildcardDns1123Subdomain("*.example.com"));
    assertEquals(1, Formats.wildcardDns1123Subdomain("*").size());
    assertEquals(1, Formats.wildcardDns1123Subdomain("a.*.com").size());
  }

  @Test
  void addressFamilies() {
    assertEquals(List.of(), Formats.ipv4("10.0.0.1"));
    assertEquals(List.of("must be a valid IPv4 address"), Formats.ipv4("fd00::1"));
    assertEquals(List.of("must be a valid IPv6 address"), Formats.ipv6("10.0.0.1"));
  }
}
