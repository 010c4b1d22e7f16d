package io.kubemu.nodes.tcp;

/**
 * A send buffer: bytes appended at the tail, copied out by offset, dropped from the head as they are
 * acknowledged. It holds no array while empty: a node keeps thousands of idle connections (a BGP
 * mesh), each sending a few bytes now and then.
 */
final class ByteQueue {
  private static final byte[] NONE = new byte[0];
  private static final int MIN_CAPACITY = 256;

  private byte[] bytes = NONE;
  private int head;
  private int tail;

  int size() {
    return tail - head;
  }

  void append(byte[] data) {
    if (tail + data.length > bytes.length) {
      int size = size();
      byte[] grown = size + data.length > bytes.length / 2
          ? new byte[Math.max(MIN_CAPACITY, Math.max(bytes.length * 2, size + data.length))] : bytes;
      System.arraycopy(bytes, head, grown, 0, size);
      bytes = grown;
      head = 0;
      tail = size;
    }
    System.arraycopy(data, 0, bytes, tail, data.length);
    tail += data.length;
  }

  /** A copy of {@code length} bytes starting {@code offset} bytes after the head. */
  byte[] copy(int offset, int length) {
    byte[] out = new byte[length];
    System.arraycopy(bytes, head + offset, out, 0, length);
    return out;
  }

  void drop(int count) {
    head += count;
    if (head == tail) {
      clear();
    }
  }

  void clear() {
    bytes = NONE;
    head = 0;
    tail = 0;
  }
}
