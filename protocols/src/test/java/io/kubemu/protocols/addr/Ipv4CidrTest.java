package io.kubemu.protocols.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {
  private static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");

  private static Ipv4Address ip(String text) {
    return Ipv4Address.parse(text);
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.244.0.0/16", "0.0.0.0/0", "10.244.1.5/32", "192.168.0.0/31", "128.0.0.0/1", "10.96.0.0/12"})
  void parsesAndPrintsTheSameText(String text) {
    assertEquals(text, Ipv4Cidr.parse(text).toString());
    assertEquals(text, Cidr.parse(text).toString());
  }

  @Test
  void rejectsHostBitsNamingTheExpectedNetwork() {
    assertEquals("bad CIDR: '10.244.1.5/24' has host bits set (expected: 10.244.1.0/24)",
        message(() -> Ipv4Cidr.parse("10.244.1.5/24")));
    assertEquals("bad CIDR: '10.244.1.0/16' has host bits set (expected: 10.244.0.0/16)",
        message(() -> Ipv4Cidr.parse("10.244.1.0/16")));
    assertEquals("bad CIDR: '1.0.0.0/0' has host bits set (expected: 0.0.0.0/0)", message(() -> Ipv4Cidr.parse("1.0.0.0/0")));
    assertEquals("bad CIDR: '10.244.1.5/24' has host bits set (expected: 10.244.1.0/24)",
        message(() -> new Ipv4Cidr(ip("10.244.1.5"), 24)));
  }

  @Test
  void rejectsAPrefixOutOfRange() {
    assertEquals("bad CIDR: '10.244.0.0/33' has prefix length 33 (expected: 0..32)", message(() -> Ipv4Cidr.parse("10.244.0.0/33")));
    assertEquals("bad prefix length: -1 (expected: 0..32)", message(() -> new Ipv4Cidr(Ipv4Address.ANY, -1)));
    assertEquals("bad prefix length: 33 (expected: 0..32)", message(() -> Ipv4Cidr.containing(Ipv4Address.ANY, 33)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "10.244.0.0", "10.244.0.0/", "/16", "10.244.0.0/-1", "10.244.0.0/+8", "10.244.0.0/08",
      "10.244.0.0/16/1", "10.244.0.0 /16", "10.244.0.0/ 16", "10.244.0/16", "10.244.0.256/24", "10.244.0.0/1000",
      "10.244.0.0/\u0967\u096c", "10.244.0.0/0x10", "10.244.0.0/16 "})
  void rejectsBadTextNamingIt(String text) {
    String m = message(() -> Ipv4Cidr.parse(text));
    assertTrue(m.startsWith("bad CIDR: '" + text + "'"), m);
  }

  @Test
  void containsAddressesOfTheBlockOnly() {
    assertTrue(CLUSTER.contains(ip("10.244.0.0")));
    assertTrue(CLUSTER.contains(ip("10.244.255.255")));
    assertTrue(CLUSTER.contains(ip("10.244.7.3")));
    assertFalse(CLUSTER.contains(ip("10.245.0.0")));
    assertFalse(CLUSTER.contains(ip("10.243.255.255")));
    assertFalse(CLUSTER.contains(Ipv6Address.parse("::ffff:10.244.0.1")));
    assertTrue(Ipv4Cidr.parse("0.0.0.0/0").contains(Ipv4Address.BROADCAST));
    assertTrue(Ipv4Cidr.parse("0.0.0.0/0").contains(Ipv4Address.ANY));
    assertTrue(Ipv4Cidr.parse("10.0.0.9/32").contains(ip("10.0.0.9")));
    assertFalse(Ipv4Cidr.parse("10.0.0.9/32").contains(ip("10.0.0.8")));
    assertTrue(Ipv4Cidr.parse("128.0.0.0/1").contains(ip("200.1.1.1")));
    assertFalse(Ipv4Cidr.parse("128.0.0.0/1").contains(ip("127.255.255.255")));
  }

  @Test
  void containsAndOverlapsBlocks() {
    Ipv4Cidr node = Ipv4Cidr.parse("10.244.2.0/24");
    Ipv4Cidr enclosing = Ipv4Cidr.parse("10.0.0.0/8");
    Ipv4Cidr disjoint = Ipv4Cidr.parse("10.245.0.0/16");
    assertTrue(CLUSTER.contains(node));
    assertTrue(CLUSTER.contains(CLUSTER));
    assertFalse(CLUSTER.contains(enclosing));
    assertFalse(CLUSTER.contains(disjoint));
    assertTrue(CLUSTER.overlaps(node) && node.overlaps(CLUSTER));
    assertTrue(CLUSTER.overlaps(enclosing) && enclosing.overlaps(CLUSTER));
    assertTrue(CLUSTER.overlaps(CLUSTER));
    assertFalse(CLUSTER.overlaps(disjoint) || disjoint.overlaps(CLUSTER));
    assertFalse(Ipv4Cidr.parse("10.0.0.0/25").overlaps(Ipv4Cidr.parse("10.0.0.128/25")));
    assertFalse(Ipv4Cidr.parse("0.0.0.0/0").contains(Ipv6Cidr.parse("::/0")));
    assertFalse(Ipv4Cidr.parse("0.0.0.0/0").overlaps(Ipv6Cidr.parse("::/0")));
  }

  @ParameterizedTest(name = "{0}: size {1}, netmask {2}")
  @CsvSource({
      "0.0.0.0/0, 4294967296, 0.0.0.0",
      "10.96.0.0/12, 1048576, 255.240.0.0",
      "10.244.0.0/16, 65536, 255.255.0.0",
      "10.244.2.0/23, 512, 255.255.254.0",
      "10.244.1.0/24, 256, 255.255.255.0",
      "10.0.0.6/31, 2, 255.255.255.254",
      "10.0.0.9/32, 1, 255.255.255.255"})
  void sizeAndNetmask(String text, long size, String netmask) {
    Ipv4Cidr c = Ipv4Cidr.parse(text);
    assertEquals(size, c.size());
    assertEquals(ip(netmask), c.netmask());
  }

  @ParameterizedTest(name = "{0}: hosts {1}..{2}, broadcast {3}")
  @CsvSource({
      "10.244.1.0/24, 10.244.1.1, 10.244.1.254, 10.244.1.255, 10.244.1.255, 254",
      "10.0.0.4/30, 10.0.0.5, 10.0.0.6, 10.0.0.7, 10.0.0.7, 2",
      // RFC 3021: both addresses of a /31 are hosts, and only the limited broadcast remains
      "10.0.0.6/31, 10.0.0.6, 10.0.0.7, 10.0.0.7, 255.255.255.255, 2",
      "10.0.0.9/32, 10.0.0.9, 10.0.0.9, 10.0.0.9, 255.255.255.255, 1",
      "0.0.0.0/0, 0.0.0.1, 255.255.255.254, 255.255.255.255, 255.255.255.255, 4294967294"})
  void hostsAndBroadcast(String text, String first, String last, String lastAddress, String broadcast, long hosts) {
    Ipv4Cidr c = Ipv4Cidr.parse(text);
    assertEquals(ip(first), c.firstHost());
    assertEquals(ip(last), c.lastHost());
    assertEquals(ip(lastAddress), c.lastAddress());
    assertEquals(ip(broadcast), c.broadcast());
    assertEquals(hosts, c.hostCount());
  }

  @Test
  void splitsAClusterCidrIntoNodeCidrs() {
    assertEquals(256, CLUSTER.subnetCount(24));
    assertEquals(1, CLUSTER.subnetCount(16));
    assertEquals(65536, CLUSTER.subnetCount(32));
    assertEquals(1L << 32, Ipv4Cidr.parse("0.0.0.0/0").subnetCount(32));
    assertEquals(Ipv4Cidr.parse("10.244.0.0/24"), CLUSTER.subnet(24, 0));
    assertEquals(Ipv4Cidr.parse("10.244.2.0/24"), CLUSTER.subnet(24, 2));
    assertEquals(Ipv4Cidr.parse("10.244.255.0/24"), CLUSTER.subnet(24, 255));
    assertEquals(Ipv4Cidr.parse("10.244.128.0/17"), CLUSTER.subnet(17, 1));
    assertEquals(Ipv4Cidr.parse("10.244.1.64/26"), CLUSTER.subnet(26, 5));
    assertEquals(CLUSTER, CLUSTER.subnet(16, 0));
    assertEquals(Ipv4Cidr.parse("10.0.0.0/8"), Ipv4Cidr.parse("0.0.0.0/0").subnet(8, 10));
    assertEquals(Ipv4Cidr.parse("255.255.255.255/32"), Ipv4Cidr.parse("0.0.0.0/0").subnet(32, 0xFFFF_FFFFL));
    List<Ipv4Cidr> nodes = new ArrayList<>();
    for (long i = 0; i < CLUSTER.subnetCount(24); i++) {
      nodes.add(CLUSTER.subnet(24, i));
    }
    for (int i = 0; i < nodes.size(); i++) {
      assertTrue(CLUSTER.contains(nodes.get(i)));
      assertEquals(ip("10.244." + i + ".0"), nodes.get(i).network());
      if (i > 0) {
        assertFalse(nodes.get(i).overlaps(nodes.get(i - 1)));
        assertEquals(nodes.get(i - 1).lastAddress().plus(1), nodes.get(i).network());
      }
    }
    assertEquals(CLUSTER.lastAddress(), nodes.get(255).lastAddress());
  }

  @Test
  void rejectsSubnetsOutOfRange() {
    assertEquals("bad /24 subnet index: 256 (expected: 0..255 in 10.244.0.0/16)", message(() -> CLUSTER.subnet(24, 256)));
    assertEquals("bad /24 subnet index: -1 (expected: 0..255 in 10.244.0.0/16)", message(() -> CLUSTER.subnet(24, -1)));
    assertEquals("bad /16 subnet index: 1 (expected: 0..0 in 10.244.0.0/16)", message(() -> CLUSTER.subnet(16, 1)));
    assertEquals("bad subnet prefix length: 8 (expected: 16..32 for 10.244.0.0/16)", message(() -> CLUSTER.subnet(8, 0)));
    assertEquals("bad subnet prefix length: 33 (expected: 16..32 for 10.244.0.0/16)", message(() -> CLUSTER.subnetCount(33)));
    assertEquals("bad subnet prefix length: 15 (expected: 16..32 for 10.244.0.0/16)", message(() -> CLUSTER.subnetCount(15)));
  }

  @Test
  void addressesByIndex() {
    Ipv4Cidr node = Ipv4Cidr.parse("10.244.1.0/24");
    assertEquals(ip("10.244.1.0"), node.address(0));
    assertEquals(ip("10.244.1.1"), node.address(1));
    assertEquals(ip("10.244.1.255"), node.address(255));
    assertEquals(ip("10.244.1.0"), CLUSTER.address(256));
    assertEquals(ip("255.255.255.255"), Ipv4Cidr.parse("0.0.0.0/0").address(0xFFFF_FFFFL));
    assertEquals(ip("10.0.0.9"), Ipv4Cidr.parse("10.0.0.9/32").address(0));
    assertEquals("bad address index: 256 (expected: 0..255 in 10.244.1.0/24)", message(() -> node.address(256)));
    assertEquals("bad address index: -1 (expected: 0..255 in 10.244.1.0/24)", message(() -> node.address(-1)));
    assertEquals("bad address index: 4294967296 (expected: 0..4294967295 in 0.0.0.0/0)",
        message(() -> Ipv4Cidr.parse("0.0.0.0/0").address(1L << 32)));
  }

  @Test
  void containingMasksTheHostBits() {
    assertEquals(Ipv4Cidr.parse("10.244.1.0/24"), Ipv4Cidr.containing(ip("10.244.1.5"), 24));
    assertEquals(Ipv4Cidr.parse("10.244.0.0/16"), Ipv4Cidr.containing(ip("10.244.1.5"), 16));
    assertEquals(Ipv4Cidr.parse("0.0.0.0/0"), Ipv4Cidr.containing(ip("10.244.1.5"), 0));
    assertEquals(Ipv4Cidr.parse("10.244.1.5/32"), Ipv4Cidr.containing(ip("10.244.1.5"), 32));
    assertEquals(Ipv4Cidr.parse("255.255.255.254/31"), Ipv4Cidr.containing(Ipv4Address.BROADCAST, 31));
  }

  @Test
  void ordersByNetworkThenPrefix() {
    List<Ipv4Cidr> list = new ArrayList<>();
    for (String s : new String[] {"192.168.0.0/16", "10.244.1.0/24", "10.0.0.0/8", "10.244.0.0/16", "10.244.0.0/24"}) {
      list.add(Ipv4Cidr.parse(s));
    }
    list.sort(null);
    assertEquals("[10.0.0.0/8, 10.244.0.0/16, 10.244.0.0/24, 10.244.1.0/24, 192.168.0.0/16]", list.toString());
  }

  @Test
  void randomBlocksAgreeWithLongArithmetic() {
    Random rnd = new Random(4632);
    for (int i = 0; i < 2_000; i++) {
      Ipv4Address a = new Ipv4Address(rnd.nextInt());
      int prefix = rnd.nextInt(33);
      Ipv4Cidr c = Ipv4Cidr.containing(a, prefix);
      long first = c.network().unsigned();
      long last = c.lastAddress().unsigned();
      assertEquals(c.size(), last - first + 1);
      assertTrue(first <= a.unsigned() && a.unsigned() <= last);
      assertTrue(c.contains(a) && c.contains(c.network()) && c.contains(c.lastAddress()));
      assertFalse(last != 0xFFFF_FFFFL && c.contains(c.lastAddress().plus(1)));
      assertFalse(first != 0 && c.contains(c.network().plus(-1)));
      assertEquals(c, Ipv4Cidr.parse(c.toString()));
      Ipv4Address b = new Ipv4Address(rnd.nextInt());
      assertEquals(b.unsigned() >= first && b.unsigned() <= last, c.contains(b));
      long index = (long) (rnd.nextDouble() * c.size());
      assertEquals(first + index, c.address(index).unsigned());
    }
  }

  /** Calico's /26 blocks differ only in bits 6-15: a HashMap of them (a RIB) must still spread them over its buckets. */
  @Test
  void blocksSpreadOverHashMapBuckets() {
    Ipv4Cidr pool = Ipv4Cidr.parse("10.244.0.0/16");
    int buckets = 2048; // the table of a HashMap holding 1,024 keys
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (int i = 0; i < 1024; i++) {
      int h = pool.subnet(26, i).hashCode();
      used.add((h ^ (h >>> 16)) & (buckets - 1)); // HashMap.hash, then the index
    }
    // Random hashes fill about 2048 * (1 - e^-0.5) = 806 buckets; a hash that ignores bits 6-15 fills 32.
    assertTrue(used.size() > 700, "1,024 blocks in " + used.size() + " of " + buckets + " buckets");
  }
}
