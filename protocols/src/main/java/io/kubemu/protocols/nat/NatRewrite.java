package io.kubemu.protocols.nat;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.wire.MalformedPacketException;

/**
 * Rewrites a packet's addresses and ports as NAT does: the IPv4 header is re-encoded, and the
 * TCP or UDP checksum is adjusted incrementally (RFC 1624, eqn. 3) for the changed pseudo-header
 * addresses and ports rather than summed again. For ICMP echo, the identifier plays the port's
 * part (as in Linux's conntrack) and the ICMP checksum, which covers no pseudo-header, changes
 * with it alone. Other protocols have only their addresses rewritten.
 */
public final class NatRewrite {
  private NatRewrite() {}

  /** The "ports" of a packet as conntrack sees them: TCP/UDP ports, or an ICMP echo identifier twice. */
  public record Ports(int source, int destination) {}

  /** The ports of a TCP or UDP packet or an ICMP echo; null for anything else or a payload too short to hold them. */
  public static Ports ports(Ipv4Packet p) {
    byte[] b = p.payload();
    switch (p.protocol()) {
      case IpProtocol.TCP -> {
        return b.length < 20 ? null : new Ports(u16(b, 0), u16(b, 2)); // a whole TCP header, or nothing to track
      }
      case IpProtocol.UDP -> {
        return b.length < 8 ? null : new Ports(u16(b, 0), u16(b, 2));
      }
      case IpProtocol.ICMP -> {
        if (b.length < 8 || (b[0] != 8 && b[0] != 0)) {
          return null;
        }
        return new Ports(u16(b, 4), u16(b, 4));
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * The packet with new addresses and ports. For ICMP echo only {@code sourcePort} is used, as
   * the new identifier. Throws {@link MalformedPacketException} when the transport header is
   * too short to hold what must change.
   */
  public static Ipv4Packet rewrite(Ipv4Packet p, Ipv4Address source, int sourcePort, Ipv4Address destination,
      int destinationPort) {
    byte[] b = p.payload().clone();
    int checksumAt = switch (p.protocol()) {
      case IpProtocol.TCP -> 16;
      case IpProtocol.UDP -> 6;
      case IpProtocol.ICMP -> 2;
      default -> -1;
    };
    if (checksumAt >= 0 && b.length < checksumAt + 2) {
      throw new MalformedPacketException(0, "transport header too short to rewrite: " + b.length + " bytes");
    }
    if (checksumAt >= 0) {
      boolean udpNoChecksum = p.protocol() == IpProtocol.UDP && u16(b, 6) == 0;
      long sum = ~u16(b, checksumAt) & 0xFFFF;
      if (p.protocol() == IpProtocol.ICMP) {
        sum = replace(sum, u16(b, 4), sourcePort);
        put16(b, 4, sourcePort);
      } else {
        sum = replace32(sum, p.source().bits(), source.bits());
        sum = replace32(sum, p.destination().bits(), destination.bits());
        sum = replace(sum, u16(b, 0), sourcePort);
        sum = replace(sum, u16(b, 2), destinationPort);
        put16(b, 0, sourcePort);
        put16(b, 2, destinationPort);
      }
      int folded = (int) fold(sum);
      int checksum = ~folded & 0xFFFF;
      if (udpNoChecksum) {
        checksum = 0;
      } else if (p.protocol() == IpProtocol.UDP && checksum == 0) {
        checksum = 0xFFFF; // RFC 768: a computed zero is sent as all ones
      }
      put16(b, checksumAt, checksum);
    }
    return new Ipv4Packet(p.tos(), p.identification(), p.flagsAndFragment(), p.ttl(), p.protocol(), source, destination,
        p.options(), b);
  }

  private static long replace(long sum, int oldWord, int newWord) {
    return sum + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
  }

  private static long replace32(long sum, int oldBits, int newBits) {
    return replace(replace(sum, oldBits >>> 16, newBits >>> 16), oldBits & 0xFFFF, newBits & 0xFFFF);
  }

  private static long fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return sum;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static void put16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }
}
