package io.kubemu.protocols.udp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Checksum;
import io.kubemu.protocols.wire.Encodable;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;

/**
 * A UDP datagram (RFC 768). The checksum covers the IPv4 pseudo-header, so it is computed by
 * {@link #of} and checked by {@link #checksumValid}, both given the addresses; 0 means the sender
 * sent none.
 *
 * <p>The payload array is shared, not copied: a datagram owns the array given to it, and nobody
 * may change it afterwards.
 */
public record UdpDatagram(int sourcePort, int destinationPort, int checksum, byte[] payload) implements Encodable {
  /** The IPv4 protocol number of UDP. */
  public static final int IP_PROTOCOL = 17;
  public static final int HEADER_LENGTH = 8;
  /** 65535 less the IPv4 header (20) and the UDP header (8). */
  public static final int MAX_PAYLOAD = 65507;

  public UdpDatagram {
    checkU16("UDP source port", sourcePort);
    checkU16("UDP destination port", destinationPort);
    checkU16("UDP checksum", checksum);
    if (payload == null || payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("bad UDP payload length: "
          + (payload == null ? "null" : payload.length) + " (expected: 0.." + MAX_PAYLOAD + ")");
    }
  }

  private static void checkU16(String what, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("bad " + what + ": " + value + " (expected: 0..65535)");
    }
  }

  /** A datagram with its checksum computed over the pseudo-header; a computed 0 is sent as 0xFFFF (RFC 768). */
  public static UdpDatagram of(Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort, byte[] payload) {
    int sum = new UdpDatagram(srcPort, dstPort, 0, payload).sum(src, dst);
    return new UdpDatagram(srcPort, dstPort, sum == 0 ? 0xFFFF : sum, payload);
  }

  /** True when the checksum verifies against the pseudo-header, or when there is none (0). */
  public boolean checksumValid(Ipv4Address src, Ipv4Address dst) {
    return checksum == 0 || sum(src, dst) == 0;
  }

  /** The checksum over the pseudo-header, this header (checksum field included) and the payload, without encoding. */
  private int sum(Ipv4Address src, Ipv4Address dst) {
    long sum = Checksum.ipv4PseudoHeader(src.bits(), dst.bits(), IP_PROTOCOL, length());
    sum = Checksum.addU32(sum, (sourcePort << 16) | destinationPort);
    sum = Checksum.addU32(sum, (length() << 16) | checksum);
    return Checksum.finish(Checksum.add(sum, payload, 0, payload.length));
  }

  /** Reads exactly the datagram's length field worth of bytes; anything after it stays in the reader. */
  public static UdpDatagram decode(ByteReader r) {
    int start = r.position();
    if (r.remaining() < HEADER_LENGTH) {
      throw new MalformedPacketException(start,
          "truncated UDP header: " + r.remaining() + " bytes (expected: at least " + HEADER_LENGTH + ")");
    }
    int sourcePort = r.u16("UDP source port");
    int destinationPort = r.u16("UDP destination port");
    int length = r.u16("UDP length");
    int checksum = r.u16("UDP checksum");
    if (length < HEADER_LENGTH) {
      throw new MalformedPacketException(start + 4, "bad UDP length: " + length + " (expected: >= " + HEADER_LENGTH + ")");
    }
    if (length - HEADER_LENGTH > r.remaining()) {
      throw new MalformedPacketException(start + 4, "UDP length beyond available bytes: " + length
          + " (expected: <= " + (HEADER_LENGTH + r.remaining()) + ")");
    }
    if (length - HEADER_LENGTH > MAX_PAYLOAD) {
      throw new MalformedPacketException(start + 4,
          "UDP length too large: " + length + " (expected: <= " + (HEADER_LENGTH + MAX_PAYLOAD) + ")");
    }
    byte[] payload = r.bytes(length - HEADER_LENGTH, "UDP payload");
    return new UdpDatagram(sourcePort, destinationPort, checksum, payload);
  }

  @Override
  public void encode(ByteWriter w) {
    w.u16(sourcePort).u16(destinationPort).u16(length()).u16(checksum).bytes(payload);
  }

  @Override
  public int length() {
    return HEADER_LENGTH + payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UdpDatagram d && sourcePort == d.sourcePort && destinationPort == d.destinationPort
        && checksum == d.checksum && Arrays.equals(payload, d.payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * sourcePort + destinationPort) + checksum) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "UDP " + sourcePort + " > " + destinationPort + " len " + payload.length;
  }
}
