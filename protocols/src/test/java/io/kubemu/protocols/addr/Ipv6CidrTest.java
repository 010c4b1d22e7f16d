package io.kubemu.protocols.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6CidrTest {
  private static final Ipv6Cidr CLUSTER = Ipv6Cidr.parse("fd00:10:244::/56");
  private static final Ipv6Cidr ALL = Ipv6Cidr.parse("::/0");

  private static Ipv6Address ip(String text) {
    return Ipv6Address.parse(text);
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2001:db8::/32", "fd00:10:244::/56", "::/0", "::1/128", "fe80::/10", "fd00:10:96::/112",
      "2001:db8::/127", "8000::/1"})
  void parsesAndPrintsTheSameText(String text) {
    assertEquals(text, Ipv6Cidr.parse(text).toString());
    assertEquals(text, Cidr.parse(text).toString());
  }

  @Test
  void printsTheNetworkInCanonicalForm() {
    assertEquals("2001:db8::/32", Ipv6Cidr.parse("2001:0DB8:0:0:0:0:0:0/32").toString());
  }

  @Test
  void rejectsHostBitsNamingTheExpectedNetwork() {
    assertEquals("bad CIDR: '2001:db8::1/64' has host bits set (expected: 2001:db8::/64)",
        message(() -> Ipv6Cidr.parse("2001:db8::1/64")));
    assertEquals("bad CIDR: 'fe80::1/10' has host bits set (expected: fe80::/10)", message(() -> Ipv6Cidr.parse("fe80::1/10")));
    assertEquals("bad CIDR: 'fd00:10:244:1::/56' has host bits set (expected: fd00:10:244::/56)",
        message(() -> Ipv6Cidr.parse("fd00:10:244:1::/56")));
    assertEquals("bad CIDR: '::1/127' has host bits set (expected: ::/127)", message(() -> new Ipv6Cidr(ip("::1"), 127)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "2001:db8::", "2001:db8::/", "2001:db8::/129", "2001:db8:::/32", "2001:db8::/064",
      "2001:db8::/-1", "2001:db8::/32/1", "10.0.0.0/8", "2001:db8::%eth0/32", "[2001:db8::]/32", "2001:db8::/32 "})
  void rejectsBadTextNamingIt(String text) {
    String m = message(() -> Ipv6Cidr.parse(text));
    assertTrue(m.startsWith("bad CIDR: '" + text + "'"), m);
  }

  @Test
  void rejectsAPrefixOutOfRange() {
    assertEquals("bad CIDR: '::/129' has prefix length 129 (expected: 0..128)", message(() -> Ipv6Cidr.parse("::/129")));
    assertEquals("bad prefix length: 129 (expected: 0..128)", message(() -> new Ipv6Cidr(Ipv6Address.ANY, 129)));
    assertEquals("bad prefix length: -1 (expected: 0..128)", message(() -> Ipv6Cidr.containing(Ipv6Address.ANY, -1)));
  }

  @Test
  void containsAtTheHalfBoundaries() {
    Ipv6Cidr p63 = Ipv6Cidr.parse("2001:db8:0:0::/63");
    Ipv6Cidr p64 = Ipv6Cidr.parse("2001:db8:0:1::/64");
    Ipv6Cidr p65 = Ipv6Cidr.parse("2001:db8:0:1:8000::/65");
    assertTrue(p63.contains(ip("2001:db8:0:1:ffff:ffff:ffff:ffff")));
    assertFalse(p63.contains(ip("2001:db8:0:2::")));
    assertTrue(p64.contains(ip("2001:db8:0:1::")));
    assertFalse(p64.contains(ip("2001:db8:0:0:ffff:ffff:ffff:ffff")));
    assertTrue(p65.contains(ip("2001:db8:0:1:ffff::1")));
    assertFalse(p65.contains(ip("2001:db8:0:1:7fff:ffff:ffff:ffff")));
    assertTrue(ALL.contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    assertTrue(Ipv6Cidr.parse("::1/128").contains(Ipv6Address.LOOPBACK));
    assertFalse(Ipv6Cidr.parse("::1/128").contains(Ipv6Address.ANY));
    assertFalse(ALL.contains(Ipv4Address.ANY));
  }

  @Test
  void containsAndOverlapsBlocks() {
    Ipv6Cidr node = Ipv6Cidr.parse("fd00:10:244:3::/64");
    assertTrue(CLUSTER.contains(node));
    assertFalse(node.contains(CLUSTER));
    assertTrue(node.overlaps(CLUSTER) && CLUSTER.overlaps(node));
    assertFalse(CLUSTER.overlaps(Ipv6Cidr.parse("fd00:10:245::/56")));
    assertFalse(ALL.overlaps(Ipv4Cidr.parse("0.0.0.0/0")));
  }

  @ParameterizedTest(name = "{0}: last {1}, first host {2}, last host {3}")
  @CsvSource({
      "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db8::1, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
      "fd00:10:244:1::/64, fd00:10:244:1:ffff:ffff:ffff:ffff, fd00:10:244:1::1, fd00:10:244:1:ffff:ffff:ffff:ffff",
      "::/0, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ::1, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      "fd00::/126, fd00::3, fd00::1, fd00::3",
      // RFC 6164: both addresses of a /127 point-to-point link are hosts
      "2001:db8::/127, 2001:db8::1, 2001:db8::, 2001:db8::1",
      "::1/128, ::1, ::1, ::1"})
  void lastAddressAndHosts(String text, String last, String firstHost, String lastHost) {
    Ipv6Cidr c = Ipv6Cidr.parse(text);
    assertEquals(ip(last), c.lastAddress());
    assertEquals(ip(firstHost), c.firstHost());
    assertEquals(ip(lastHost), c.lastHost());
  }

  @Test
  void sizeIsExact() {
    assertEquals(BigInteger.ONE.shiftLeft(128), ALL.size());
    assertEquals(BigInteger.ONE.shiftLeft(64), Ipv6Cidr.parse("fd00::/64").size());
    assertEquals(BigInteger.valueOf(65536), Ipv6Cidr.parse("fd00:10:96::/112").size());
    assertEquals(BigInteger.ONE, Ipv6Cidr.parse("::1/128").size());
  }

  @Test
  void splitsAClusterCidrIntoNodeCidrs() {
    assertEquals(256, CLUSTER.subnetCount(64));
    assertEquals(1, CLUSTER.subnetCount(56));
    assertEquals(1L << 62, ALL.subnetCount(62));
    assertEquals(Ipv6Cidr.parse("fd00:10:244::/64"), CLUSTER.subnet(64, 0));
    assertEquals(Ipv6Cidr.parse("fd00:10:244:3::/64"), CLUSTER.subnet(64, 3));
    assertEquals(Ipv6Cidr.parse("fd00:10:244:ff::/64"), CLUSTER.subnet(64, 255));
    assertEquals(Ipv6Cidr.parse("2001:db8:abcd::/48"), Ipv6Cidr.parse("2001:db8::/32").subnet(48, 0xabcd));
    assertEquals(Ipv6Cidr.parse("0:0:0:5::/64"), ALL.subnet(64, 5));
    assertEquals(Ipv6Cidr.parse("::7fff:ffff:ffff:ffff/128"), ALL.subnet(128, Long.MAX_VALUE));
    assertEquals(Ipv6Cidr.parse("fffe::/16"), ALL.subnet(16, 0xfffe));
    for (long i = 0; i < 256; i++) {
      Ipv6Cidr node = CLUSTER.subnet(64, i);
      assertTrue(CLUSTER.contains(node));
      assertEquals(ip("fd00:10:244:" + Long.toHexString(i) + "::"), node.network());
    }
  }

  @Test
  void rejectsSubnetsOutOfRange() {
    assertEquals("bad /64 subnet index: 256 (expected: 0..255 in fd00:10:244::/56)", message(() -> CLUSTER.subnet(64, 256)));
    assertEquals("bad /64 subnet index: -1 (expected: 0..255 in fd00:10:244::/56)", message(() -> CLUSTER.subnet(64, -1)));
    assertEquals("bad /128 subnet index: -1 (expected: >= 0 in ::/0)", message(() -> ALL.subnet(128, -1)));
    assertEquals("bad subnet prefix length: 48 (expected: 56..128 for fd00:10:244::/56)", message(() -> CLUSTER.subnet(48, 0)));
    assertEquals("bad subnet prefix length: 129 (expected: 56..128 for fd00:10:244::/56)", message(() -> CLUSTER.subnetCount(129)));
    assertEquals("bad subnet prefix length: 63 (expected: at most 62 for ::/0, so that the count fits a long)",
        message(() -> ALL.subnetCount(63)));
  }

  @Test
  void addressesByIndex() {
    Ipv6Cidr node = Ipv6Cidr.parse("fd00:10:244:1::/64");
    assertEquals(ip("fd00:10:244:1::"), node.address(0));
    assertEquals(ip("fd00:10:244:1::1234"), node.address(0x1234));
    assertEquals(ip("fd00:10:244:1:7fff:ffff:ffff:ffff"), node.address(Long.MAX_VALUE));
    Ipv6Cidr services = Ipv6Cidr.parse("fd00:10:96::/120");
    assertEquals(ip("fd00:10:96::ff"), services.address(255));
    assertEquals("bad address index: 256 (expected: 0..255 in fd00:10:96::/120)", message(() -> services.address(256)));
    assertEquals("bad address index: -1 (expected: >= 0 in fd00:10:244:1::/64)", message(() -> node.address(-1)));
    assertEquals("bad address index: 1 (expected: 0..0 in ::1/128)", message(() -> Ipv6Cidr.parse("::1/128").address(1)));
  }

  @Test
  void containingMasksTheHostBits() {
    Ipv6Address a = ip("fd00:10:244:1:abcd:ef01:2345:6789");
    assertEquals(Ipv6Cidr.parse("fd00:10:244:1::/64"), Ipv6Cidr.containing(a, 64));
    assertEquals(Ipv6Cidr.parse("fd00:10:244::/56"), Ipv6Cidr.containing(a, 56));
    assertEquals(Ipv6Cidr.parse("fd00:10:244:1:abcd:ef01:2345:6788/127"), Ipv6Cidr.containing(a, 127));
    assertEquals(Ipv6Cidr.parse("fd00:10:244:1:8000::/65"), Ipv6Cidr.containing(a, 65));
    assertEquals(ALL, Ipv6Cidr.containing(a, 0));
    assertEquals(a, Ipv6Cidr.containing(a, 128).network());
  }

  @Test
  void randomBlocksAgreeWithBigIntegerArithmetic() {
    Random rnd = new Random(4291);
    for (int i = 0; i < 3_000; i++) {
      Ipv6Address a = new Ipv6Address(rnd.nextLong(), rnd.nextLong());
      int prefix = i % 129;
      Ipv6Cidr c = Ipv6Cidr.containing(a, prefix);
      BigInteger first = c.network().toBigInteger();
      BigInteger last = c.lastAddress().toBigInteger();
      int hostBits = 128 - prefix;
      assertEquals(a.toBigInteger().shiftRight(hostBits).shiftLeft(hostBits), first);
      assertEquals(c.size(), last.subtract(first).add(BigInteger.ONE));
      assertTrue(c.contains(a) && c.contains(c.lastAddress()));
      Ipv6Address b = new Ipv6Address(rnd.nextBoolean() ? a.high() : rnd.nextLong(), rnd.nextLong());
      boolean inside = b.toBigInteger().compareTo(first) >= 0 && b.toBigInteger().compareTo(last) <= 0;
      assertEquals(inside, c.contains(b), c + " contains " + b);
      assertEquals(c, Ipv6Cidr.parse(c.toString()));
      long index = rnd.nextLong() & Long.MAX_VALUE;
      if (hostBits < 63) {
        index %= 1L << hostBits;
      }
      assertEquals(first.add(BigInteger.valueOf(index)), c.address(index).toBigInteger());
      int newPrefix = prefix + rnd.nextInt(Math.min(62, 128 - prefix) + 1);
      long sub = (rnd.nextLong() & Long.MAX_VALUE) % c.subnetCount(newPrefix);
      BigInteger expected = first.add(BigInteger.valueOf(sub).shiftLeft(128 - newPrefix));
      assertEquals(expected, c.subnet(newPrefix, sub).network().toBigInteger());
    }
  }
}
