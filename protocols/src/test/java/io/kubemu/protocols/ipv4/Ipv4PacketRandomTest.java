package io.kubemu.protocols.ipv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated and random bytes: the decoder throws nothing but MalformedPacketException. */
class Ipv4PacketRandomTest {

  @Test
  void everyTruncationOfEveryGoldenPacketIsMalformed() {
    for (byte[] packet : new byte[][] {Ipv4PacketGolden.DOCKER_ECHO_REPLY, Ipv4PacketGolden.LOOPBACK_ECHO_REQUEST,
        Ipv4PacketGolden.IGMP_REPORT_WITH_ROUTER_ALERT, Ipv4PacketGolden.UDP_CHECKSUM_EXAMPLE}) {
      for (int len = 0; len < packet.length; len++) {
        ByteReader r = new ByteReader(packet, 0, len);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Ipv4Packet.decode(r),
            "length " + len);
        assertTrue(e.offset() >= 0 && e.offset() <= len, e.getMessage());
      }
    }
  }

  @Test
  void randomBytesDecodeOrAreMalformed() {
    Random rnd = new Random(791);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = randomPacketish(rnd);
      ByteReader r = new ByteReader(bytes);
      Ipv4Packet p;
      try {
        p = Ipv4Packet.decode(r);
      } catch (MalformedPacketException e) {
        assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, e.getMessage());
        continue;
      } catch (RuntimeException e) {
        fail("iteration " + i + " threw " + e + " for " + Arrays.toString(bytes), e);
        return;
      }
      decoded++;
      byte[] consumed = Arrays.copyOf(bytes, r.position());
      assertArrayEquals(consumed, p.toBytes(), "iteration " + i);
    }
    assertTrue(decoded > 2_000, "only " + decoded + " random packets decoded: the generator is too weak");
  }

  /** Random bytes, often with version 4, a plausible total length and a correct checksum, to get past each check. */
  private static byte[] randomPacketish(Random rnd) {
    byte[] b = new byte[rnd.nextInt(100)];
    rnd.nextBytes(b);
    if (b.length == 0 || rnd.nextInt(8) == 0) {
      return b;
    }
    b[0] = (byte) (0x40 | (rnd.nextInt(4) == 0 ? rnd.nextInt(16) : 5 + rnd.nextInt(2)));
    if (b.length >= 4 && rnd.nextBoolean()) {
      int total = rnd.nextInt(b.length + 1);
      b[2] = (byte) (total >>> 8);
      b[3] = (byte) total;
    }
    int headerLength = (b[0] & 0xF) * 4;
    if (headerLength >= 20 && b.length >= headerLength && rnd.nextInt(4) != 0) {
      int checksum = Ipv4Packet.headerChecksum(b, 0, headerLength);
      b[10] = (byte) (checksum >>> 8);
      b[11] = (byte) checksum;
    }
    return b;
  }
}
