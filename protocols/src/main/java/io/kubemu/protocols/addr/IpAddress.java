package io.kubemu.protocols.addr;

/** An IPv4 or IPv6 address. */
public sealed interface IpAddress permits Ipv4Address, Ipv6Address {
  byte[] toBytes();

  /** Parses either family: text with a ':' is IPv6. */
  static IpAddress parse(String text) {
    return text.indexOf(':') >= 0 ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
  }
}
