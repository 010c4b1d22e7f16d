package io.kubemu.protocols.addr;

import java.util.Objects;

/**
 * An IPv4 block such as {@code 10.244.0.0/16}. The network address must have its host bits
 * zero; {@link #containing} masks any address into its block. For /31 and /32 the rules of
 * RFC 3021 apply: every address is a host address and the only broadcast is 255.255.255.255.
 */
public record Ipv4Cidr(Ipv4Address network, int prefixLength) implements Cidr, Comparable<Ipv4Cidr> {
  private static final String FORM = "a.b.c.d/n";

  public Ipv4Cidr {
    Objects.requireNonNull(network, "network");
    CidrText.checkPrefix(prefixLength, 32);
    if ((network.bits() & ~mask(prefixLength)) != 0) {
      throw CidrText.hostBitsSet(network + "/" + prefixLength, containing(network, prefixLength));
    }
  }

  /** Parses {@code a.b.c.d/n} strictly; throws IllegalArgumentException naming the text. */
  public static Ipv4Cidr parse(String text) {
    return CidrText.parse(text, 32, FORM, Ipv4Address::parse, Ipv4Cidr::containing);
  }

  /** The {@code /prefixLength} block that holds {@code address}: its host bits masked off. */
  public static Ipv4Cidr containing(Ipv4Address address, int prefixLength) {
    CidrText.checkPrefix(prefixLength, 32);
    return new Ipv4Cidr(new Ipv4Address(address.bits() & mask(prefixLength)), prefixLength);
  }

  private static int mask(int prefixLength) {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  @Override
  public int maxPrefixLength() {
    return 32;
  }

  /** The mask as an address, e.g. 255.255.255.0 for /24. */
  public Ipv4Address netmask() {
    return new Ipv4Address(mask(prefixLength));
  }

  /** The number of addresses: 2^(32 - prefix). */
  public long size() {
    return 1L << (32 - prefixLength);
  }

  /** The number of addresses between {@link #firstHost} and {@link #lastHost}. */
  public long hostCount() {
    return prefixLength >= 31 ? size() : size() - 2;
  }

  @Override
  public boolean contains(IpAddress address) {
    return address instanceof Ipv4Address v4 && (v4.bits() & mask(prefixLength)) == network.bits();
  }

  @Override
  public long subnetCount(int newPrefix) {
    CidrText.checkSubnetPrefix(this, newPrefix);
    return 1L << (newPrefix - prefixLength);
  }

  @Override
  public Ipv4Cidr subnet(int newPrefix, long index) {
    CidrText.checkSubnetPrefix(this, newPrefix);
    CidrText.checkIndex("/" + newPrefix + " subnet", index, newPrefix - prefixLength, this);
    return new Ipv4Cidr(network.plus(index << (32 - newPrefix)), newPrefix);
  }

  @Override
  public Ipv4Address address(long index) {
    CidrText.checkIndex("address", index, 32 - prefixLength, this);
    return network.plus(index);
  }

  @Override
  public Ipv4Address lastAddress() {
    return new Ipv4Address(network.bits() | ~mask(prefixLength));
  }

  /** The directed broadcast address; for /31 and /32, which have none (RFC 3021), the limited broadcast. */
  public Ipv4Address broadcast() {
    return prefixLength >= 31 ? Ipv4Address.BROADCAST : lastAddress();
  }

  /** The address after the network address; for /31 and /32 the network address itself. */
  @Override
  public Ipv4Address firstHost() {
    return prefixLength >= 31 ? network : network.plus(1);
  }

  /** The address before the broadcast address; for /31 and /32 the last address. */
  @Override
  public Ipv4Address lastHost() {
    return prefixLength >= 31 ? lastAddress() : lastAddress().plus(-1);
  }

  /**
   * Blocks of one size differ only above their prefix (a /26's low 6 bits are all zero), and hash
   * maps index by the low bits: the network is mixed so that they spread.
   */
  @Override
  public int hashCode() {
    return Ipv4Address.mix(network.bits()) ^ prefixLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv4Cidr c && prefixLength == c.prefixLength && network.equals(c.network);
  }

  /** Orders by network address, then shorter prefix first. */
  @Override
  public int compareTo(Ipv4Cidr o) {
    int c = network.compareTo(o.network);
    return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
