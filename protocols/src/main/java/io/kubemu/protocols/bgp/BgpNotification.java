package io.kubemu.protocols.bgp;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A NOTIFICATION message (RFC 4271 4.5): the error code, subcode and diagnostic data sent just before
 * a speaker closes the connection. Codes it does not know are kept, since a peer may be newer. The
 * data array is shared, not copied: treat it as read-only. A Cease for an administrative shutdown or
 * reset may carry a shutdown communication (RFC 9003), a line for the peer's operator: BIRD sends one
 * for {@code birdc disable <peer> "text"} and logs the one it receives.
 */
public record BgpNotification(int code, int subcode, byte[] data) implements BgpMessage {
  public static final int MIN_BODY = 2;
  /** The longest shutdown communication, in octets of UTF-8 (RFC 9003 2). */
  public static final int MAX_COMMUNICATION = 255;

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

  /** Cease / Administrative Shutdown with a shutdown communication: a length octet, then the UTF-8 text. */
  public static BgpNotification shutdown(String communication) {
    byte[] text = communication.getBytes(UTF_8);
    if (text.length > MAX_COMMUNICATION) {
      throw new IllegalArgumentException("shutdown communication too long: " + text.length + " octets (expected: <= "
          + MAX_COMMUNICATION + ")");
    }
    byte[] data = new byte[1 + text.length];
    data[0] = (byte) text.length;
    System.arraycopy(text, 0, data, 1, text.length);
    return new BgpNotification(NotificationCodes.CEASE, NotificationCodes.ADMINISTRATIVE_SHUTDOWN, data);
  }

  /**
   * The shutdown communication of a Cease / Administrative Shutdown or Reset, when the data is one: a
   * length octet that counts the rest, which is UTF-8. Anything else is only data: RFC 9003 3 lets a
   * malformed communication be logged, never be an error.
   */
  public Optional<String> shutdownCommunication() {
    boolean administrative = code == NotificationCodes.CEASE && (subcode == NotificationCodes.ADMINISTRATIVE_SHUTDOWN
        || subcode == NotificationCodes.ADMINISTRATIVE_RESET);
    if (!administrative || data.length == 0 || (data[0] & 0xFF) != data.length - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(UTF_8.newDecoder().decode(ByteBuffer.wrap(data, 1, data.length - 1)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
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
    Optional<String> communication = shutdownCommunication();
    if (communication.isPresent()) {
      return "NOTIFICATION " + code + "/" + subcode + " " + describe() + ": \"" + communication.get() + "\"";
    }
    return "NOTIFICATION " + code + "/" + subcode + " " + describe()
        + (data.length == 0 ? "" : " data " + HexFormat.of().formatHex(data));
  }
}
