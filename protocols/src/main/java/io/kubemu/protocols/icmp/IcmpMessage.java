package io.kubemu.protocols.icmp;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Checksum;
import io.kubemu.protocols.wire.Encodable;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;

/**
 * An ICMP message (RFC 792). {@code rest} is the second 32-bit word of the header: identifier and
 * sequence for echo, zero or the next-hop MTU (RFC 1191) for errors. The checksum is not a field:
 * {@link #encode} computes it and {@link #decode} verifies it.
 *
 * <p>The body array is shared, not copied: a message owns the array given to it, and nobody may
 * change it afterwards.
 */
public record IcmpMessage(int type, int code, int rest, byte[] body) implements Encodable {
  /** The IPv4 protocol number of ICMP. */
  public static final int IP_PROTOCOL = 1;
  public static final int HEADER_LENGTH = 8;
  /** An IPv4 datagram holds at most 65535 - 20 bytes of ICMP; the body is that less the header. */
  public static final int MAX_BODY = 65535 - 20 - HEADER_LENGTH;

  public static final int ECHO_REPLY = 0;
  public static final int DESTINATION_UNREACHABLE = 3;
  public static final int ECHO_REQUEST = 8;
  public static final int TIME_EXCEEDED = 11;

  /** Destination-unreachable codes (RFC 792, RFC 1812 5.2.7.1). */
  public static final int NET = 0;
  public static final int HOST = 1;
  public static final int PROTOCOL = 2;
  public static final int PORT = 3;
  public static final int FRAGMENTATION_NEEDED = 4;
  public static final int ADMIN_PROHIBITED = 13;

  /** Time-exceeded codes (RFC 792). */
  public static final int TTL_EXCEEDED_IN_TRANSIT = 0;
  public static final int FRAGMENT_REASSEMBLY_TIME_EXCEEDED = 1;

  /** An ICMP error's own IP datagram stays within 576 bytes (RFC 1812 4.3.2.3): 20 of IP header, 8 of ICMP. */
  static final int MAX_QUOTE = 576 - 20 - HEADER_LENGTH;

