package io.kubemu.protocols.addr;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An IPv6 block such as {@code fd00:10:244::/56}. The network address must have its host bits
 * zero; {@link #containing} masks any address into its block. IPv6 has no broadcast: the first
 * host skips the Subnet-Router anycast address (RFC 4291 section 2.6.1) except on /127 point-to-point
 * links (RFC 6164) and /128, and the last host is the last address.
 */
public record Ipv6Cidr(Ipv6Address network, int prefixLength) implements Cidr, Comparable<Ipv6Cidr> {
  private static final String FORM = "ipv6-address/n";

  public Ipv6Cidr {
    Objects.requireNonNull(network, "network");
    CidrText.checkPrefix(prefixLength, 128);
    if ((network.high() & ~highMask(prefixLength)) != 0 || (network.low() & ~lowMask(prefixLength)) != 0) {
      throw CidrText.hostBitsSet(network + "/" + prefixLength, containing(network, prefixLength));
    }
  }

  /** Parses {@code address/n} strictly; throws IllegalArgumentException naming the text. */
  public static Ipv6Cidr parse(String text) {
    return CidrText.parse(text, 128, FORM, Ipv6Address::parse, Ipv6Cidr::containing);
  }

  /** The {@code /prefixLength} block that holds {@code address}: its host bits masked off. */
  public static Ipv6Cidr containing(Ipv6Address address, int prefixLength) {
    CidrText.checkPrefix(prefixLength, 128);
    return new Ipv6Cidr(new Ipv6Address(address.high() & highMask(prefixLength),
        address.low() & lowMask(prefixLength)), prefixLength);
  }

  private static long highMask(int prefixLength) {
    return prefixLength >= 64 ? -1L : prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
  }

  private static long lowMask(int prefixLength) {
    return prefixLength <= 64 ? 0 : -1L << (128 - prefixLength);
  }

  @Override
  public int maxPrefixLength() {
    return 128;
  }

  /** The number of addresses: 2^(128 - prefix). */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(128 - prefixLength);
  }

  @Override
  public boolean contains(IpAddress address) {
    return address instanceof Ipv6Address v6
        && (v6.high() & highMask(prefixLength)) == network.high()
        && (v6.low() & lowMask(prefixLength)) == network.low();
  }

  /** The count as a long: {@code newPrefix} may be at most 62 bits longer than this prefix. */
  @Override
  public long subnetCount(int newPrefix) {
    CidrText.checkSubnetPrefix(this, newPrefix);
    if (newPrefix - prefixLength > 62) {
      throw new IllegalArgumentException("bad subnet prefix length: " + newPrefix + " (expected: at most "
          + (prefixLength + 62) + " for " + this + ", so that the count fits a long)");
    }
    return 1L << (newPrefix - prefixLength);
  }

  @Override
  public Ipv6Cidr subnet(int newPrefix, long index) {
    CidrText.checkSubnetPrefix(this, newPrefix);
    CidrText.checkIndex("/" + newPrefix + " subnet", index, newPrefix - prefixLength, this);
    BigInteger offset = BigInteger.valueOf(index).shiftLeft(128 - newPrefix);
    return new Ipv6Cidr(Ipv6Address.fromBigInteger(network.toBigInteger().or(offset)), newPrefix);
  }

  @Override
  public Ipv6Address address(long index) {
    CidrText.checkIndex("address", index, 128 - prefixLength, this);
    return network.plus(index);
  }

  @Override
  public Ipv6Address lastAddress() {
    return new Ipv6Address(network.high() | ~highMask(prefixLength), network.low() | ~lowMask(prefixLength));
  }

  @Override
  public Ipv6Address firstHost() {
    return prefixLength >= 127 ? network : network.plus(1);
  }

  @Override
  public Ipv6Address lastHost() {
    return lastAddress();
  }

  /** Orders by network address, then shorter prefix first. */
  @Override
  public int compareTo(Ipv6Cidr o) {
    int c = network.compareTo(o.network);
    return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
