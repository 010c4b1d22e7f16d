package io.kubemu.nodes.app.dns.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Record data as inet_ntop and BIND write it. */
class PresentationTest {
  private static String ipv6(String text) throws Exception {
    return Presentation.ipv6(InetAddress.getByName(text).getAddress());
  }

  @Test
  void ipv6AsInetNtopWritesIt() throws Exception {
    assertEquals("2001:db8::1", ipv6("2001:db8:0:0:0:0:0:1"));
    assertEquals("::1", ipv6("::1"));
    assertEquals("::", ipv6("::"));
    assertEquals("2001:db8::", ipv6("2001:db8:0:0:0:0:0:0"));
    assertEquals("2001:db8::1:0:0:1", ipv6("2001:db8:0:0:1:0:0:1"), "the first of two runs as long");
    assertEquals("1:0:2:0:3:0:4:0", ipv6("1:0:2:0:3:0:4:0"), "a single zero group is not compressed");
    assertEquals("fd00:10:96::a", ipv6("fd00:10:96:0:0:0:0:a"));
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    mapped[12] = 10;
    mapped[15] = 1;
    assertEquals("::ffff:10.0.0.1", Presentation.ipv6(mapped), "Java would read the mapped form as IPv4");
  }

  @Test
  void txtStringsAreAlwaysQuoted() throws Exception {
    Record r = Record.fromString(Name.fromString("t.example."), Type.TXT, DClass.IN, 30, "\"a \\\"b\\\"\" plain \"\\\\\"",
        Name.root);
    assertEquals("\"a \\\"b\\\"\" \"plain\" \"\\\\\"", Presentation.rdata(r));
    assertEquals("\"tab\\009\\255\"", Presentation.quoted("tab\t\u00ff".getBytes(StandardCharsets.ISO_8859_1)));
    Record a = Record.fromString(Name.fromString("a.example."), Type.A, DClass.IN, 30, "10.96.0.20", Name.root);
    assertEquals("10.96.0.20", Presentation.rdata(a));
  }
}
