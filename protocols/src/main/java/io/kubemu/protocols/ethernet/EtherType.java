package io.kubemu.protocols.ethernet;

/**
 * The EtherType numbers kubemu speaks (IEEE 802 registry). Frames with any other number still
 * decode: {@link EthernetFrame} keeps the number and {@link #name(int)} says {@code unknown(0x....)}.
 */
public final class EtherType {
  public static final int IPV4 = 0x0800;
  public static final int ARP = 0x0806;
  public static final int VLAN = 0x8100;
  public static final int IPV6 = 0x86DD;

  private EtherType() {}

  /** A short lower-case name for logs and {@code toString}: {@code ipv4}, {@code arp}, {@code unknown(0x88cc)}. */
  public static String name(int etherType) {
    return switch (etherType) {
      case IPV4 -> "ipv4";
      case ARP -> "arp";
      case VLAN -> "vlan";
      case IPV6 -> "ipv6";
      default -> String.format("unknown(0x%04x)", etherType);
    };
  }
}
