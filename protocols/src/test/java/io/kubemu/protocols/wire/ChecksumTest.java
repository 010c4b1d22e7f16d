package io.kubemu.protocols.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {
  /** RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, so the checksum is 220d. */
  @Test
  void matchesTheRfc1071Example() {
    byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
    assertEquals(0x220d, Checksum.of(data, 0, data.length));
  }

  /** Summing 32-bit words must fold to what summing 16-bit words gives, at any offset, length and start sum. */
  @Test
  void agreesWithSixteenBitWordsEverywhere() {
    Random random = new Random(0x1071);
    byte[] data = new byte[200];
    for (int round = 0; round < 50; round++) {
      random.nextBytes(data);
      long start = random.nextBoolean() ? 0 : random.nextInt() & 0xFFFF_FFFFL;
      for (int off = 0; off < 4; off++) {
        for (int len = 0; len <= 150; len++) {
          assertEquals(Checksum.finish(bySixteenBits(start, data, off, len)),
              Checksum.finish(Checksum.add(start, data, off, len)), "offset " + off + " length " + len);
        }
      }
    }
  }

  @Test
  void allOnesAndAllZerosKeepTheirOnesComplementForms() {
    assertEquals(0xFFFF, Checksum.of(new byte[8], 0, 8));
    byte[] ones = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    assertEquals(0, Checksum.of(ones, 0, 4));
    assertEquals(0x00FF, Checksum.of(ones, 0, 5));
  }

  private static long bySixteenBits(long sum, byte[] data, int off, int len) {
    int i = off;
    for (; i + 1 < off + len; i += 2) {
      sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
    }
    if (i < off + len) {
      sum += (data[i] & 0xFF) << 8;
    }
    return sum;
  }
}
