package io.kubemu.protocols.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.Checksum;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TcpSegmentTest {
  /**
   * A real SYN-ACK with a checksum that verifies: Suricata's unit test TCPCalculateValidChecksumtest01
   * (OISF/suricata, src/decode-tcp.c), from 64.142.126.178:80 to 192.168.1.3:36374.
   */
  private static final Ipv4Address SERVER = Ipv4Address.parse("64.142.126.178");
  private static final Ipv4Address CLIENT = Ipv4Address.parse("192.168.1.3");
  private static final byte[] SYN_ACK = hex(
      "0050" // source port 80
      + "8e16" // destination port 36374
      + "0d59cd3c" // sequence 223989052
      + "cf0d2180" // acknowledgment 3473744256
      + "a012" // data offset 10 (40 bytes), flags SYN ACK
      + "16a0" // window 5792
      + "fa03" // checksum 0xfa03
      + "0000" // urgent pointer 0
      + "020405b4" // mss 1460
      + "0402" // sackOK
      + "080a 6e187873 017174de" // TS val 1847097459 ecr 24212702
      + "01" // nop
      + "030302"); // wscale 2

  /**
   * A real SYN captured on its sender, from a `tcpdump -nnvXX` capture in HTB Academy's tcpdump
   * notes: "172.16.146.2.55416 > 172.67.1.1.443: Flags [S], cksum 0xeb85 (incorrect -> 0x72f7)".
   * The NIC fills in the checksum after capture; tcpdump's 0x72f7 is the real one.
   */
  private static final Ipv4Address HOST = Ipv4Address.parse("172.16.146.2");
  private static final Ipv4Address WEB = Ipv4Address.parse("172.67.1.1");
  private static final String SYN_OPTIONS =
      "020405b4" // mss 1460
      + "0402" // sackOK
      + "080a 1e4b042e 00000000" // TS val 508232750 ecr 0
      + "01" // nop
      + "030307"; // wscale 7
  private static final byte[] SYN = hex(
      "d878" // source port 55416
      + "01bb" // destination port 443
      + "e0801193" // sequence 3766489491
      + "00000000" // acknowledgment 0
      + "a002" // data offset 10 (40 bytes), flags SYN
      + "faf0" // window 64240
      + "eb85" // checksum as captured before offload filled it in
      + "0000" // urgent pointer 0
      + SYN_OPTIONS);

  /** The same capture's "42454 > 54.77.251.34.443: Flags [P.], cksum 0x6fce (incorrect -> 0xb042), length 37". */
  private static final Ipv4Address AWS = Ipv4Address.parse("54.77.251.34");
  private static final String TLS_RECORD = "1703030020 00000000000000 09bb38d9d89a2d7073d5a01e9df72c485b8ad64d8e422ccc43";
  private static final byte[] PUSH = hex(
      "a5d6" // source port 42454
      + "01bb" // destination port 443
      + "27fef6b0" // sequence 671020720
      + "dc7da9b8" // acknowledgment 3699222968
      + "8018" // data offset 8 (32 bytes), flags PSH ACK
      + "01f5" // window 501
      + "6fce" // checksum as captured before offload
      + "0000" // urgent pointer 0
      + "0101 080a 44cf404d 428eaff6" // nop, nop, TS val 1154433101 ecr 1116647414
      + TLS_RECORD); // 37 bytes: a TLS 1.2 application-data record

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  private static TcpSegment decode(byte[] b) {
    return TcpSegment.decode(new ByteReader(b));
  }

  @Test
  void decodesRealSynAckAndVerifiesItsChecksum() {
    TcpSegment s = decode(SYN_ACK);
    assertEquals(80, s.sourcePort());
    assertEquals(36374, s.destinationPort());
    assertEquals(223989052L, s.sequence());
    assertEquals(3473744256L, s.acknowledgment());
    assertEquals(TcpSegment.SYN | TcpSegment.ACK, s.flags());
    assertEquals(5792, s.window());
    assertEquals(0xfa03, s.checksum());
    assertEquals(0, s.payload().length);
    assertEquals("[S.]", s.flagsString());
    assertTrue(s.checksumValid(SERVER, CLIENT));
    assertFalse(s.checksumValid(SERVER, CLIENT.plus(1)));
    assertEquals("[mss 1460, sackOK, TS val 1847097459 ecr 24212702, nop, wscale 2]", s.parsedOptions().toString());
    assertEquals(s, TcpSegment.of(SERVER, CLIENT, 80, 36374, 223989052L, 3473744256L,
        TcpSegment.SYN | TcpSegment.ACK, 5792, s.options(), new byte[0]));
    assertArrayEquals(SYN_ACK, s.toBytes());
    assertEquals("TCP 80 > 36374 [S.] seq 223989052 ack 3473744256 win 5792 len 0", s.toString());
  }

  @Test
  void decodesRealSynAndOfComputesWhatTcpdumpSaid() {
    TcpSegment s = decode(SYN);
    assertEquals(55416, s.sourcePort());
    assertEquals(443, s.destinationPort());
    assertEquals(3766489491L, s.sequence());
    assertEquals("[S]", s.flagsString());
    assertTrue(s.hasFlag(TcpSegment.SYN));
    assertFalse(s.hasFlag(TcpSegment.SYN | TcpSegment.ACK));
    assertEquals(64240, s.window());
    assertArrayEquals(hex(SYN_OPTIONS), s.options());
    assertFalse(s.checksumValid(HOST, WEB));
    TcpSegment fixed = TcpSegment.of(HOST, WEB, 55416, 443, 3766489491L, 0, TcpSegment.SYN, 64240,
        TcpOption.encodeAll(List.of(TcpOption.mss(1460), TcpOption.sackPermitted(),
            TcpOption.timestamps(508232750L, 0), TcpOption.nop(), TcpOption.windowScale(7))),
        new byte[0]);
    assertEquals(0x72f7, fixed.checksum());
    assertTrue(fixed.checksumValid(HOST, WEB));
    assertArrayEquals(Arrays.copyOfRange(SYN, 18, SYN.length), Arrays.copyOfRange(fixed.toBytes(), 18, SYN.length));
  }

  @Test
  void decodesRealPushWithPayload() {
    TcpSegment s = decode(PUSH);
    assertEquals("[P.]", s.flagsString());
    assertArrayEquals(hex(TLS_RECORD), s.payload());
    assertEquals(37, s.payload().length);
    assertFalse(s.checksumValid(HOST, AWS));
    assertEquals(0xb042, TcpSegment.of(HOST, AWS, 42454, 443, 671020720L, 3699222968L,
        TcpSegment.PSH | TcpSegment.ACK, 501, s.options(), s.payload()).checksum());
  }

  @Test
  void everyTruncationOfTheHeaderFails() {
    for (byte[] golden : new byte[][] {SYN_ACK, SYN, PUSH}) {
      int headerLength = (golden[12] >>> 4 & 0xF) * 4;
      for (int n = 0; n < headerLength; n++) {
        byte[] prefix = Arrays.copyOf(golden, n);
        assertThrows(MalformedPacketException.class, () -> decode(prefix), "prefix of " + n + " bytes");
      }
    }
  }

  @Test
  void truncatedPayloadDecodesButFailsTheChecksum() {
    // TCP has no length field: the IP layer bounds the segment, so only the checksum notices.
    TcpSegment whole = TcpSegment.of(HOST, AWS, 42454, 443, 1, 2, TcpSegment.PSH | TcpSegment.ACK, 501,
        new byte[0], hex(TLS_RECORD));
    byte[] bytes = whole.toBytes();
    for (int n = 20; n < bytes.length; n++) {
      assertFalse(decode(Arrays.copyOf(bytes, n)).checksumValid(HOST, AWS), "prefix of " + n + " bytes");
    }
  }

  @Test
  void rejectsBadDataOffsetWithAbsoluteOffset() {
    byte[] framed = new byte[20 + SYN.length];
    System.arraycopy(SYN, 0, framed, 20, SYN.length);
    framed[32] = 0x42;
    MalformedPacketException small = assertThrows(MalformedPacketException.class,
        () -> TcpSegment.decode(new ByteReader(framed, 20, SYN.length)));
    assertEquals("bad TCP data offset: 4 (expected: >= 5) at offset 32", small.getMessage());
    framed[32] = (byte) 0xb0;
    MalformedPacketException beyond = assertThrows(MalformedPacketException.class,
        () -> TcpSegment.decode(new ByteReader(framed, 20, SYN.length)));
    assertEquals("TCP data offset beyond available bytes: 11 (expected: <= 10) at offset 32", beyond.getMessage());
  }

  @Test
  void ignoresReservedBitsAndKeepsNs() {
    byte[] b = SYN_ACK.clone();
    b[12] = (byte) 0xaf; // data offset 10, the three reserved bits set, NS set
    TcpSegment s = decode(b);
    assertEquals(TcpSegment.NS | TcpSegment.SYN | TcpSegment.ACK, s.flags());
    assertEquals((byte) 0xa1, s.toBytes()[12]);
  }

  @Test
  void printsFlagsLikeTcpdump() {
    assertEquals("[F.]", flags(TcpSegment.FIN | TcpSegment.ACK));
    assertEquals("[R]", flags(TcpSegment.RST));
    assertEquals("[R.]", flags(TcpSegment.RST | TcpSegment.ACK));
    assertEquals("[.]", flags(TcpSegment.ACK));
    assertEquals("[none]", flags(0));
    assertEquals("[SEW]", flags(TcpSegment.SYN | TcpSegment.ECE | TcpSegment.CWR));
    assertEquals("[FSRP.UEWe]", flags(0x1FF));
  }

  private static String flags(int flags) {
    return new TcpSegment(1, 2, 0, 0, flags, 0, 0, 0, new byte[0], new byte[0]).flagsString();
  }

  @Test
  void roundTrips() {
    TcpSegment[] segments = {
      new TcpSegment(0, 0, 0, 0, 0, 0, 0, 0, new byte[0], new byte[0]),
      new TcpSegment(65535, 65535, 0xFFFFFFFFL, 0xFFFFFFFFL, 0x1FF, 65535, 65535, 65535, new byte[40], new byte[] {1}),
      decode(SYN_ACK),
      decode(PUSH),
    };
    for (TcpSegment s : segments) {
      byte[] bytes = s.toBytes();
      assertEquals(s.length(), bytes.length);
      assertEquals(s, decode(bytes));
      assertEquals(s.hashCode(), decode(bytes).hashCode());
    }
  }

  @Test
  void rejectsBadArgumentsAndSharesThePayload() {
    byte[] none = new byte[0];
    assertThrows(IllegalArgumentException.class, () -> new TcpSegment(65536, 0, 0, 0, 0, 0, 0, 0, none, none));
    assertThrows(IllegalArgumentException.class, () -> new TcpSegment(0, 0, 1L << 32, 0, 0, 0, 0, 0, none, none));
    assertThrows(IllegalArgumentException.class, () -> new TcpSegment(0, 0, 0, -1, 0, 0, 0, 0, none, none));
    assertThrows(IllegalArgumentException.class, () -> new TcpSegment(0, 0, 0, 0, 0x200, 0, 0, 0, none, none));
    assertThrows(IllegalArgumentException.class, () -> new TcpSegment(0, 0, 0, 0, 0, 0, 0, 0, new byte[3], none));
    assertThrows(IllegalArgumentException.class, () -> new TcpSegment(0, 0, 0, 0, 0, 0, 0, 0, new byte[44], none));
    assertThrows(IllegalArgumentException.class,
        () -> new TcpSegment(0, 0, 0, 0, 0, 0, 0, 0, new byte[40], new byte[65535 - 20 - 20 - 40 + 1]));
    byte[] payload = {1, 2};
    TcpSegment s = new TcpSegment(1, 2, 3, 4, 5, 6, 7, 8, none, payload);
    assertSame(payload, s.payload());
    assertEquals(new TcpSegment(1, 2, 3, 4, 5, 6, 7, 8, none, new byte[] {1, 2}), s);
    assertNotEquals(new TcpSegment(1, 2, 3, 4, 5, 6, 7, 9, none, new byte[] {1, 2}), s);
  }

  @Test
  void randomBytesOnlyEverFailAsMalformed() {
    Random random = new Random(0x7C9);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(80)];
      random.nextBytes(b);
      if (b.length >= 20 && random.nextBoolean()) {
        b[12] = (byte) ((5 + random.nextInt(Math.min(11, (b.length - 20) / 4 + 1))) << 4 | (b[12] & 0x0F));
      }
      try {
        TcpSegment s = decode(b);
        assertEquals(s, decode(s.toBytes()));
        s.toString();
        s.checksumValid(HOST, WEB);
        decoded++;
        s.parsedOptions().forEach(TcpOption::toString);
      } catch (MalformedPacketException expected) {
        // the only failure a decoder may have
      }
    }
    assertTrue(decoded > 1000, "decoded " + decoded);
  }

  @Test
  void theChecksumIsTheOnesComplementSumOfTheEncodedSegmentAndPseudoHeader() {
    Random random = new Random(4242);
    for (int i = 0; i < 2000; i++) {
      Ipv4Address src = new Ipv4Address(random.nextInt());
      Ipv4Address dst = new Ipv4Address(random.nextInt());
      byte[] options = new byte[4 * random.nextInt(11)];
      byte[] payload = new byte[random.nextInt(1461)]; // odd lengths too: the last byte is padded
      random.nextBytes(options);
      random.nextBytes(payload);
      TcpSegment s = TcpSegment.of(src, dst, random.nextInt(65536), random.nextInt(65536), random.nextInt() & 0xFFFFFFFFL,
          random.nextInt() & 0xFFFFFFFFL, random.nextInt(0x200), random.nextInt(65536), options, payload);
      byte[] bytes = s.toBytes();
      long pseudo = Checksum.ipv4PseudoHeader(src.bits(), dst.bits(), TcpSegment.IP_PROTOCOL, bytes.length);
      assertEquals(0, Checksum.finish(Checksum.add(pseudo, bytes, 0, bytes.length)), "segment " + i);
      assertTrue(TcpSegment.decode(new ByteReader(bytes)).checksumValid(src, dst));
      int at = random.nextInt(bytes.length - 1);
      bytes[at < 12 ? at : at + 1] ^= (byte) (1 << random.nextInt(8)); // not the data offset: the rest must decode
      assertFalse(TcpSegment.decode(new ByteReader(bytes)).checksumValid(src, dst), "segment " + i + " with a bit flipped");
    }
  }
}
