package io.kubemu.protocols.tcp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Checksum;
import io.kubemu.protocols.wire.Encodable;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.List;

/**
 * A TCP segment (RFC 9293): nine flag bits including NS (RFC 3540, now AE), raw options (see
 * {@link TcpOption}) and the payload. TCP carries no length of its own, so {@link #decode} takes
 * the rest of the reader as payload: hand it a reader limited to the IP payload. The reserved
 * header bits are ignored on receipt and sent as zero.
 *
 * <p>The options and payload arrays are shared, not copied: a segment owns the arrays given to
 * it, and nobody may change them afterwards.
 */
public record TcpSegment(int sourcePort, int destinationPort, long sequence, long acknowledgment, int flags,
    int window, int checksum, int urgentPointer, byte[] options, byte[] payload) implements Encodable {
  /** The IPv4 protocol number of TCP. */
  public static final int IP_PROTOCOL = 6;
  public static final int HEADER_LENGTH = 20;
  /** An IPv4 datagram holds at most 65535 - 20 bytes of TCP, header included. */
  public static final int MAX_SEGMENT_LENGTH = 65535 - 20;

  public static final int FIN = 1;
  public static final int SYN = 2;
  public static final int RST = 4;
  public static final int PSH = 8;
  public static final int ACK = 16;
  public static final int URG = 32;
  public static final int ECE = 64;
  public static final int CWR = 128;
  public static final int NS = 256;

  /** tcpdump's letters, in tcpdump's order, for FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, NS (its "AE"). */
  private static final String FLAG_LETTERS = "FSRP.UEWe";

  public TcpSegment {
    checkRange("TCP source port", sourcePort, 0xFFFF);
    checkRange("TCP destination port", destinationPort, 0xFFFF);
    checkRange("TCP sequence number", sequence, 0xFFFFFFFFL);
    checkRange("TCP acknowledgment number", acknowledgment, 0xFFFFFFFFL);
    checkRange("TCP flags", flags, 0x1FF);
    checkRange("TCP window", window, 0xFFFF);
    checkRange("TCP checksum", checksum, 0xFFFF);
    checkRange("TCP urgent pointer", urgentPointer, 0xFFFF);
    if (options == null || options.length % 4 != 0 || options.length > TcpOption.MAX_OPTIONS_LENGTH) {
      throw new IllegalArgumentException("bad TCP options length: " + (options == null ? "null" : options.length)
          + " (expected: a multiple of 4, at most " + TcpOption.MAX_OPTIONS_LENGTH + ")");
    }
    if (payload == null || HEADER_LENGTH + options.length + payload.length > MAX_SEGMENT_LENGTH) {
      throw new IllegalArgumentException("bad TCP payload length: " + (payload == null ? "null" : payload.length)
          + " (expected: at most " + (MAX_SEGMENT_LENGTH - HEADER_LENGTH - options.length) + ")");
    }
  }

  private static void checkRange(String what, long value, long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException("bad " + what + ": " + value + " (expected: 0.." + max + ")");
    }
  }

  /** A segment with its checksum computed over the IPv4 pseudo-header (RFC 9293 3.1). */
  public static TcpSegment of(Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort, long seq, long ack,
      int flags, int window, byte[] options, byte[] payload) {
    TcpSegment unsummed = new TcpSegment(srcPort, dstPort, seq, ack, flags, window, 0, 0, options, payload);
    return unsummed.withChecksum(unsummed.sum(src, dst));
  }

  private TcpSegment withChecksum(int sum) {
    return new TcpSegment(sourcePort, destinationPort, sequence, acknowledgment, flags, window, sum,
        urgentPointer, options, payload);
  }

  public boolean checksumValid(Ipv4Address src, Ipv4Address dst) {
    return sum(src, dst) == 0;
  }

  // Over the fields as they are encoded, without encoding them: every segment sent and received is summed, and
  // encoding each to sum it was most of what TCP allocated. The header and options have an even length, so the
  // payload's words line up as in the encoded segment.
  private int sum(Ipv4Address src, Ipv4Address dst) {
    long s = Checksum.ipv4PseudoHeader(src.bits(), dst.bits(), IP_PROTOCOL, length());
    s = Checksum.addU16(s, sourcePort);
    s = Checksum.addU16(s, destinationPort);
    s = Checksum.addU32(s, (int) sequence);
    s = Checksum.addU32(s, (int) acknowledgment);
    s = Checksum.addU16(s, ((HEADER_LENGTH + options.length) / 4) << 12 | flags);
    s = Checksum.addU16(s, window);
    s = Checksum.addU16(s, checksum);
    s = Checksum.addU16(s, urgentPointer);
    s = Checksum.add(s, options, 0, options.length);
    return Checksum.finish(Checksum.add(s, payload, 0, payload.length));
  }

  /** Decodes a header and takes every byte after it as payload. */
  public static TcpSegment decode(ByteReader r) {
    int start = r.position();
    if (r.remaining() < HEADER_LENGTH) {
      throw new MalformedPacketException(start,
          "truncated TCP header: " + r.remaining() + " bytes (expected: at least " + HEADER_LENGTH + ")");
    }
    if (r.remaining() > MAX_SEGMENT_LENGTH) {
      throw new MalformedPacketException(start,
          "TCP segment too long: " + r.remaining() + " bytes (expected: at most " + MAX_SEGMENT_LENGTH + ")");
    }
    int available = r.remaining();
    int sourcePort = r.u16("TCP source port");
    int destinationPort = r.u16("TCP destination port");
    long sequence = r.u32("TCP sequence number");
    long acknowledgment = r.u32("TCP acknowledgment number");
    int offsetAndFlags = r.u16("TCP data offset and flags");
    int headerLength = (offsetAndFlags >>> 12) * 4;
    if (headerLength < HEADER_LENGTH) {
      throw new MalformedPacketException(start + 12,
          "bad TCP data offset: " + (headerLength / 4) + " (expected: >= 5)");
    }
    if (headerLength > available) {
      throw new MalformedPacketException(start + 12, "TCP data offset beyond available bytes: "
          + (headerLength / 4) + " (expected: <= " + (available / 4) + ")");
    }
    int window = r.u16("TCP window");
    int checksum = r.u16("TCP checksum");
    int urgentPointer = r.u16("TCP urgent pointer");
    byte[] options = r.bytes(headerLength - HEADER_LENGTH, "TCP options");
    return new TcpSegment(sourcePort, destinationPort, sequence, acknowledgment, offsetAndFlags & 0x1FF,
        window, checksum, urgentPointer, options, r.rest());
  }

  @Override
  public void encode(ByteWriter w) {
    int dataOffset = (HEADER_LENGTH + options.length) / 4;
    w.u16(sourcePort).u16(destinationPort).u32(sequence).u32(acknowledgment)
        .u16((dataOffset << 12) | flags).u16(window).u16(checksum).u16(urgentPointer)
        .bytes(options).bytes(payload);
  }

  @Override
  public int length() {
    return HEADER_LENGTH + options.length + payload.length;
  }

  /** The options field parsed; throws {@link MalformedPacketException} on malformed option lengths. */
  public List<TcpOption> parsedOptions() {
    return TcpOption.parse(options);
  }

  /** True when every bit of {@code mask} is set, e.g. {@code hasFlag(SYN | ACK)}. */
  public boolean hasFlag(int mask) {
    return (flags & mask) == mask;
  }

  /** The flags as tcpdump prints them: {@code [S]}, {@code [S.]}, {@code [P.]}, {@code [none]}. */
  public String flagsString() {
    if (flags == 0) {
      return "[none]";
    }
    StringBuilder b = new StringBuilder("[");
    for (int bit = 0; bit < FLAG_LETTERS.length(); bit++) {
      if ((flags & (1 << bit)) != 0) {
        b.append(FLAG_LETTERS.charAt(bit));
      }
    }
    return b.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TcpSegment s && sourcePort == s.sourcePort && destinationPort == s.destinationPort
        && sequence == s.sequence && acknowledgment == s.acknowledgment && flags == s.flags
        && window == s.window && checksum == s.checksum && urgentPointer == s.urgentPointer
        && Arrays.equals(options, s.options) && Arrays.equals(payload, s.payload);
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(new long[] {sourcePort, destinationPort, sequence, acknowledgment, flags, window,
        checksum, urgentPointer});
    return 31 * (31 * h + Arrays.hashCode(options)) + Arrays.hashCode(payload);
  }

  /** tcpdump-like: {@code TCP 55416 > 443 [S] seq 3766489491 win 64240 len 0}; ack only when ACK is set. */
  @Override
  public String toString() {
    return "TCP " + sourcePort + " > " + destinationPort + " " + flagsString() + " seq " + sequence
        + (hasFlag(ACK) ? " ack " + acknowledgment : "") + " win " + window + " len " + payload.length;
  }
}