  public IcmpMessage {
    if (type < 0 || type > 255) {
      throw new IllegalArgumentException("bad ICMP type: " + type + " (expected: 0..255)");
    }
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("bad ICMP code: " + code + " (expected: 0..255)");
    }
    if (body == null || body.length > MAX_BODY) {
      throw new IllegalArgumentException("bad ICMP body length: "
          + (body == null ? "null" : body.length) + " (expected: 0.." + MAX_BODY + ")");
    }
  }

  public static IcmpMessage echoRequest(int identifier, int sequence, byte[] data) {
    return new IcmpMessage(ECHO_REQUEST, 0, echoWord(identifier, sequence), data);
  }

  /** The reply to this echo request: same identifier, sequence and data (RFC 792). */
  public IcmpMessage echoReply() {
    if (type != ECHO_REQUEST) {
      throw new IllegalStateException("echo reply to " + typeName(type) + " (expected: echo request)");
    }
    return new IcmpMessage(ECHO_REPLY, 0, rest, body);
  }

  public static IcmpMessage destinationUnreachable(int code, byte[] originalIpPacket) {
    return new IcmpMessage(DESTINATION_UNREACHABLE, code, 0, quote(originalIpPacket));
  }

  /** "Fragmentation needed and DF set", carrying the next-hop MTU for path MTU discovery (RFC 1191). */
  public static IcmpMessage fragmentationNeeded(int nextHopMtu, byte[] originalIpPacket) {
    if (nextHopMtu < 0 || nextHopMtu > 0xFFFF) {
      throw new IllegalArgumentException("bad next-hop MTU: " + nextHopMtu + " (expected: 0..65535)");
    }
    return new IcmpMessage(DESTINATION_UNREACHABLE, FRAGMENTATION_NEEDED, nextHopMtu, quote(originalIpPacket));
  }

  public static IcmpMessage timeExceeded(int code, byte[] originalIpPacket) {
    return new IcmpMessage(TIME_EXCEEDED, code, 0, quote(originalIpPacket));
  }

  /**
   * The original IP header and as much of its payload as keeps the error within 576 bytes
   * (RFC 1812 4.3.2.3). That is always more than the header plus 8 bytes RFC 792 asks for, since
   * an IPv4 header is at most 60 bytes.
   */
  static byte[] quote(byte[] originalIpPacket) {
    if (originalIpPacket == null || originalIpPacket.length < 20 || (originalIpPacket[0] & 0xF0) != 0x40) {
      throw new IllegalArgumentException("bad original IP packet: "
          + (originalIpPacket == null ? "null" : originalIpPacket.length + " bytes")
          + " (expected: an IPv4 packet of at least 20 bytes)");
    }
    return Arrays.copyOf(originalIpPacket, Math.min(originalIpPacket.length, MAX_QUOTE));
  }

  private static int echoWord(int identifier, int sequence) {
    if (identifier < 0 || identifier > 0xFFFF || sequence < 0 || sequence > 0xFFFF) {
      throw new IllegalArgumentException("bad echo identifier/sequence: " + identifier + "/" + sequence
          + " (expected: 0..65535 each)");
    }
    return (identifier << 16) | sequence;
  }

  public static IcmpMessage decode(ByteReader r) {
    int start = r.position();
    if (r.remaining() < HEADER_LENGTH) {
      throw new MalformedPacketException(start,
          "truncated ICMP header: " + r.remaining() + " bytes (expected: at least " + HEADER_LENGTH + ")");
    }
    if (r.remaining() - HEADER_LENGTH > MAX_BODY) {
      throw new MalformedPacketException(start,
          "ICMP message too long: " + r.remaining() + " bytes (expected: at most " + (HEADER_LENGTH + MAX_BODY) + ")");
    }
    int length = r.remaining();
    int type = r.u8("ICMP type");
    int code = r.u8("ICMP code");
    int checksum = r.u16("ICMP checksum");
    int rest = r.i32("ICMP rest of header");
    byte[] body = r.rest();
    byte[] data = r.array();
    if (Checksum.of(data, start, length) != 0) {
      long withoutField = Checksum.add(Checksum.add(0, data, start, 2), data, start + 4, length - 4);
      throw new MalformedPacketException(start + 2, String.format(
          "bad ICMP checksum: 0x%04x (expected: 0x%04x)", checksum, Checksum.finish(withoutField)));
    }
    return new IcmpMessage(type, code, rest, body);
  }

  @Override
  public void encode(ByteWriter w) {
    int start = w.position();
    w.u8(type).u8(code).u16(0).u32(rest & 0xFFFFFFFFL).bytes(body);
    w.setU16(start + 2, w.checksum(start, w.position(), 0));
  }

  @Override
  public int length() {
    return HEADER_LENGTH + body.length;
  }

  public int identifier() {
    return rest >>> 16;
  }

  public int sequence() {
    return rest & 0xFFFF;
  }

  /** The next-hop MTU of a "fragmentation needed" error (RFC 1191); 0 when the router did not say. */
  public int nextHopMtu() {
    return rest & 0xFFFF;
  }

  public boolean isEcho() {
    return type == ECHO_REQUEST || type == ECHO_REPLY;
  }

  /** Whether this is an error that quotes the packet that caused it (RFC 792, RFC 1812 4.3.2.3). */
  public boolean isError() {
    return type == DESTINATION_UNREACHABLE || type == TIME_EXCEEDED || type == 4 || type == 5 || type == 12;
  }

  /** The IP header and leading payload of the packet that caused this error. */
  public byte[] quotedPacket() {
    if (!isError()) {
      throw new IllegalStateException("quoted packet of " + typeName(type) + " (expected: an ICMP error)");
    }
    return body;
  }

  public static String typeName(int type) {
    return switch (type) {
      case ECHO_REPLY -> "echo reply";
      case DESTINATION_UNREACHABLE -> "destination unreachable";
      case 4 -> "source quench";
      case 5 -> "redirect";
      case ECHO_REQUEST -> "echo request";
      case TIME_EXCEEDED -> "time exceeded";
      case 12 -> "parameter problem";
      case 13 -> "timestamp request";
      case 14 -> "timestamp reply";
      default -> "unknown(" + type + ")";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcmpMessage m
        && type == m.type && code == m.code && rest == m.rest && Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * type + code) + rest) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    if (isEcho()) {
      return "ICMP " + typeName(type) + " id " + identifier() + " seq " + sequence() + " len " + body.length;
    }
    return "ICMP " + typeName(type) + " code " + code + " len " + body.length;
  }
}
