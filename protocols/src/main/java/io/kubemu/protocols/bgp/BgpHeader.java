package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteReader;

/**
 * The checks on the marker and length of the common header (RFC 4271 6.1), shared by
 * {@link BgpMessage#decode} and {@link BgpFramer}: the framer must run them before it trusts a
 * length to cut the stream with.
 */
final class BgpHeader {
  private BgpHeader() {}

  /**
   * Reads the marker and the length field and returns the length. The marker must be all ones
   * (Connection Not Synchronized otherwise); the length must lie in 19..4096 (Bad Message Length,
   * with the length as data).
   */
  static int checkMarkerAndLength(ByteReader r) {
    int start = r.position();
    if (r.remaining() < BgpMessage.HEADER_LENGTH) {
      throw BgpError.header(start, NotificationCodes.BAD_MESSAGE_LENGTH, new byte[0],
          "truncated BGP header: " + r.remaining() + " bytes (expected: at least " + BgpMessage.HEADER_LENGTH + ")");
    }
    for (int i = 0; i < BgpMessage.MARKER_LENGTH; i++) {
      if (r.u8("BGP marker") != 0xFF) {
        throw BgpError.header(start + i, NotificationCodes.CONNECTION_NOT_SYNCHRONIZED, new byte[0],
            "BGP marker byte " + i + " not 0xFF (expected: 16 bytes of ones)");
      }
    }
    int length = r.u16("BGP length");
    if (length < BgpMessage.HEADER_LENGTH || length > BgpMessage.MAX_LENGTH) {
      throw BgpError.header(start + BgpMessage.MARKER_LENGTH, NotificationCodes.BAD_MESSAGE_LENGTH, u16(length),
          "bad BGP length: " + length + " (expected: " + BgpMessage.HEADER_LENGTH + ".." + BgpMessage.MAX_LENGTH + ")");
    }
    return length;
  }

  static byte[] u16(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }
}
