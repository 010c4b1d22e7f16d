package io.kubemu.protocols.ipv4;

/** IANA protocol numbers carried in the IPv4 protocol field and the IPv6 next-header field. */
public final class IpProtocol {
  public static final int ICMP = 1;
  public static final int IGMP = 2;
  public static final int IPIP = 4;
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int ICMPV6 = 58;
  public static final int SCTP = 132;

  private IpProtocol() {}

  /** The lowercase name, e.g. "tcp", or "unknown(253)" for a number without one here. */
  public static String name(int protocol) {
    return switch (protocol) {
      case ICMP -> "icmp";
      case IGMP -> "igmp";
      case IPIP -> "ipip";
      case TCP -> "tcp";
      case UDP -> "udp";
      case ICMPV6 -> "icmpv6";
      case SCTP -> "sctp";
      default -> "unknown(" + protocol + ")";
    };
  }
}
