package io.kubemu.protocols.addr;

/**
 * A block of addresses: a network address whose host bits are zero and a prefix length, written
 * {@code 10.244.0.0/16} or {@code fd00:10:244::/56}. Holds the arithmetic that node IPAM and
 * cluster CIDR splitting use: containment, overlap, and the n-th subnet or address of a block.
 * Addresses and blocks of the other family are never contained and never overlap.
 */
public sealed interface Cidr permits Ipv4Cidr, Ipv6Cidr {
  /** Parses either family strictly: text with a ':' is IPv6; host bits set is an error naming the expected block. */
  static Cidr parse(String text) {
    return text.indexOf(':') >= 0 ? Ipv6Cidr.parse(text) : Ipv4Cidr.parse(text);
  }

  IpAddress network();

  int prefixLength();

  /** 32 or 128: the number of bits in an address of this family. */
  int maxPrefixLength();

  boolean contains(IpAddress address);

  /** Whether every address of {@code other} is in this block. */
  default boolean contains(Cidr other) {
    return other.prefixLength() >= prefixLength() && contains(other.network());
  }

  /** Whether the two blocks share an address; two CIDR blocks overlap only when one contains the other. */
  default boolean overlaps(Cidr other) {
    return contains(other.network()) || other.contains(network());
  }

  /** How many {@code /newPrefix} blocks this block splits into. */
  long subnetCount(int newPrefix);

  /** The {@code index}-th {@code /newPrefix} block inside this one: 10.244.0.0/16 split into /24, index 2, is 10.244.2.0/24. */
  Cidr subnet(int newPrefix, long index);

  /** The {@code index}-th address of the block, counting the network address as 0. */
  IpAddress address(long index);

  IpAddress lastAddress();

  /** The first address to hand to a host. */
  IpAddress firstHost();

  /** The last address to hand to a host. */
  IpAddress lastHost();
}
