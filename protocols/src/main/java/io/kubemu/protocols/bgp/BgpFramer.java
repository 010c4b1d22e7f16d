package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts whole BGP messages out of a TCP byte stream, which arrives in reads of any size: a message may
 * span several reads, and one read may hold several messages. The header's marker and length are
 * checked as soon as they arrive (RFC 4271 6.1), since a bad length cannot be used to find the next
 * message; after such an error the stream cannot be trusted and the framer refuses further input.
 * Not thread-safe: one framer per connection, fed by one reader.
 */
public final class BgpFramer {
  private final byte[] buffer = new byte[BgpMessage.MAX_LENGTH];
  private int filled;
  private BgpError failed;

  /**
   * Adds {@code length} bytes from {@code data} and returns every message they complete, each as its
   * whole bytes, header included, ready for {@link BgpMessage#decode}; bytes of an unfinished message
   * stay buffered for the next call.
   */
  public List<byte[]> feed(byte[] data, int offset, int length) {
    if (failed != null) {
      throw new IllegalStateException("framer used after a framing error: " + failed.getMessage());
    }
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IllegalArgumentException("bad range: " + offset + "+" + length + " (expected: within " + data.length + ")");
    }
    List<byte[]> messages = new ArrayList<>();
    int end = offset + length;
    int at = offset;
    while (at < end) {
      int take = Math.min(end - at, wanted() - filled);
      System.arraycopy(data, at, buffer, filled, take);
      filled += take;
      at += take;
      if (filled >= BgpMessage.HEADER_LENGTH && filled == messageLength()) {
        messages.add(Arrays.copyOf(buffer, filled));
        filled = 0;
      }
    }
    return messages;
  }

  public List<byte[]> feed(byte[] data) {
    return feed(data, 0, data.length);
  }

  /** Bytes held of a message not yet complete. */
  public int buffered() {
    return filled;
  }

  /** How many bytes the message being assembled needs: the header until it is in, then its length. */
  private int wanted() {
    return filled < BgpMessage.HEADER_LENGTH ? BgpMessage.HEADER_LENGTH : messageLength();
  }

  private int messageLength() {
    try {
      return BgpHeader.checkMarkerAndLength(new ByteReader(buffer, 0, BgpMessage.HEADER_LENGTH));
    } catch (BgpError e) {
      failed = e;
      throw e;
    }
  }
}
