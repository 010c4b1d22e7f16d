package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts whole BGP messages out of a TCP byte stream, which arrives in reads of any size: a message may
 * span several reads, and one read may hold several messages. The header's marker and length are
 * checked as soon as they arrive (RFC 4271 6.1), since a bad length cannot be used to find the next
 * message; after such an error the stream cannot be trusted and the framer refuses further input.
 * Not thread-safe: one framer per connection, fed by one reader.
 */
public final class BgpFramer {
  /** The header of the message being cut, until it is whole: its length says how much more to read. */
  private final byte[] header = new byte[BgpMessage.HEADER_LENGTH];
  /**
   * The message being cut, sized by its header once that is in; null between messages. A connection
   * holds 19 bytes while idle, not a buffer of the largest message (4096 bytes) for its lifetime.
   */
  private byte[] message;
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
      if (message == null) {
        int take = Math.min(end - at, BgpMessage.HEADER_LENGTH - filled);
        System.arraycopy(data, at, header, filled, take);
        filled += take;
        at += take;
        if (filled < BgpMessage.HEADER_LENGTH) {
          break;
        }
        message = new byte[messageLength()];
        System.arraycopy(header, 0, message, 0, filled);
      }
      int take = Math.min(end - at, message.length - filled);
      System.arraycopy(data, at, message, filled, take);
      filled += take;
      at += take;
      if (filled == message.length) {
        messages.add(message);
        message = null;
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

  private int messageLength() {
    try {
      return BgpHeader.checkMarkerAndLength(new ByteReader(header));
    } catch (BgpError e) {
      failed = e;
      throw e;
    }
  }
}
