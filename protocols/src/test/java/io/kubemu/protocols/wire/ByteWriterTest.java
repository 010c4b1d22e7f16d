package io.kubemu.protocols.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ByteWriterTest {
  @Test
  void handsOverItsBufferOnlyWhenExactlyFull() {
    ByteWriter full = new ByteWriter(16);
    full.i64(1).i64(2);
    byte[] first = full.toByteArray();
    assertSame(first, full.toByteArray());
    ByteWriter partial = new ByteWriter(32);
    partial.u16(0xABCD);
    assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xCD}, partial.toByteArray());
    assertNotSame(partial.toByteArray(), partial.toByteArray());
  }
}
