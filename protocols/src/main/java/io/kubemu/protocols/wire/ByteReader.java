package io.kubemu.protocols.wire;

import java.util.Arrays;

/**
 * A bounds-checked cursor over a byte array. Every read checks first and throws
 * {@link MalformedPacketException} with the absolute offset when the bytes run out. A
 * length-prefixed body is read through {@link #slice(int)}, a reader limited to that body, and
 * {@link #requireEnd(String)} turns leftover bytes into an error.
 */
public final class ByteReader {
  private final byte[] data;
  private final int limit;
  private int position;

  public ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  public ByteReader(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IllegalArgumentException("bad range: " + offset + "+" + length + " (expected: within " + data.length + ")");
    }
    this.data = data;
    this.position = offset;
    this.limit = offset + length;
  }

  public int position() {
    return position;
  }

  public int remaining() {
    return limit - position;
  }

  public boolean hasRemaining() {
    return position < limit;
  }

  private void need(int n, String what) {
    if (n > limit - position) {
      throw new MalformedPacketException(position,
          "truncated " + what + ": " + (limit - position) + " bytes left (expected: at least " + n + ")");
    }
  }

  public int u8(String what) {
    need(1, what);
    return data[position++] & 0xFF;
  }

  public int u16(String what) {
    need(2, what);
    int v = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
    position += 2;
    return v;
  }

  public int u24(String what) {
    need(3, what);
    int v = ((data[position] & 0xFF) << 16) | ((data[position + 1] & 0xFF) << 8) | (data[position + 2] & 0xFF);
    position += 3;
    return v;
  }

  /** An unsigned 32-bit value as a long. */
  public long u32(String what) {
    return i32(what) & 0xFFFFFFFFL;
  }

  public int i32(String what) {
    need(4, what);
    int v = ((data[position] & 0xFF) << 24) | ((data[position + 1] & 0xFF) << 16)
        | ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
    position += 4;
    return v;
  }

  public long u48(String what) {
    need(6, what);
    long v = 0;
    for (int i = 0; i < 6; i++) {
      v = (v << 8) | (data[position + i] & 0xFF);
    }
    position += 6;
    return v;
  }

  public long i64(String what) {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (data[position + i] & 0xFF);
    }
    position += 8;
    return v;
  }

  public byte[] bytes(int n, String what) {
    if (n < 0) {
      throw new MalformedPacketException(position, "negative length for " + what + ": " + n + " (expected: >= 0)");
    }
    need(n, what);
    byte[] out = Arrays.copyOfRange(data, position, position + n);
    position += n;
    return out;
  }

  /** Everything up to this reader's limit. */
  public byte[] rest() {
    byte[] out = Arrays.copyOfRange(data, position, limit);
    position = limit;
    return out;
  }

  public void skip(int n, String what) {
    need(n, what);
    position += n;
  }

  /** A reader over the next {@code n} bytes; this reader moves past them. */
  public ByteReader slice(int n, String what) {
    need(n, what);
    ByteReader sub = new ByteReader(data, position, n);
    position += n;
    return sub;
  }

  /** Peeks at the byte {@code ahead} bytes from the current position without moving. */
  public int peekU8(int ahead, String what) {
    need(ahead + 1, what);
    return data[position + ahead] & 0xFF;
  }

  /** The underlying array and absolute bounds, for checksums over a region already read. */
  public byte[] array() {
    return data;
  }

  public void requireEnd(String what) {
    if (position != limit) {
      throw new MalformedPacketException(position,
          "trailing bytes after " + what + ": " + (limit - position) + " (expected: 0)");
    }
  }
}
