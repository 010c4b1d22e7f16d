package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Encodable;

/**
 * A BGP-4 message (RFC 4271 section 4): the 19-byte header (marker, length, type) and a body. The
 * body alone is what each message type encodes; the header is written here, so the length field
 * always matches. {@link #decode} checks the header as section 6.1 requires and then the body.
 */
public sealed interface BgpMessage extends Encodable
    permits BgpOpen, BgpUpdate, BgpNotification, BgpKeepalive, BgpRouteRefresh {
  int HEADER_LENGTH = 19;
  int MARKER_LENGTH = 16;
  /** The largest message RFC 4271 allows (the extended messages of RFC 8654 are not negotiated here). */
  int MAX_LENGTH = 4096;

  int OPEN = 1;
  int UPDATE = 2;
  int NOTIFICATION = 3;
  int KEEPALIVE = 4;
  int ROUTE_REFRESH = 5;

  int type();

  int bodyLength();

  void encodeBody(ByteWriter w);

  @Override
  default int length() {
    return HEADER_LENGTH + bodyLength();
  }

  /** Writes header and body; a message over 4096 bytes is the caller's bug and is refused. */
  @Override
  default void encode(ByteWriter w) {
    int length = length();
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("BGP message too long: " + length + " (expected: <= " + MAX_LENGTH
          + "; split the UPDATE)");
    }
    for (int i = 0; i < MARKER_LENGTH; i++) {
      w.u8(0xFF);
    }
    w.u16(length).u8(type());
    encodeBody(w);
  }

  /**
   * Decodes one whole message and moves {@code r} past it. {@code fourOctetAs} says whether both
   * speakers announced the 4-octet AS capability, which sets the width of AS numbers in AS_PATH. A
   * reader holding fewer bytes than the length field claims is reported as a bad length, since
   * {@link BgpFramer} never hands over a partial message.
   */
  static BgpMessage decode(ByteReader r, boolean fourOctetAs) {
    int start = r.position();
    int length = BgpHeader.checkMarkerAndLength(r);
    int type = r.u8("BGP message type");
    checkLengthForType(start, length, type);
    if (length - HEADER_LENGTH > r.remaining()) {
      throw BgpError.header(start + MARKER_LENGTH, NotificationCodes.BAD_MESSAGE_LENGTH, BgpHeader.u16(length),
          "BGP length beyond available bytes: " + length + " (expected: <= " + (HEADER_LENGTH + r.remaining()) + ")");
    }
    ByteReader body = r.slice(length - HEADER_LENGTH, "BGP message body");
    switch (type) {
      case OPEN:
        return BgpOpen.decodeBody(body);
      case UPDATE:
        return BgpUpdate.decodeBody(body, fourOctetAs);
      case NOTIFICATION:
        return BgpNotification.decodeBody(body);
      case KEEPALIVE:
        return BgpKeepalive.INSTANCE;
      default:
        return BgpRouteRefresh.decodeBody(body);
    }
  }

  /** Section 6.1: an unknown type is Bad Message Type; a length the type cannot have is Bad Message Length. */
  private static void checkLengthForType(int start, int length, int type) {
    int min;
    int max = MAX_LENGTH;
    switch (type) {
      case OPEN:
        min = HEADER_LENGTH + BgpOpen.MIN_BODY;
        break;
      case UPDATE:
        min = HEADER_LENGTH + BgpUpdate.MIN_BODY;
        break;
      case NOTIFICATION:
        min = HEADER_LENGTH + BgpNotification.MIN_BODY;
        break;
      case KEEPALIVE:
        min = HEADER_LENGTH;
        max = HEADER_LENGTH;
        break;
      case ROUTE_REFRESH:
        min = HEADER_LENGTH + BgpRouteRefresh.BODY_LENGTH;
        max = min;
        break;
      default:
        throw BgpError.header(start + 18, NotificationCodes.BAD_MESSAGE_TYPE, new byte[] {(byte) type},
            "unknown BGP message type: " + type + " (expected: 1..5)");
    }
    if (length < min || length > max) {
      throw BgpError.header(start + MARKER_LENGTH, NotificationCodes.BAD_MESSAGE_LENGTH, BgpHeader.u16(length),
          "bad BGP length for type " + type + ": " + length + " (expected: " + min + ".." + max + ")");
    }
  }
}
