package io.kubemu.protocols.addr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6AddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // RFC 5952 section 2.1: eight spellings of one address, one canonical form
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:0db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:db8::1:0:0:1, 2001:db8::1:0:0:1",
      "2001:db8::0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:0db8::1:0:0:1, 2001:db8::1:0:0:1",
      "2001:db8:0:0:1::1, 2001:db8::1:0:0:1",
      "2001:db8:0000:0:1::1, 2001:db8::1:0:0:1",
      "2001:DB8:0:0:1::1, 2001:db8::1:0:0:1",
      // RFC 5952 section 2.2: leading zeros dropped (section 4.1)
      "2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
      "2001:db8:aaaa:bbbb:cccc:dddd:eeee:001, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
      "2001:db8:aaaa:bbbb:cccc:dddd:eeee:01, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
      "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
      "2001:0db8::0001, 2001:db8::1",
      // RFC 5952 sections 2.3 and 4.2.2: a single zero group is not compressed
      "2001:db8:aaaa:bbbb:cccc:dddd::1, 2001:db8:aaaa:bbbb:cccc:dddd:0:1",
      "2001:db8:aaaa:bbbb:cccc:dddd:0:1, 2001:db8:aaaa:bbbb:cccc:dddd:0:1",
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
      // RFC 5952 section 4.2.1: shorten as much as possible
      "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
      "2001:db8::0:1, 2001:db8::1",
      // RFC 5952 section 4.2.3: the longest run, then the leftmost of equal runs
      "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "1:0:0:0:2:0:0:0, 1::2:0:0:0",
      "0:0:1:0:0:0:0:0, 0:0:1::",
      // RFC 5952 section 4.3: lowercase
      "2001:DB8::ABCD:EF, 2001:db8::abcd:ef",
      // RFC 4291 section 2.2: the preferred, compressed and mixed forms
      "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789, abcd:ef01:2345:6789:abcd:ef01:2345:6789",
      "2001:DB8:0:0:8:800:200C:417A, 2001:db8::8:800:200c:417a",
      "2001:DB8::8:800:200C:417A, 2001:db8::8:800:200c:417a",
      "FF01:0:0:0:0:0:0:101, ff01::101",
      "FF01::101, ff01::101",
      "0:0:0:0:0:0:0:1, ::1",
      "::1, ::1",
      "0:0:0:0:0:0:0:0, ::",
      "::, ::",
      "0:0:0:0:0:0:13.1.68.3, ::d01:4403",
      "::13.1.68.3, ::d01:4403",
      // IPv4-mapped addresses keep the mixed form (RFC 5952 section 5)
      "0:0:0:0:0:FFFF:129.144.52.38, ::ffff:129.144.52.38",
      "::FFFF:129.144.52.38, ::ffff:129.144.52.38",
      "::ffff:10.0.0.1, ::ffff:10.0.0.1",
      "::ffff:a00:1, ::ffff:10.0.0.1",
      "::ffff:0:0, ::ffff:0.0.0.0",
      // other embedded IPv4 prefixes are written in hex
      "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
      "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
      "1::1.2.3.4, 1::102:304",
      // edges: a run at either end, no run, all ones
      "1::, 1::",
      "1:0:0:0:0:0:0:0, 1::",
      "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
      "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      "fe80::1, fe80::1",
      "fd00:10:244:1::, fd00:10:244:1::",
  })
  void parsesEveryFormAndWritesTheCanonicalOne(String text, String canonical) {
    Ipv6Address a = Ipv6Address.parse(text);
    assertEquals(canonical, a.toString());
    assertEquals(a, Ipv6Address.parse(canonical));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", ":", ":::", "::::", "1:::2", "1::2::3", "::1::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8", "12345::", "g::", "::g", ":1::",
      "1::2:", "1:", ":1", "1:2:3:4:5:6:7:8:", "fe80::1%eth0", " ::1", "::1 ", "[::1]", "::1/64",
      "::ffff:10.0.0", "::ffff:10.0.0.256", "::ffff:010.0.0.1", "10.0.0.1::", "::10.0.0.1:1",
      "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4.5", "+1::", "-1::", "::-1", "0x1::", "\uff11::",
      "::\u0661.2.3.4", "1.2.3.4", "1:2:3:4:5:6:7:8:1.2.3.4", "1::2:3:4:5:6:7:1.2.3.4"})
  void rejectsBadTextNamingIt(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse(text));
    assertTrue(e.getMessage().startsWith("bad IPv6 address: '" + text + "' (expected: "), e.getMessage());
  }

  @Test
  void ipAddressParseDispatchesOnColon() {
    assertEquals(Ipv6Address.LOOPBACK, IpAddress.parse("::1"));
    assertEquals(Ipv4Address.of(10, 0, 0, 1), IpAddress.parse("10.0.0.1"));
  }

  @Test
  void encodesSixteenNetworkOrderBytes() {
    // 2001:db8::8:800:200c:417a from RFC 4291 section 2.2
    byte[] golden = {
        0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0,
        0, 0x08, 0x08, 0x00, 0x20, 0x0c, 0x41, 0x7a};
    Ipv6Address a = Ipv6Address.parse("2001:db8::8:800:200c:417a");
    assertEquals(0x2001_0db8_0000_0000L, a.high());
    assertEquals(0x0008_0800_200c_417aL, a.low());
    assertArrayEquals(golden, a.toBytes());
    ByteWriter w = new ByteWriter();
    a.encode(w);
    assertArrayEquals(golden, w.toByteArray());
    assertEquals(a, Ipv6Address.decode(new ByteReader(golden)));
    assertEquals(a, Ipv6Address.fromBytes(golden));
  }

  @Test
  void decodesInsideALargerBufferAndMovesPastSixteenBytes() {
    byte[] buf = new byte[20];
    buf[2] = (byte) 0xfe;
    buf[3] = (byte) 0x80;
    buf[17] = 1;
    ByteReader r = new ByteReader(buf, 2, 18);
    assertEquals(Ipv6Address.parse("fe80::1"), Ipv6Address.decode(r));
    assertEquals(18, r.position());
  }

  @Test
  void everyTruncationIsMalformed() {
    byte[] full = Ipv6Address.parse("2001:db8::1").toBytes();
    for (int len = 0; len < full.length; len++) {
      ByteReader r = new ByteReader(full, 0, len);
      assertThrows(MalformedPacketException.class, () -> Ipv6Address.decode(r), "length " + len);
    }
  }

  @Test
  void fromBytesRejectsOtherLengths() {
    assertThrows(IllegalArgumentException.class, () -> Ipv6Address.fromBytes(new byte[4]));
  }

  @Test
  void groupsAreMostSignificantFirst() {
    Ipv6Address a = Ipv6Address.parse("1:2:3:4:5:6:7:8");
    for (int i = 0; i < 8; i++) {
      assertEquals(i + 1, a.group(i));
    }
    assertThrows(IllegalArgumentException.class, () -> a.group(8));
    assertThrows(IllegalArgumentException.class, () -> a.group(-1));
  }

  @Test
  void ordersAsUnsigned128BitNumbers() {
    List<Ipv6Address> sorted = new ArrayList<>();
    for (String s : new String[] {"ffff::", "::", "8000::", "::1", "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "::8000:0:0:0", "::7fff:ffff:ffff:ffff"}) {
      sorted.add(Ipv6Address.parse(s));
    }
    sorted.sort(null);
    assertEquals("[::, ::1, ::7fff:ffff:ffff:ffff, ::8000:0:0:0, 7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 8000::, ffff::]",
        sorted.toString());
  }

  @Test
  void plusCarriesAndWraps() {
    assertEquals(Ipv6Address.parse("0:0:0:1::"), Ipv6Address.parse("::ffff:ffff:ffff:ffff").plus(1));
    assertEquals(Ipv6Address.parse("::ffff:ffff:ffff:ffff"), Ipv6Address.parse("0:0:0:1::").plus(-1));
    assertEquals(Ipv6Address.ANY, Ipv6Address.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").plus(1));
    assertEquals(Ipv6Address.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), Ipv6Address.ANY.plus(-1));
    assertEquals(Ipv6Address.parse("fd00::1:0"), Ipv6Address.parse("fd00::ffff").plus(1));
  }

  @Test
  void convertsToAndFromBigInteger() {
    Ipv6Address max = Ipv6Address.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assertEquals(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), max.toBigInteger());
    assertEquals(max, Ipv6Address.fromBigInteger(max.toBigInteger()));
    assertEquals(new BigInteger("20010db8000000000000000000000001", 16), Ipv6Address.parse("2001:db8::1").toBigInteger());
    assertThrows(IllegalArgumentException.class, () -> Ipv6Address.fromBigInteger(BigInteger.ONE.shiftLeft(128)));
    assertThrows(IllegalArgumentException.class, () -> Ipv6Address.fromBigInteger(BigInteger.ONE.negate()));
  }

  @Test
  void mapsIpv4Addresses() {
    Ipv6Address mapped = Ipv6Address.ipv4Mapped(Ipv4Address.of(10, 244, 1, 5));
    assertEquals("::ffff:10.244.1.5", mapped.toString());
    assertTrue(mapped.isIpv4Mapped());
    assertEquals(Ipv4Address.of(10, 244, 1, 5), mapped.lowIpv4());
    assertFalse(Ipv6Address.parse("::10.244.1.5").isIpv4Mapped());
    assertFalse(Ipv6Address.parse("1::ffff:10.244.1.5").isIpv4Mapped());
  }
}
