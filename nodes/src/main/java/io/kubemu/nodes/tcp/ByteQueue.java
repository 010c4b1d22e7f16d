package io.kubemu.nodes.tcp;

/** A send buffer: bytes appended at the tail, copied out by offset, dropped from the head as they are acknowledged. */
final class ByteQueue {
  private byte[] bytes = new byte[256];
  private int head;
  private int tail;

  int size() {
    return tail - head;
  }

  void append(byte[] data) {
    if (tail + data.length > bytes.length) {
      int size = size();
      byte[] grown = size + data.length > bytes.length / 2 ? new byte[Math.max(bytes.length * 2, size + data.length)] : bytes;
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
      head = 0;
      tail = 0;
    }
  }

  void clear() {
    head = 0;
    tail = 0;
  }
}
