package io.kubemu.protocols.wire;

import java.util.Arrays;

/** A growable big-endian byte buffer for encoders. */
public final class ByteWriter {
  private byte[] buf;
  private int position;

  public ByteWriter() {
    this(64);
  }

  public ByteWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public int position() {
    return position;
  }

  private void ensure(int n) {
    if (position + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, position + n));
    }
  }

  public ByteWriter u8(int v) {
    ensure(1);
    buf[position++] = (byte) v;
    return this;
  }

  public ByteWriter u16(int v) {
    ensure(2);
    buf[position++] = (byte) (v >>> 8);
    buf[position++] = (byte) v;
    return this;
  }

  public ByteWriter u24(int v) {
    ensure(3);
    buf[position++] = (byte) (v >>> 16);
    buf[position++] = (byte) (v >>> 8);
    buf[position++] = (byte) v;
    return this;
  }

  public ByteWriter u32(long v) {
    ensure(4);
    buf[position++] = (byte) (v >>> 24);
    buf[position++] = (byte) (v >>> 16);
    buf[position++] = (byte) (v >>> 8);
    buf[position++] = (byte) v;
    return this;
  }

  public ByteWriter u48(long v) {
    ensure(6);
    for (int shift = 40; shift >= 0; shift -= 8) {
      buf[position++] = (byte) (v >>> shift);
    }
    return this;
  }

  public ByteWriter i64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[position++] = (byte) (v >>> shift);
    }
    return this;
  }

  public ByteWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  public ByteWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, position, len);
    position += len;
    return this;
  }

  public ByteWriter zeros(int n) {
    ensure(n);
    position += n;
    return this;
  }

  /** Overwrites two bytes already written, e.g. a checksum or length field. */
  public void setU16(int at, int v) {
    if (at < 0 || at + 2 > position) {
      throw new IndexOutOfBoundsException("setU16 at " + at + " (expected: < " + (position - 1) + ")");
    }
    buf[at] = (byte) (v >>> 8);
    buf[at + 1] = (byte) v;
  }

  /** The internet checksum of the bytes written in [from, to). */
  public int checksum(int from, int to, long initialSum) {
    return Checksum.finish(Checksum.add(initialSum, buf, from, to - from));
  }

  /**
   * The bytes written. When the buffer is exactly full (an encoder sized it with {@code length()})
   * the buffer itself is returned, not a copy: the writer must not be changed afterwards.
   */
  public byte[] toByteArray() {
    return position == buf.length ? buf : Arrays.copyOf(buf, position);
  }
}
