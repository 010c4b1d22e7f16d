package io.kubemu.nodes.stack;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Optional;

/**
 * What an ICMP error quotes of the packet that caused it (RFC 792: the IP header and at least
 * 8 bytes after it): protocol, addresses, and the first two 16-bit words, which are the ports of
 * TCP and UDP, or the type/code and checksum of ICMP.
 */
public record IcmpQuote(int protocol, Ipv4Address source, Ipv4Address destination, int first, int second, int icmpType,
    int echoIdentifier) {

  /** The quote inside a Destination Unreachable or Time Exceeded; empty for other messages or a short quote. */
  public static Optional<IcmpQuote> of(IcmpMessage error) {
    if (error.type() != IcmpMessage.DESTINATION_UNREACHABLE && error.type() != IcmpMessage.TIME_EXCEEDED) {
      return Optional.empty();
    }
    try {
      ByteReader r = new ByteReader(error.body());
      int ihl = (r.peekU8(0, "quoted IPv4 header") & 0x0F) * 4;
      int protocol = r.peekU8(9, "quoted protocol");
      r.skip(12, "quoted IPv4 header");
      Ipv4Address source = Ipv4Address.decode(r);
      Ipv4Address destination = Ipv4Address.decode(r);
      r.skip(ihl - 20, "quoted IPv4 options");
      int first = r.u16("quoted first word");
      int second = r.u16("quoted second word");
      int identifier = protocol == IpProtocol.ICMP ? r.u16("quoted echo identifier") : -1;
      return Optional.of(new IcmpQuote(protocol, source, destination, first, second, first >>> 8, identifier));
    } catch (MalformedPacketException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The errno text an ICMP error turns into for a socket (Linux's icmp_err_convert). */
  public static String errno(IcmpMessage error) {
    if (error.type() == IcmpMessage.TIME_EXCEEDED) {
      return "No route to host";
    }
    return switch (error.code()) {
      case 0, 6, 11 -> "Network is unreachable";
      case 2 -> "Protocol not available";
      case 3, 9, 10 -> "Connection refused";
      case 4 -> "Message too long";
      case 7 -> "Host is down";
      default -> "No route to host";
    };
  }
}
