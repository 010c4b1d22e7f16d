package io.kubemu.protocols.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The apimachinery string formats, on the examples from its own tests. */
class FormatsTest {

  @Test
  void dns1123Labels() {
    for (String ok : List.of("a", "ab", "a-b", "0", "a".repeat(63), "1-2")) {
      assertEquals(List.of(), Formats.dns1123Label(ok), ok);
    }
    for (String bad : List.of("", "A", "-a", "a-", "a_b", "a.b", "a".repeat(64))) {
      assertTrue(!Formats.dns1123Label(bad).isEmpty(), bad);
    }
    assertEquals(List.of("must be no more than 63 characters"), Formats.dns1123Label("a".repeat(64)));
  }

  @Test
  void dns1123Subdomains() {
    assertEquals(List.of(), Formats.dns1123Subdomain("db.shop.svc.cluster.local"));
    assertEquals(1, Formats.dns1123Subdomain("a..b").size());
    assertEquals(2, Formats.dns1123Subdomain("A".repeat(254)).size());
  }

  @Test
  void qualifiedNames() {
    for (String ok : List.of("app", "app.kubernetes.io/name", "MyName", "my.name", "123-abc", "a/b")) {
      assertEquals(List.of(), Formats.qualifiedName(ok), ok);
    }
    assertEquals(List.of("prefix part must be non-empty"), Formats.qualifiedName("/name"));
    assertEquals(List.of("name part must be non-empty", "name part must consist of alphanumeric characters, '-', '_'"
        + " or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
        + " '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        Formats.qualifiedName("example.com/"));
    assertTrue(Formats.qualifiedName("a/b/c").get(0).startsWith("a qualified name must consist of"));
  }

  @Test
  void labelValues() {
    assertEquals(List.of(), Formats.labelValue(""));
    assertEquals(List.of(), Formats.labelValue("v1.2_beta-3"));
    assertEquals(1, Formats.labelValue("-x").size());
  }

  @Test
  void portNames() {
    assertEquals(List.of(), Formats.portName("http-alt"));
    assertEquals(List.of("must contain at least one letter (a-z)"), Formats.portName("8080"));
    assertEquals(List.of("must not contain consecutive hyphens"), Formats.portName("a--b"));
    assertEquals(List.of("must not begin or end with a hyphen"), Formats.portName("http-"));
    assertEquals(List.of("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"), Formats.portName("Http"));
  }

  @Test
  void ipAddresses() {
    assertEquals(List.of(), Formats.ip("10.0.0.1"));
    assertEquals(List.of(), Formats.ip("2001:db8::1"));
    assertEquals(1, Formats.ip("10.0.0").size());
  }
}
