package io.kubemu.protocols.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes a parser has received and not yet consumed, with the stream offset of each, so that an
 * error names where in the stream it was found. Finding a line end resumes where the last search
 * stopped, so a line fed one byte at a time is scanned once.
 */
final class ByteQueue {
  private final long base;
  private byte[] buf = new byte[512];
  private int start;
  private int end;
  private long removed;
  private int scanned;

  ByteQueue(long base) {
    this.base = base;
  }

  void append(byte[] data, int off, int len) {
    if (end + len > buf.length) {
      int size = end - start;
      byte[] target = size + len > buf.length ? new byte[Math.max(buf.length * 2, size + len)] : buf;
      System.arraycopy(buf, start, target, 0, size);
      buf = target;
      start = 0;
      end = size;
    }
    System.arraycopy(data, off, buf, end, len);
    end += len;
  }

  int size() {
    return end - start;
  }

  /** The stream offset of the byte at {@code index} in this queue. */
  long offset(int index) {
    return base + removed + index;
  }

  /** How many bytes were consumed since the start. */
  long removed() {
    return removed;
  }

  int byteAt(int index) {
    return buf[start + index] & 0xFF;
  }

  /** The index of the first LF, or -1 when none has arrived yet. */
  int indexOfLf() {
    for (int i = start + scanned; i < end; i++) {
      if (buf[i] == '\n') {
        scanned = i - start;
        return scanned;
      }
    }
    scanned = end - start;
    return -1;
  }

  byte[] take(int n) {
    byte[] out = Arrays.copyOfRange(buf, start, start + n);
    skip(n);
    return out;
  }

  /** The first {@code n} bytes as ISO-8859-1 text, without consuming them. */
  String text(int n) {
    return new String(buf, start, n, StandardCharsets.ISO_8859_1);
  }

  void skip(int n) {
    if (n < 0 || n > size()) {
      throw new IllegalArgumentException("skip " + n + " (expected: 0.." + size() + ")");
    }
    start += n;
    removed += n;
    scanned = Math.max(0, scanned - n);
    if (start == end) {
      start = 0;
      end = 0;
    }
  }
}
