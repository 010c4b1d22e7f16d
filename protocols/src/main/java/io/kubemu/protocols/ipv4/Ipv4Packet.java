package io.kubemu.protocols.ipv4;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Checksum;
import io.kubemu.protocols.wire.Encodable;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 packet (RFC 791): header fields, raw options and payload. Version, header length,
 * total length and checksum are derived, so they are always consistent. The arrays are not
 * copied: a packet owns the arrays given to it, and nobody may change them afterwards.
 */
public record Ipv4Packet(int tos, int identification, int flagsAndFragment, int ttl, int protocol,
    Ipv4Address source, Ipv4Address destination, byte[] options, byte[] payload) implements Encodable {
  public static final int MIN_HEADER_LENGTH = 20;
  public static final int MAX_OPTIONS_LENGTH = 40;
  public static final int MAX_TOTAL_LENGTH = 0xFFFF;
  /** The Don't Fragment flag in {@link #flagsAndFragment}. */
  public static final int DF = 0x4000;
  /** The More Fragments flag in {@link #flagsAndFragment}. */
  public static final int MF = 0x2000;
  private static final int OFFSET_MASK = 0x1FFF;
  private static final byte[] NO_OPTIONS = new byte[0];

  public Ipv4Packet {
    checkField("TOS", tos, 0xFF);
    checkField("identification", identification, 0xFFFF);
    checkField("flags and fragment offset", flagsAndFragment, 0xFFFF);
    checkField("TTL", ttl, 0xFF);
    checkField("protocol", protocol, 0xFF);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(payload, "payload");
    if (options.length % 4 != 0 || options.length > MAX_OPTIONS_LENGTH) {
      throw new IllegalArgumentException(
          "bad IPv4 options length: " + options.length + " (expected: a multiple of 4, at most 40)");
    }
    int total = MIN_HEADER_LENGTH + options.length + payload.length;
    if (total > MAX_TOTAL_LENGTH) {
      throw new IllegalArgumentException("bad IPv4 total length: " + total + " (expected: <= 65535)");
    }
  }

  private static void checkField(String what, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException("bad IPv4 " + what + ": " + value + " (expected: 0.." + max + ")");
    }
  }

  /** A packet with Don't Fragment set, TOS 0 and no options, as Linux sends by default. */
  public static Ipv4Packet of(int protocol, Ipv4Address source, Ipv4Address destination, int ttl,
      int identification, byte[] payload) {
    return new Ipv4Packet(0, identification, DF, ttl, protocol, source, destination, NO_OPTIONS, payload);
  }

  /**
   * Reads one packet: exactly total-length bytes. Bytes after it, such as Ethernet padding, stay
   * unread in {@code r}.
   */
  public static Ipv4Packet decode(ByteReader r) {
    int start = r.position();
    int versionAndIhl = r.u8("IPv4 version and header length");
    if (versionAndIhl >>> 4 != 4) {
      throw new MalformedPacketException(start, "bad IP version: " + (versionAndIhl >>> 4) + " (expected: 4)");
    }
    int headerLength = (versionAndIhl & 0xF) * 4;
    if (headerLength < MIN_HEADER_LENGTH) {
      throw new MalformedPacketException(start, "bad IPv4 header length: " + headerLength + " (expected: 20..60)");
    }
    int tos = r.u8("IPv4 TOS");
    int totalLength = r.u16("IPv4 total length");
    int identification = r.u16("IPv4 identification");
    int flagsAndFragment = r.u16("IPv4 flags and fragment offset");
    int ttl = r.u8("IPv4 TTL");
    int protocol = r.u8("IPv4 protocol");
    int checksum = r.u16("IPv4 header checksum");
    Ipv4Address source = Ipv4Address.decode(r);
    Ipv4Address destination = Ipv4Address.decode(r);
    byte[] options = headerLength == MIN_HEADER_LENGTH ? NO_OPTIONS : r.bytes(headerLength - MIN_HEADER_LENGTH, "IPv4 options");
    long sum = headerSum(versionAndIhl, tos, totalLength, identification, flagsAndFragment, ttl, protocol, source,
        destination, options);
    if (Checksum.finish(Checksum.addU16(sum, checksum)) != 0) {
      throw new MalformedPacketException(start + 10, String.format("bad IPv4 header checksum: 0x%04x (expected: 0x%04x)",
          checksum, headerChecksum(r.array(), start, headerLength)));
    }
    if (totalLength < headerLength) {
      throw new MalformedPacketException(start + 2,
          "bad IPv4 total length: " + totalLength + " (expected: >= header length " + headerLength + ")");
    }
    if (totalLength - headerLength > r.remaining()) {
      throw new MalformedPacketException(start + 2, "bad IPv4 total length: " + totalLength
          + " (expected: <= " + (headerLength + r.remaining()) + ", the bytes available)");
    }
    byte[] payload = r.bytes(totalLength - headerLength, "IPv4 payload");
    return new Ipv4Packet(tos, identification, flagsAndFragment, ttl, protocol, source, destination, options, payload);
  }

  /** The value for the checksum field of the {@code len}-byte header at {@code off}; the field's own bytes count as zero. */
  public static int headerChecksum(byte[] header, int off, int len) {
    if (off < 0 || len < MIN_HEADER_LENGTH || len > header.length - off) {
      throw new IllegalArgumentException("bad IPv4 header range: " + off + "+" + len
          + " (expected: at least 20 bytes within " + header.length + ")");
    }
    long sum = Checksum.add(0, header, off, 10);
    return Checksum.finish(Checksum.add(sum, header, off + 12, len - 12));
  }

  @Override
  public void encode(ByteWriter w) {
    int versionAndIhl = 0x40 | headerLength() / 4;
    long sum = headerSum(versionAndIhl, tos, totalLength(), identification, flagsAndFragment, ttl, protocol, source,
        destination, options);
    w.u8(versionAndIhl).u8(tos).u16(totalLength()).u16(identification).u16(flagsAndFragment)
        .u8(ttl).u8(protocol).u16(Checksum.finish(sum));
    source.encode(w);
    destination.encode(w);
    w.bytes(options);
    w.bytes(payload);
  }

  /**
   * The sum of the header's 16-bit words but the checksum, taken from the fields: the same words
   * that summing the encoded header would add, without reading them back.
   */
  private static long headerSum(int versionAndIhl, int tos, int totalLength, int identification, int flagsAndFragment,
      int ttl, int protocol, Ipv4Address source, Ipv4Address destination, byte[] options) {
    long sum = ((versionAndIhl << 8) | tos) + totalLength + identification + flagsAndFragment + ((ttl << 8) | protocol);
    sum = Checksum.addU32(sum, source.bits());
    sum = Checksum.addU32(sum, destination.bits());
    return Checksum.add(sum, options, 0, options.length);
  }

  @Override
  public int length() {
    return totalLength();
  }

  public int headerLength() {
    return MIN_HEADER_LENGTH + options.length;
  }

  public int totalLength() {
    return headerLength() + payload.length;
  }

  public boolean dontFragment() {
    return (flagsAndFragment & DF) != 0;
  }

  public boolean moreFragments() {
    return (flagsAndFragment & MF) != 0;
  }

  /** The fragment offset in bytes (the field counts 8-byte units). */
  public int fragmentOffset() {
    return (flagsAndFragment & OFFSET_MASK) * 8;
  }

  /** Whether this is part of a fragmented packet: More Fragments set or a non-zero offset. */
  public boolean isFragment() {
    return moreFragments() || (flagsAndFragment & OFFSET_MASK) != 0;
  }

  public Ipv4Packet withTtl(int newTtl) {
    return new Ipv4Packet(tos, identification, flagsAndFragment, newTtl, protocol, source, destination, options, payload);
  }

  public Ipv4Packet withSource(Ipv4Address newSource) {
    return new Ipv4Packet(tos, identification, flagsAndFragment, ttl, protocol, newSource, destination, options, payload);
  }

  public Ipv4Packet withDestination(Ipv4Address newDestination) {
    return new Ipv4Packet(tos, identification, flagsAndFragment, ttl, protocol, source, newDestination, options, payload);
  }

  public Ipv4Packet withPayload(byte[] newPayload) {
    return new Ipv4Packet(tos, identification, flagsAndFragment, ttl, protocol, source, destination, options, newPayload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv4Packet p && tos == p.tos && identification == p.identification
        && flagsAndFragment == p.flagsAndFragment && ttl == p.ttl && protocol == p.protocol
        && source.equals(p.source) && destination.equals(p.destination)
        && Arrays.equals(options, p.options) && Arrays.equals(payload, p.payload);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(tos, identification, flagsAndFragment, ttl, protocol, source, destination);
    return 31 * (31 * h + Arrays.hashCode(options)) + Arrays.hashCode(payload);
  }

  /** Reads like tcpdump: {@code IPv4 10.0.0.1 > 10.0.0.2 proto icmp ttl 64 len 84}. */
  @Override
  public String toString() {
    String text = "IPv4 " + source + " > " + destination + " proto " + IpProtocol.name(protocol)
        + " ttl " + ttl + " len " + totalLength();
    return isFragment() ? text + " frag id " + identification + " off " + fragmentOffset() + (moreFragments() ? "+" : "") : text;
  }
}
