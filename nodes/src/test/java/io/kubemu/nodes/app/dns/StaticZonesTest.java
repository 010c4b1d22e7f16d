package io.kubemu.nodes.app.dns;

import static io.kubemu.nodes.app.dns.DnsFixtures.answer;
import static io.kubemu.nodes.app.dns.DnsFixtures.query;
import static io.kubemu.nodes.app.dns.DnsFixtures.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** An authoritative server's answers: data with AA, NODATA and NXDOMAIN with the SOA, REFUSED outside its zones. */
class StaticZonesTest {
  private static final String SOA = "example.com. 300 SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300";

  private static Record record(String text) {
    try {
      return Record.fromString(Name.root, Type.value(text.split(" ")[1]), DClass.IN, 300, text.substring(text.indexOf(' ', text
          .indexOf(' ') + 1) + 1), Name.root);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** A record written "name TYPE rdata". */
  private static Record owned(String text) {
    Record r = record(text);
    return r.withName(Name.fromConstantString(text.split(" ")[0]));
  }

  private static final StaticZones ZONES = new StaticZones(List.of(DnsNames.zone("example.com")), List.of(
      owned("example.com. A 203.0.113.10"),
      owned("www.example.com. A 203.0.113.10"),
      owned("v6.example.com. AAAA 2001:db8::10"),
      owned("alias.example.com. CNAME www.example.com."),
      owned("out.example.com. CNAME www.example.org."),
      owned("dangling.example.com. CNAME nope.example.com."),
      owned("ns1.example.com. A 203.0.113.53"),
      owned("a.b.example.com. TXT hello")), 300);

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      example.com           | A     | NOERROR  | example.com. 300 A 203.0.113.10
      WWW.Example.COM       | A     | NOERROR  | WWW.Example.COM. 300 A 203.0.113.10
      www.example.com       | AAAA  | NOERROR  |
      v6.example.com        | AAAA  | NOERROR  | v6.example.com. 300 AAAA 2001:db8:0:0:0:0:0:10
      nope.example.com      | A     | NXDOMAIN |
      b.example.com         | A     | NOERROR  |
      a.b.example.com       | TXT   | NOERROR  | a.b.example.com. 300 TXT hello
      alias.example.com     | A     | NOERROR  | alias.example.com. 300 CNAME www.example.com.; www.example.com. 300 A 203.0.113.10
      alias.example.com     | CNAME | NOERROR  | alias.example.com. 300 CNAME www.example.com.
      out.example.com       | A     | NOERROR  | out.example.com. 300 CNAME www.example.org.
      dangling.example.com  | A     | NXDOMAIN | dangling.example.com. 300 CNAME nope.example.com.
      example.com           | SOA   | NOERROR  | example.com. 300 SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300
      example.com           | NS    | NOERROR  | example.com. 300 NS ns1.example.com.
      ns1.example.com       | A     | NOERROR  | ns1.example.com. 300 A 203.0.113.53
      """)
  void answersWhatItHolds(String name, String type, String rcode, String answers) {
    Message reply = ZONES.answer(query(name, type));
    List<String> expected = answers == null ? List.of() : Arrays.stream(answers.split(";")).map(String::trim).sorted().toList();
    assertEquals(rcode, Rcode.string(reply.getRcode()));
    assertTrue(reply.getHeader().getFlag(Flags.AA));
    assertFalse(reply.getHeader().getFlag(Flags.RA), "an authoritative server does not recurse");
    assertEquals(expected, answer(reply));
    boolean data = expected.stream().anyMatch(a -> !a.contains(" CNAME ") || type.equals("CNAME"))
        || expected.stream().anyMatch(a -> a.contains("example.org"));
    assertEquals(data ? List.of() : List.of(SOA), section(reply, Section.AUTHORITY), "negative answers carry the SOA");
  }

  @Test
  void namesOutsideItsZonesAndTransfersAreRefused() {
    for (Message q : List.of(query("www.example.org", "A"), query("example.com", "AXFR"), query("com", "NS"))) {
      Message reply = ZONES.answer(q);
      assertEquals(Rcode.REFUSED, reply.getRcode(), q.toString());
      assertFalse(reply.getHeader().getFlag(Flags.AA));
      assertEquals(List.of(), answer(reply));
    }
  }

  @Test
  void anyGivesEveryRecordOfTheName() {
    assertEquals(List.of("example.com. 300 A 203.0.113.10", "example.com. 300 NS ns1.example.com.", SOA),
        answer(ZONES.answer(query("example.com", "ANY"))));
  }

  @Test
  void aRecordOutsideEveryZoneIsRefusedAtStart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StaticZones(
        List.of(DnsNames.zone("example.com")), List.of(owned("www.example.org. A 1.2.3.4")), 300));
    assertTrue(e.getMessage().contains("record www.example.org. is outside every zone [example.com.]"), e.getMessage());
  }
}
