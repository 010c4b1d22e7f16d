package io.kubemu.emulator.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response off a kept-alive connection, as a load client needs it: the status,
 * whether the server will close the connection, and the body skipped by its Content-Length. The
 * head is capped at 16 KiB and the body at 64 MiB; a chunked body or a head without a length is
 * refused, since the bench's servers always send one.
 */
record KeepAliveResponse(int status, boolean close) {
  private static final int MAX_HEAD = 16 * 1024;
  private static final long MAX_BODY = 64L << 20;

  /** The next response on {@code in}; EOFException when the server closed before sending one. */
  static KeepAliveResponse read(InputStream in) throws IOException {
    String head = head(in);
    String[] lines = head.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new IOException("bad status line: '" + lines[0] + "' (expected: HTTP/1.x CODE REASON)");
    }
    long length = -1;
    boolean close = status[0].equals("HTTP/1.0");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = colon < 0 ? "" : lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = parseLength(value);
        case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
        case "transfer-encoding" -> throw new IOException("a chunked body (expected: a Content-Length)");
        default -> { }
      }
    }
    if (length < 0) {
      throw new IOException("no Content-Length in the response to a kept-alive request");
    }
    skip(in, length);
    try {
      return new KeepAliveResponse(Integer.parseInt(status[1]), close);
    } catch (NumberFormatException e) {
      throw new IOException("bad status code: '" + status[1] + "'");
    }
  }

  private static String head(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(sb.length() == 0 ? "the server closed the connection" : "the response head was cut short");
      }
      if (sb.length() >= MAX_HEAD) {
        throw new IOException("a response head over " + MAX_HEAD + " bytes");
      }
      sb.append((char) b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : b == '\r' ? 1 : 0;
    }
    return sb.substring(0, sb.length() - 4);
  }

  private static long parseLength(String value) throws IOException {
    try {
      long n = Long.parseLong(value);
      if (n < 0 || n > MAX_BODY) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IOException("bad Content-Length: '" + value + "' (expected: 0.." + MAX_BODY + ")");
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    byte[] buf = new byte[8192];
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new EOFException("the body was cut short: " + (n - left) + " of " + n + " bytes");
      }
      left -= r;
    }
  }
}
