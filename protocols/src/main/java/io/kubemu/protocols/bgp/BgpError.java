package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.MalformedPacketException;

/**
 * Bad BGP bytes, together with the NOTIFICATION that RFC 4271 section 6 says must answer them. A
 * session sends {@link #notification()} and resets; it never has to work out the code itself. Being a
 * {@link MalformedPacketException}, it is still the one exception a decoder throws.
 */
public final class BgpError extends MalformedPacketException {
  private final BgpNotification notification;

  public BgpError(int offset, int code, int subcode, byte[] data, String problem) {
    this(offset, new BgpNotification(code, subcode, data), problem);
  }

  private BgpError(int offset, BgpNotification notification, String problem) {
    super(offset, problem + " (" + NotificationCodes.describe(notification.code(), notification.subcode()) + ")");
    this.notification = notification;
  }

  /** The NOTIFICATION to send to the peer before closing the connection. */
  public BgpNotification notification() {
    return notification;
  }

  static BgpError header(int offset, int subcode, byte[] data, String problem) {
    return new BgpError(offset, NotificationCodes.MESSAGE_HEADER_ERROR, subcode, data, problem);
  }

  static BgpError open(int offset, int subcode, byte[] data, String problem) {
    return new BgpError(offset, NotificationCodes.OPEN_MESSAGE_ERROR, subcode, data, problem);
  }

  static BgpError update(int offset, int subcode, byte[] data, String problem) {
    return new BgpError(offset, NotificationCodes.UPDATE_MESSAGE_ERROR, subcode, data, problem);
  }
}
