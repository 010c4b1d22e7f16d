package io.kubemu.nodes.app.dns;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DNS over TCP's framing (RFC 1035 4.2.2, RFC 7766): each message preceded by its length in two
 * bytes. Bytes are fed as the stream delivers them; whole messages come out, in order. A stream
 * never buffers more than one message and its prefix, so a length of 65535 bounds it.
 */
final class DnsFraming {
  private byte[] pending = new byte[0];

  /** The messages {@code data} completes; an empty message (length 0) is given as an empty array. */
  List<byte[]> feed(byte[] data) {
    byte[] all = Arrays.copyOf(pending, pending.length + data.length);
    System.arraycopy(data, 0, all, pending.length, data.length);
    List<byte[]> out = new ArrayList<>();
    int at = 0;
    while (all.length - at >= 2) {
      int length = ((all[at] & 0xFF) << 8) | (all[at + 1] & 0xFF);
      if (all.length - at - 2 < length) {
        break;
      }
      out.add(Arrays.copyOfRange(all, at + 2, at + 2 + length));
      at += 2 + length;
    }
    pending = Arrays.copyOfRange(all, at, all.length);
    return out;
  }

  /** {@code message} with its length prefix. */
  static byte[] frame(byte[] message) {
    if (message.length > 0xFFFF) {
      throw new IllegalArgumentException("DNS message too long for TCP: " + message.length + " bytes (expected: at most 65535)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 2);
    out.write(message.length >>> 8);
    out.write(message.length & 0xFF);
    out.writeBytes(message);
    return out.toByteArray();
  }
}
