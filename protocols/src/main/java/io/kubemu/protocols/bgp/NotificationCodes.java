package io.kubemu.protocols.bgp;

import java.util.Map;

/**
 * The NOTIFICATION error codes and subcodes of RFC 4271 section 4.5 (with Unsupported Capability
 * from RFC 5492, the Finite State Machine Error subcodes of RFC 6608 and the Cease subcodes of RFC
 * 4486 and 8538), and their names as the RFCs write them, for logs and the {@code kubemu bgp} view.
 */
public final class NotificationCodes {
  public static final int MESSAGE_HEADER_ERROR = 1;
  public static final int OPEN_MESSAGE_ERROR = 2;
  public static final int UPDATE_MESSAGE_ERROR = 3;
  public static final int HOLD_TIMER_EXPIRED = 4;
  public static final int FSM_ERROR = 5;
  public static final int CEASE = 6;

  // Message Header Error subcodes
  public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
  public static final int BAD_MESSAGE_LENGTH = 2;
  public static final int BAD_MESSAGE_TYPE = 3;

  // OPEN Message Error subcodes
  public static final int UNSUPPORTED_VERSION = 1;
  public static final int BAD_PEER_AS = 2;
  public static final int BAD_BGP_IDENTIFIER = 3;
  public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
  public static final int UNACCEPTABLE_HOLD_TIME = 6;
  public static final int UNSUPPORTED_CAPABILITY = 7;

  // UPDATE Message Error subcodes
  public static final int MALFORMED_ATTRIBUTE_LIST = 1;
  public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
  public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
  public static final int ATTRIBUTE_FLAGS_ERROR = 4;
  public static final int ATTRIBUTE_LENGTH_ERROR = 5;
  public static final int INVALID_ORIGIN = 6;
  public static final int INVALID_NEXT_HOP = 8;
  public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
  public static final int INVALID_NETWORK_FIELD = 10;
  public static final int MALFORMED_AS_PATH = 11;

  // Finite State Machine Error subcodes (RFC 6608): the state in which the unexpected message came
  public static final int UNEXPECTED_IN_OPEN_SENT = 1;
  public static final int UNEXPECTED_IN_OPEN_CONFIRM = 2;
  public static final int UNEXPECTED_IN_ESTABLISHED = 3;

  // Cease subcodes (RFC 4486); BIRD, FRR and Calico's BIRD send Administrative Shutdown on a stop
  public static final int ADMINISTRATIVE_SHUTDOWN = 2;
  public static final int ADMINISTRATIVE_RESET = 4;

  /** Subcode 0 of any code: no subcode fits (RFC 4271 4.5). */
  public static final int UNSPECIFIC = 0;

  private static final Map<Integer, String> CODES = Map.of(
      MESSAGE_HEADER_ERROR, "Message Header Error",
      OPEN_MESSAGE_ERROR, "OPEN Message Error",
      UPDATE_MESSAGE_ERROR, "UPDATE Message Error",
      HOLD_TIMER_EXPIRED, "Hold Timer Expired",
      FSM_ERROR, "Finite State Machine Error",
      CEASE, "Cease");

  private static final Map<Integer, String[]> SUBCODES = Map.of(
      MESSAGE_HEADER_ERROR, new String[] {null,
          "Connection Not Synchronized", "Bad Message Length", "Bad Message Type"},
      OPEN_MESSAGE_ERROR, new String[] {null,
          "Unsupported Version Number", "Bad Peer AS", "Bad BGP Identifier", "Unsupported Optional Parameter",
          "Authentication Failure", "Unacceptable Hold Time", "Unsupported Capability"},
      UPDATE_MESSAGE_ERROR, new String[] {null,
          "Malformed Attribute List", "Unrecognized Well-known Attribute", "Missing Well-known Attribute",
          "Attribute Flags Error", "Attribute Length Error", "Invalid ORIGIN Attribute", "AS Routing Loop",
          "Invalid NEXT_HOP Attribute", "Optional Attribute Error", "Invalid Network Field", "Malformed AS_PATH"},
      FSM_ERROR, new String[] {null,
          "Receive Unexpected Message in OpenSent State", "Receive Unexpected Message in OpenConfirm State",
          "Receive Unexpected Message in Established State"},
      CEASE, new String[] {null,
          "Maximum Number of Prefixes Reached", "Administrative Shutdown", "Peer De-configured", "Administrative Reset",
          "Connection Rejected", "Other Configuration Change", "Connection Collision Resolution", "Out of Resources",
          "Hard Reset"});

  private NotificationCodes() {}

  /** For example {@code "OPEN Message Error / Unacceptable Hold Time"}; numbers stand in for unknown codes. */
  public static String describe(int code, int subcode) {
    String codeName = CODES.getOrDefault(code, "error code " + code);
    String[] names = SUBCODES.get(code);
    String subName;
    if (subcode == UNSPECIFIC) {
      subName = "Unspecific";
    } else if (names != null && subcode < names.length) {
      subName = names[subcode];
    } else {
      subName = "subcode " + subcode;
    }
    return codeName + " / " + subName;
  }
}
