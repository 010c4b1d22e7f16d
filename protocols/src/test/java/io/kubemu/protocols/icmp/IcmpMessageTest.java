package io.kubemu.protocols.icmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.Checksum;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IcmpMessageTest {
  /**
   * The ICMP part of a real `ping localhost` on Linux, as printed by `tcpdump -i lo -X`
   * ("IP localhost > localhost: ICMP echo request, id 21780, seq 1, length 64"), published at
   * https://dev.jendekhane.com/post/learn/61d8ee3c9c67d2983d9740fb. The kernel computes ICMP
   * checksums in software, so the captured checksum is the real one.
   */
  private static final String PING_DATA =
      "2d08f460 00000000 6c830d00 00000000" // iputils' struct timeval (little-endian sec, usec)
      + "101112131415161718191a1b1c1d1e1f2021222324252627" // then the pattern bytes 0x10..0x37
      + "28292a2b2c2d2e2f3031323334353637";
  private static final byte[] ECHO_REQUEST = hex(
      "08" // type 8: echo request
      + "00" // code 0
      + "492b" // checksum 0x492b
      + "5514" // identifier 21780
      + "0001" // sequence 1
      + PING_DATA); // 56 bytes of data
  /** The reply captured right after it: type 0, checksum 0x512b, the rest the same. */
  private static final byte[] ECHO_REPLY = hex(
      "00" // type 0: echo reply
      + "00" // code 0
      + "512b" // checksum 0x512b
      + "5514" // identifier 21780
      + "0001" // sequence 1
      + PING_DATA); // the request's data, echoed

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  private static IcmpMessage decode(byte[] b) {
    return IcmpMessage.decode(new ByteReader(b));
  }

  @Test
  void decodesCapturedEchoRequest() {
    IcmpMessage m = decode(ECHO_REQUEST);
    assertEquals(IcmpMessage.ECHO_REQUEST, m.type());
    assertEquals(0, m.code());
    assertEquals(21780, m.identifier());
    assertEquals(1, m.sequence());
    assertEquals(56, m.body().length);
    assertTrue(m.isEcho());
    assertFalse(m.isError());
    assertEquals("ICMP echo request id 21780 seq 1 len 56", m.toString());
  }

  @Test
  void capturedChecksumsVerifyAndEncodeReproducesThem() {
    assertEquals(0, Checksum.of(ECHO_REQUEST, 0, ECHO_REQUEST.length));
    assertEquals(0, Checksum.of(ECHO_REPLY, 0, ECHO_REPLY.length));
    assertArrayEquals(ECHO_REQUEST, decode(ECHO_REQUEST).toBytes());
    assertArrayEquals(ECHO_REPLY, IcmpMessage.echoRequest(21780, 1, hex(PING_DATA)).echoReply().toBytes());
  }

  @Test
  void echoReplyOfCapturedRequestIsTheCapturedReply() {
    assertEquals(decode(ECHO_REPLY), decode(ECHO_REQUEST).echoReply());
    assertThrows(IllegalStateException.class, () -> decode(ECHO_REPLY).echoReply());
  }

  @Test
  void rejectsBadChecksumNamingBothValues() {
    byte[] b = ECHO_REQUEST.clone();
    b[b.length - 1] ^= 0x01;
    MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> decode(b));
    assertEquals("bad ICMP checksum: 0x492b (expected: 0x492c) at offset 2", e.getMessage());
    assertEquals(2, e.offset());
  }

  @Test
  void offsetsAreAbsoluteInTheBuffer() {
    byte[] framed = new byte[20 + ECHO_REQUEST.length];
    System.arraycopy(ECHO_REQUEST, 0, framed, 20, ECHO_REQUEST.length);
    assertEquals(decode(ECHO_REQUEST), IcmpMessage.decode(new ByteReader(framed, 20, ECHO_REQUEST.length)));
    framed[21] = 1;
    MalformedPacketException e = assertThrows(MalformedPacketException.class,
        () -> IcmpMessage.decode(new ByteReader(framed, 20, ECHO_REQUEST.length)));
    assertEquals(22, e.offset());
  }

  @Test
  void everyTruncationFails() {
    for (int n = 0; n < ECHO_REQUEST.length; n++) {
      byte[] prefix = Arrays.copyOf(ECHO_REQUEST, n);
      assertThrows(MalformedPacketException.class, () -> decode(prefix), "prefix of " + n + " bytes");
    }
  }

  @Test
  void roundTripsEveryShape() {
    IcmpMessage[] messages = {
      IcmpMessage.echoRequest(0, 0, new byte[0]),
      IcmpMessage.echoRequest(0xFFFF, 0xFFFF, new byte[] {1, 2, 3}),
      new IcmpMessage(42, 7, 0x80000001, new byte[] {(byte) 0xFF}),
      IcmpMessage.destinationUnreachable(IcmpMessage.PORT, ipPacket(100)),
      IcmpMessage.fragmentationNeeded(1450, ipPacket(1500)),
      IcmpMessage.timeExceeded(IcmpMessage.TTL_EXCEEDED_IN_TRANSIT, ipPacket(60)),
    };
    for (IcmpMessage m : messages) {
      byte[] bytes = m.toBytes();
      assertEquals(m.length(), bytes.length);
      assertEquals(0, Checksum.of(bytes, 0, bytes.length), m.toString());
      assertEquals(m, decode(bytes));
      assertEquals(m.hashCode(), decode(bytes).hashCode());
    }
  }

  /** A minimal IPv4 packet of {@code total} bytes: version 4, IHL 5, a counting payload. */
  static byte[] ipPacket(int total) {
    byte[] p = new byte[total];
    p[0] = 0x45;
    p[2] = (byte) (total >>> 8);
    p[3] = (byte) total;
    p[9] = 17;
    for (int i = 20; i < total; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  @Test
  void errorsQuoteWithin576ByteDatagram() {
    byte[] big = ipPacket(1500);
    IcmpMessage unreachable = IcmpMessage.destinationUnreachable(IcmpMessage.HOST, big);
    assertEquals(576, 20 + unreachable.length());
    assertArrayEquals(Arrays.copyOf(big, 548), unreachable.quotedPacket());
    byte[] small = ipPacket(28);
    assertArrayEquals(small, IcmpMessage.timeExceeded(0, small).quotedPacket());
    assertEquals("ICMP destination unreachable code 1 len 548", unreachable.toString());
  }

  @Test
  void quoteKeepsHeaderWithOptionsPlusEightBytes() {
    byte[] withOptions = ipPacket(60 + 8);
    withOptions[0] = 0x4F;
    assertArrayEquals(withOptions, IcmpMessage.destinationUnreachable(IcmpMessage.NET, withOptions).quotedPacket());
  }

  @Test
  void fragmentationNeededCarriesNextHopMtu() {
    IcmpMessage m = decode(IcmpMessage.fragmentationNeeded(1450, ipPacket(1500)).toBytes());
    assertEquals(IcmpMessage.DESTINATION_UNREACHABLE, m.type());
    assertEquals(IcmpMessage.FRAGMENTATION_NEEDED, m.code());
    assertEquals(1450, m.nextHopMtu());
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> IcmpMessage.echoRequest(65536, 0, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> IcmpMessage.echoRequest(0, -1, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new IcmpMessage(256, 0, 0, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new IcmpMessage(0, -1, 0, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new IcmpMessage(0, 0, 0, null));
    assertThrows(IllegalArgumentException.class, () -> IcmpMessage.timeExceeded(0, new byte[19]));
    assertThrows(IllegalArgumentException.class, () -> IcmpMessage.timeExceeded(0, hex("6000000000000000000000000000000000000000")));
    assertThrows(IllegalStateException.class, () -> decode(ECHO_REQUEST).quotedPacket());
  }

  @Test
  void namesTypesAndKnowsUnknownOnes() {
    assertEquals("echo reply", IcmpMessage.typeName(0));
    assertEquals("destination unreachable", IcmpMessage.typeName(3));
    assertEquals("echo request", IcmpMessage.typeName(8));
    assertEquals("time exceeded", IcmpMessage.typeName(11));
    assertEquals("unknown(42)", IcmpMessage.typeName(42));
    assertEquals("ICMP unknown(42) code 0 len 0", decode(new IcmpMessage(42, 0, 0, new byte[0]).toBytes()).toString());
  }

  @Test
  void sharesTheBodyAndComparesByContent() {
    byte[] data = {1, 2, 3};
    IcmpMessage m = IcmpMessage.echoRequest(1, 2, data);
    assertSame(data, m.body());
    assertEquals(IcmpMessage.echoRequest(1, 2, new byte[] {1, 2, 3}), m);
    assertNotEquals(IcmpMessage.echoRequest(1, 3, new byte[] {1, 2, 3}), m);
  }

  @Test
  void randomBytesOnlyEverFailAsMalformed() {
    Random random = new Random(0x1C4D);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(80)];
      random.nextBytes(b);
      if (b.length >= 4 && random.nextBoolean()) {
        b[2] = 0;
        b[3] = 0;
        int sum = Checksum.of(b, 0, b.length);
        b[2] = (byte) (sum >>> 8);
        b[3] = (byte) sum;
      }
      try {
        IcmpMessage m = decode(b);
        assertArrayEquals(b, m.toBytes());
        m.toString();
        decoded++;
      } catch (MalformedPacketException expected) {
        // the only failure a decoder may have
      }
    }
    assertTrue(decoded > 1000, "decoded " + decoded);
  }
}
