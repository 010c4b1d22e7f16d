package io.kubemu.protocols.ipv4;

import static io.kubemu.protocols.ipv4.Ipv4PacketGolden.DOCKER_ECHO_REPLY;
import static io.kubemu.protocols.ipv4.Ipv4PacketGolden.IGMP_REPORT_WITH_ROUTER_ALERT;
import static io.kubemu.protocols.ipv4.Ipv4PacketGolden.LOOPBACK_ECHO_REQUEST;
import static io.kubemu.protocols.ipv4.Ipv4PacketGolden.UDP_CHECKSUM_EXAMPLE;
import static io.kubemu.protocols.ipv4.Ipv4PacketGolden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {
  private static final Ipv4Address POD_A = Ipv4Address.parse("10.244.1.5");
  private static final Ipv4Address POD_B = Ipv4Address.parse("10.244.2.7");

  private static Ipv4Packet decode(byte[] bytes) {
    return Ipv4Packet.decode(new ByteReader(bytes));
  }

  private static MalformedPacketException malformed(byte[] bytes) {
    return assertThrows(MalformedPacketException.class, () -> decode(bytes));
  }

  @Test
  void decodesADockerEchoReply() {
    Ipv4Packet p = decode(DOCKER_ECHO_REPLY);
    assertEquals(0, p.tos());
    assertEquals(57335, p.identification());
    assertEquals(0, p.flagsAndFragment());
    assertFalse(p.dontFragment() || p.moreFragments() || p.isFragment());
    assertEquals(64, p.ttl());
    assertEquals(IpProtocol.ICMP, p.protocol());
    assertEquals(Ipv4Address.parse("172.17.0.2"), p.source());
    assertEquals(Ipv4Address.parse("172.17.0.1"), p.destination());
    assertEquals(0, p.options().length);
    assertArrayEquals(Arrays.copyOfRange(DOCKER_ECHO_REPLY, 20, 84), p.payload());
    assertEquals(20, p.headerLength());
    assertEquals(84, p.totalLength());
    assertEquals(84, p.length());
    assertEquals("IPv4 172.17.0.2 > 172.17.0.1 proto icmp ttl 64 len 84", p.toString());
    assertArrayEquals(DOCKER_ECHO_REPLY, p.toBytes());
  }

  @Test
  void decodesALoopbackEchoRequestWithDontFragment() {
    Ipv4Packet p = decode(LOOPBACK_ECHO_REQUEST);
    assertTrue(p.dontFragment());
    assertFalse(p.isFragment());
    assertEquals(54002, p.identification());
    assertEquals(Ipv4Address.parse("127.0.0.1"), p.source());
    assertArrayEquals(LOOPBACK_ECHO_REQUEST, p.toBytes());
  }

  @Test
  void decodesOptionsAndKeepsEthernetPaddingUnread() {
    byte[] framePayload = Arrays.copyOf(IGMP_REPORT_WITH_ROUTER_ALERT, 46);
    ByteReader r = new ByteReader(framePayload);
    Ipv4Packet p = Ipv4Packet.decode(r);
    assertEquals(32, r.position());
    assertEquals(14, r.remaining());
    assertEquals(0xc0, p.tos());
    assertEquals(1, p.ttl());
    assertEquals(IpProtocol.IGMP, p.protocol());
    assertEquals(Ipv4Address.parse("10.134.127.235"), p.source());
    assertEquals(Ipv4Address.parse("239.255.0.124"), p.destination());
    assertArrayEquals(hex("94040000"), p.options());
    assertArrayEquals(hex("1600f983efff007c"), p.payload());
    assertEquals(24, p.headerLength());
    assertEquals("IPv4 10.134.127.235 > 239.255.0.124 proto igmp ttl 1 len 32", p.toString());
    assertArrayEquals(IGMP_REPORT_WITH_ROUTER_ALERT, p.toBytes());
  }

  @Test
  void computesTheWidelyCitedHeaderChecksum() {
    assertEquals(0xb861, Ipv4Packet.headerChecksum(UDP_CHECKSUM_EXAMPLE, 0, 20));
    Ipv4Packet p = decode(UDP_CHECKSUM_EXAMPLE);
    assertEquals(IpProtocol.UDP, p.protocol());
    assertEquals(Ipv4Address.parse("192.168.0.199"), p.destination());
    assertEquals(115, p.totalLength());
    Ipv4Packet built = Ipv4Packet.of(IpProtocol.UDP, Ipv4Address.parse("192.168.0.1"), Ipv4Address.parse("192.168.0.199"),
        64, 0, new byte[95]);
    assertEquals(p, built);
    assertArrayEquals(UDP_CHECKSUM_EXAMPLE, built.toBytes());
  }

  @Test
  void headerChecksumIgnoresTheFieldAndChecksARange() {
    byte[] copy = UDP_CHECKSUM_EXAMPLE.clone();
    copy[10] = 0x12;
    copy[11] = 0x34;
    assertEquals(0xb861, Ipv4Packet.headerChecksum(copy, 0, 20));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Packet.headerChecksum(copy, 0, 19));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Packet.headerChecksum(copy, 100, 20));
  }

  @Test
  void decodesAtAnOffsetAndReportsAbsoluteOffsets() {
    byte[] frame = new byte[14 + DOCKER_ECHO_REPLY.length];
    System.arraycopy(DOCKER_ECHO_REPLY, 0, frame, 14, DOCKER_ECHO_REPLY.length);
    ByteReader r = new ByteReader(frame);
    r.skip(14, "Ethernet header");
    assertEquals(decode(DOCKER_ECHO_REPLY), Ipv4Packet.decode(r));
    frame[14 + 8] = 63;
    ByteReader again = new ByteReader(frame);
    again.skip(14, "Ethernet header");
    MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Ipv4Packet.decode(again));
    assertEquals(24, e.offset());
  }

  @Test
  void rejectsABadChecksumNamingBothValues() {
    byte[] bad = UDP_CHECKSUM_EXAMPLE.clone();
    bad[10] = 0x12;
    bad[11] = 0x34;
    MalformedPacketException e = malformed(bad);
    assertEquals("bad IPv4 header checksum: 0x1234 (expected: 0xb861) at offset 10", e.getMessage());
    assertEquals(10, e.offset());
  }

  @Test
  void acceptsNegativeZeroForAZeroChecksum() {
    for (int id = 0; id <= 0xFFFF; id++) {
      byte[] header = Ipv4Packet.of(IpProtocol.UDP, POD_A, POD_B, 64, id, new byte[0]).toBytes();
      if (Ipv4Packet.headerChecksum(header, 0, 20) == 0) {
        header[10] = (byte) 0xFF;
        header[11] = (byte) 0xFF;
        assertEquals(id, decode(header).identification());
        return;
      }
    }
    throw new AssertionError("no identification gives a zero checksum");
  }

  @Test
  void rejectsOtherVersionsAndShortHeaders() {
    byte[] v6 = DOCKER_ECHO_REPLY.clone();
    v6[0] = 0x60;
    assertEquals("bad IP version: 6 (expected: 4) at offset 0", malformed(v6).getMessage());
    byte[] ihl4 = DOCKER_ECHO_REPLY.clone();
    ihl4[0] = 0x44;
    assertEquals("bad IPv4 header length: 16 (expected: 20..60) at offset 0", malformed(ihl4).getMessage());
  }

  @Test
  void rejectsTotalLengthsOutsideHeaderAndBuffer() {
    byte[] tooShort = withTotalLength(DOCKER_ECHO_REPLY, 19);
    assertEquals("bad IPv4 total length: 19 (expected: >= header length 20) at offset 2", malformed(tooShort).getMessage());
    byte[] cut = Arrays.copyOf(DOCKER_ECHO_REPLY, 83);
    assertEquals("bad IPv4 total length: 84 (expected: <= 83, the bytes available) at offset 2", malformed(cut).getMessage());
    Ipv4Packet headerOnly = decode(withTotalLength(DOCKER_ECHO_REPLY, 20));
    assertEquals(0, headerOnly.payload().length);
  }

  private static byte[] withTotalLength(byte[] packet, int totalLength) {
    byte[] b = packet.clone();
    b[2] = (byte) (totalLength >>> 8);
    b[3] = (byte) totalLength;
    int checksum = Ipv4Packet.headerChecksum(b, 0, 20);
    b[10] = (byte) (checksum >>> 8);
    b[11] = (byte) checksum;
    return b;
  }

  @Test
  void factorySetsDontFragmentAndNoOptions() {
    Ipv4Packet p = Ipv4Packet.of(IpProtocol.TCP, POD_A, POD_B, 64, 7, new byte[] {1, 2, 3});
    assertEquals(Ipv4Packet.DF, p.flagsAndFragment());
    assertEquals(0, p.tos());
    assertEquals(0, p.options().length);
    assertEquals(23, p.totalLength());
    assertEquals(p, decode(p.toBytes()));
  }

  @Test
  void roundTripsOptionsFragmentsAndTheLargestPacket() {
    byte[][] optionSets = {new byte[0], hex("94040000"), hex("01010101"), new byte[40]};
    int[] payloadSizes = {0, 1, 7, 1480, 65_535 - 60};
    for (byte[] options : optionSets) {
      for (int size : payloadSizes) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) size);
        Ipv4Packet p = new Ipv4Packet(0x10, 0xFFFF, Ipv4Packet.MF | 185, 255, 253, POD_A, POD_B, options, payload);
        byte[] bytes = p.toBytes();
        assertEquals(p.totalLength(), bytes.length);
        assertEquals(p, decode(bytes));
      }
    }
  }

  @Test
  void readsFragmentFields() {
    Ipv4Packet first = new Ipv4Packet(0, 1234, Ipv4Packet.MF, 64, IpProtocol.UDP, POD_A, POD_B, new byte[0], new byte[1480]);
    Ipv4Packet last = new Ipv4Packet(0, 1234, 185, 64, IpProtocol.UDP, POD_A, POD_B, new byte[0], new byte[20]);
    assertTrue(first.isFragment() && first.moreFragments());
    assertEquals(0, first.fragmentOffset());
    assertTrue(last.isFragment() && !last.moreFragments());
    assertEquals(1480, last.fragmentOffset());
    assertEquals("IPv4 10.244.1.5 > 10.244.2.7 proto udp ttl 64 len 1500 frag id 1234 off 0+", first.toString());
    assertEquals("IPv4 10.244.1.5 > 10.244.2.7 proto udp ttl 64 len 40 frag id 1234 off 1480", last.toString());
    assertEquals("IPv4 10.244.1.5 > 10.244.2.7 proto unknown(253) ttl 3 len 20",
        Ipv4Packet.of(253, POD_A, POD_B, 3, 0, new byte[0]).toString());
  }

  @Test
  void copiesChangeOneFieldAndReencodeWithAFreshChecksum() {
    Ipv4Packet p = decode(DOCKER_ECHO_REPLY);
    Ipv4Packet forwarded = p.withTtl(63);
    assertEquals(63, forwarded.ttl());
    assertEquals(p.withTtl(64), p);
    Ipv4Packet natted = p.withSource(POD_A).withDestination(POD_B);
    assertEquals(POD_A, natted.source());
    assertEquals(POD_B, natted.destination());
    assertEquals(p.identification(), natted.identification());
    assertArrayEquals(p.payload(), natted.payload());
    assertEquals(natted, decode(natted.toBytes()));
    assertEquals(forwarded, decode(forwarded.toBytes()));
    assertNotEquals(p.toBytes()[10], forwarded.toBytes()[10]);
    assertEquals(3, p.withPayload(new byte[3]).payload().length);
  }

  @Test
  void equalityComparesArrayContents() {
    Ipv4Packet a = decode(DOCKER_ECHO_REPLY);
    Ipv4Packet b = decode(DOCKER_ECHO_REPLY.clone());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    byte[] other = a.payload().clone();
    other[63] ^= 1;
    assertNotEquals(a, a.withPayload(other));
    assertNotEquals(decode(IGMP_REPORT_WITH_ROUTER_ALERT),
        decode(IGMP_REPORT_WITH_ROUTER_ALERT).withPayload(hex("1600f983efff007c")).withTtl(2));
  }

  @Test
  void constructorRejectsFieldsThatDoNotFit() {
    byte[] none = new byte[0];
    assertEquals("bad IPv4 options length: 3 (expected: a multiple of 4, at most 40)",
        assertThrows(IllegalArgumentException.class,
            () -> new Ipv4Packet(0, 0, 0, 64, 1, POD_A, POD_B, new byte[3], none)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Ipv4Packet(0, 0, 0, 64, 1, POD_A, POD_B, new byte[44], none));
    assertEquals("bad IPv4 TTL: 256 (expected: 0..255)",
        assertThrows(IllegalArgumentException.class, () -> Ipv4Packet.of(1, POD_A, POD_B, 256, 0, none)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ipv4Packet.of(1, POD_A, POD_B, -1, 0, none));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Packet.of(256, POD_A, POD_B, 64, 0, none));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Packet.of(1, POD_A, POD_B, 64, 0x10000, none));
    assertThrows(IllegalArgumentException.class, () -> new Ipv4Packet(256, 0, 0, 64, 1, POD_A, POD_B, none, none));
    assertThrows(IllegalArgumentException.class, () -> new Ipv4Packet(0, 0, 0x10000, 64, 1, POD_A, POD_B, none, none));
    assertEquals("bad IPv4 total length: 65536 (expected: <= 65535)",
        assertThrows(IllegalArgumentException.class, () -> Ipv4Packet.of(1, POD_A, POD_B, 64, 0, new byte[65516])).getMessage());
    assertThrows(NullPointerException.class, () -> Ipv4Packet.of(1, null, POD_B, 64, 0, none));
    assertThrows(NullPointerException.class, () -> Ipv4Packet.of(1, POD_A, POD_B, 64, 0, null));
  }
}
