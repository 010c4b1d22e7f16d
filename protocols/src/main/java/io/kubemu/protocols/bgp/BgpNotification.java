package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A NOTIFICATION message (RFC 4271 4.5): the error code, subcode and diagnostic data sent just before
 * a speaker closes the connection. Codes it does not know are kept, since a peer may be newer. The
 * data array is shared, not copied: treat it as read-only.
 */
public record BgpNotification(int code, int subcode, byte[] data) implements BgpMessage {
  public static final int MIN_BODY = 2;

  public BgpNotification {
    if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
      throw new IllegalArgumentException("bad NOTIFICATION code/subcode: " + code + "/" + subcode
          + " (expected: 0..255 each)");
    }
    if (data == null || data.length > BgpMessage.MAX_LENGTH - BgpMessage.HEADER_LENGTH - MIN_BODY) {
      throw new IllegalArgumentException("bad NOTIFICATION data length: " + (data == null ? "null" : data.length)
          + " (expected: 0.." + (BgpMessage.MAX_LENGTH - BgpMessage.HEADER_LENGTH - MIN_BODY) + ")");
    }
  }

  public BgpNotification(int code, int subcode) {
    this(code, subcode, new byte[0]);
  }

  /** Reads a body of at least two bytes (the header has checked that); the rest is the data. */
  static BgpNotification decodeBody(ByteReader body) {
    return new BgpNotification(body.u8("NOTIFICATION error code"), body.u8("NOTIFICATION subcode"), body.rest());
  }

  @Override
  public int type() {
    return BgpMessage.NOTIFICATION;
  }

  @Override
  public int bodyLength() {
    return MIN_BODY + data.length;
  }

  @Override
  public void encodeBody(ByteWriter w) {
    w.u8(code).u8(subcode).bytes(data);
  }

  /** The RFC's names, for example {@code "Hold Timer Expired / Unspecific"}. */
  public String describe() {
    return NotificationCodes.describe(code, subcode);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BgpNotification n && code == n.code && subcode == n.subcode && Arrays.equals(data, n.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * code + subcode) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NOTIFICATION " + code + "/" + subcode + " " + describe()
        + (data.length == 0 ? "" : " data " + HexFormat.of().formatHex(data));
  }
}
