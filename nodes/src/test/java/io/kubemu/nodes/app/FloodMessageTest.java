package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloodMessageTest {
  @Test
  void dataIsPaddedToItsSize() {
    byte[] b = FloodMessage.of(FloodMessage.DATA, 0x0102030405060708L, 0).encode(64);
    assertEquals(64, b.length);
    assertArrayEquals(new byte[] {
        'D',                                       // kind
        1, 2, 3, 4, 5, 6, 7, 8,                    // sequence
        0, 0, 0, 0, 0, 0, 0, 0},                   // extra
        java.util.Arrays.copyOf(b, 17));
    assertEquals(FloodMessage.of(FloodMessage.DATA, 0x0102030405060708L, 0), FloodMessage.decode(b));
  }

  @Test
  void aReportCarriesItsText() {
    FloodMessage m = new FloodMessage(FloodMessage.REPORT, 42, 1, "no-socket:3");
    assertEquals(m, FloodMessage.decode(m.encode(0)));
  }

  @Test
  void everyTruncationFails() {
    byte[] b = FloodMessage.of(FloodMessage.PROBE, 7, 9).encode(0);
    for (int n = 0; n < b.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(b, n);
      assertThrows(MalformedPacketException.class, () -> FloodMessage.decode(cut), "length " + n);
    }
  }

  @Test
  void anUnknownKindFails() {
    byte[] b = FloodMessage.of(FloodMessage.ACK, 1, 0).encode(0);
    b[0] = 'Z';
    var e = assertThrows(MalformedPacketException.class, () -> FloodMessage.decode(b));
    assertEquals("unknown flood kind: 90 (expected: one of DHAPKRS) at offset 0", e.getMessage());
  }

  @Test
  void garbageNeverThrowsAnythingElse() {
    Random random = new Random(20240611);
    for (int i = 0; i < 10_000; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      try {
        FloodMessage.decode(b);
      } catch (MalformedPacketException expected) {
        // the one exception allowed
      }
    }
  }
}
