package io.kubemu.protocols.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated valid messages: decoding either succeeds, and then the message survives a round trip, or
 * fails with a BgpError whose NOTIFICATION is one RFC 4271 defines. Nothing else may escape, since
 * a misbehaving real peer must not take a node agent down.
 */
class BgpFuzzTest {
  private static final byte[][] SEEDS = {
    BgpGolden.OPEN, BgpGolden.JUNOS_UPDATE, BgpGolden.KEEPALIVE, Arrays.copyOf(BgpGolden.CISCO_NOTIFICATION_WORDS, 23),
    BgpUpdateTest.update("40 01 01 00" + "40 02 0a 02 02 0000fc00 fa56ea01" + "40 03 04 0a000001"
        + "80 09 04 c0a8010c" + "80 0a 04 f4000001" + "c0 63 02 abcd", "1a 0af40040 00 20 0a000001"),
    BgpGolden.message(BgpMessage.OPEN, "04 fc00 00b4 0a000001 12 0210 0104 00010001 4002 4078 4104 0000fc00"),
    BgpGolden.message(BgpMessage.ROUTE_REFRESH, "0001 00 01"),
    BgpGolden.message(BgpMessage.UPDATE, BgpGolden.AS4_UPDATE_BODY),
  };

  @Test
  void mutatedMessagesFailOnlyWithANotification() {
    Random random = new Random(0xB6B);
    int decoded = 0;
    int failed = 0;
    for (int i = 0; i < 50_000; i++) {
      byte[] bytes = mutate(SEEDS[random.nextInt(SEEDS.length)], random);
      boolean fourOctet = random.nextBoolean();
      BgpMessage message;
      try {
        message = BgpMessage.decode(new ByteReader(bytes), fourOctet);
      } catch (BgpError e) {
        int code = e.notification().code();
        assertTrue(code >= 1 && code <= 3, "iteration " + i + ": " + e.getMessage());
        failed++;
        continue;
      } catch (RuntimeException e) {
        fail("iteration " + i + " threw " + e + " for " + HexFormat.of().formatHex(bytes), e);
        return;
      }
      decoded++;
      assertEquals(message, BgpMessage.decode(new ByteReader(message.toBytes()), fourOctet), "iteration " + i);
    }
    assertTrue(decoded > 5_000 && failed > 5_000, "decoded " + decoded + ", failed " + failed);
  }

  @Test
  void mutatedStreamsThroughTheFramerFailOnlyWithANotification() {
    Random random = new Random(0x179);
    int framed = 0;
    for (int round = 0; round < 2_000; round++) {
      ByteWriter stream = new ByteWriter();
      for (int m = 0; m < 4; m++) {
        byte[] seed = SEEDS[random.nextInt(SEEDS.length)];
        stream.bytes(random.nextInt(4) == 0 ? mutate(seed, random) : seed);
      }
      byte[] bytes = stream.toByteArray();
      BgpFramer framer = new BgpFramer();
      try {
        for (int at = 0; at < bytes.length; ) {
          int n = Math.min(bytes.length - at, 1 + random.nextInt(64));
          for (byte[] message : framer.feed(bytes, at, n)) {
            framed++;
            BgpMessage.decode(new ByteReader(message), true);
          }
          at += n;
        }
      } catch (BgpError expected) {
        // the session sends expected.notification() and resets
      } catch (RuntimeException e) {
        fail("round " + round + " threw " + e + " for " + HexFormat.of().formatHex(bytes), e);
      }
    }
    assertTrue(framed > 2_000, "framed " + framed);
  }

  /** One to three edits: flip a byte, set a length-like byte, cut, or grow; the header length is fixed up half the time. */
  private static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = BgpMessage.HEADER_LENGTH + random.nextInt(Math.max(1, b.length - BgpMessage.HEADER_LENGTH));
      switch (random.nextInt(5)) {
        case 0:
          if (at < b.length) {
            b[at] ^= (byte) (1 << random.nextInt(8));
          }
          break;
        case 1:
          if (at < b.length) {
            b[at] = (byte) random.nextInt(256);
          }
          break;
        case 2:
          b = Arrays.copyOf(b, Math.max(0, b.length - 1 - random.nextInt(4)));
          break;
        case 3:
          b = Arrays.copyOf(b, b.length + 1 + random.nextInt(4));
          break;
        default:
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
          break;
      }
    }
    if (b.length >= BgpMessage.HEADER_LENGTH && random.nextBoolean()) {
      b[16] = (byte) (b.length >>> 8);
      b[17] = (byte) b.length;
    }
    return b;
  }
}
