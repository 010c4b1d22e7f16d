package io.kubemu.protocols.addr;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.math.BigInteger;

/**
 * An IPv6 address as two 64-bit halves. {@link #parse} reads every RFC 4291 text form;
 * {@link #toString} writes the RFC 5952 canonical form, with IPv4-mapped addresses
 * ({@code ::ffff:0:0/96}) in the mixed notation that RFC 5952 section 5 recommends.
 */
public record Ipv6Address(long high, long low) implements IpAddress, Comparable<Ipv6Address> {
  public static final Ipv6Address ANY = new Ipv6Address(0, 0);
  public static final Ipv6Address LOOPBACK = new Ipv6Address(0, 1);

  private static final long MAPPED_PREFIX = 0xFFFF_0000_0000L;

  /** Parses RFC 4291 text: eight groups, one {@code ::}, and a dotted IPv4 tail; throws IllegalArgumentException naming the text. */
  public static Ipv6Address parse(String text) {
    return Ipv6Text.parse(text);
  }

  /** The address from its 16 network-order bytes. */
  public static Ipv6Address fromBytes(byte[] b) {
    if (b.length != 16) {
      throw new IllegalArgumentException("bad IPv6 address length: " + b.length + " bytes (expected: 16)");
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (b[i] & 0xFF);
      low = (low << 8) | (b[8 + i] & 0xFF);
    }
    return new Ipv6Address(high, low);
  }

  /** The address {@code ::ffff:a.b.c.d} that stands for an IPv4 address (RFC 4291 section 2.5.5.2). */
  public static Ipv6Address ipv4Mapped(Ipv4Address v4) {
    return new Ipv6Address(0, MAPPED_PREFIX | v4.unsigned());
  }

  /** The address from an unsigned integer below 2^128. */
  public static Ipv6Address fromBigInteger(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 128) {
      throw new IllegalArgumentException("bad IPv6 address value: " + value + " (expected: 0..2^128-1)");
    }
    return new Ipv6Address(value.shiftRight(64).longValue(), value.longValue());
  }

  public static Ipv6Address decode(ByteReader r) {
    long high = r.i64("IPv6 address");
    return new Ipv6Address(high, r.i64("IPv6 address"));
  }

  public void encode(ByteWriter w) {
    w.i64(high).i64(low);
  }

  /** The 16-bit group {@code i} (0..7), most significant first. */
  public int group(int i) {
    if (i < 0 || i > 7) {
      throw new IllegalArgumentException("bad IPv6 group index: " + i + " (expected: 0..7)");
    }
    long half = i < 4 ? high : low;
    return (int) (half >>> (48 - 16 * (i & 3))) & 0xFFFF;
  }

  public boolean isIpv4Mapped() {
    return high == 0 && (low >>> 32) == 0xFFFF;
  }

  /** The IPv4 address in the low 32 bits, e.g. of an IPv4-mapped address. */
  public Ipv4Address lowIpv4() {
    return new Ipv4Address((int) low);
  }

  /** This address plus {@code n} (which may be negative), wrapping modulo 2^128 like {@link Ipv4Address#plus}. */
  public Ipv6Address plus(long n) {
    long newLow = low + n;
    long carry = Long.compareUnsigned(newLow, low) < 0 ? 1 : 0;
    return new Ipv6Address(high + (n >> 63) + carry, newLow);
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, toBytes());
  }

  @Override
  public byte[] toBytes() {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (high >>> (56 - 8 * i));
      b[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return b;
  }

  @Override
  public int compareTo(Ipv6Address o) {
    int c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public String toString() {
    return Ipv6Text.format(this);
  }
}
