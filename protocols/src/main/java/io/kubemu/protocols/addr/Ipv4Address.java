package io.kubemu.protocols.addr;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;

/** An IPv4 address as its 32 bits. */
public record Ipv4Address(int bits) implements IpAddress, Comparable<Ipv4Address> {
  public static final Ipv4Address ANY = new Ipv4Address(0);
  public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

  public static Ipv4Address of(int a, int b, int c, int d) {
    for (int octet : new int[] {a, b, c, d}) {
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("bad IPv4 octet: " + octet + " (expected: 0..255)");
      }
    }
    return new Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
  }

  /** Parses dotted-quad text such as {@code 10.244.1.5}; throws IllegalArgumentException naming the text. */
  public static Ipv4Address parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("bad IPv4 address: '" + text + "' (expected: a.b.c.d)");
    }
    int bits = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
          || (p.length() > 1 && p.charAt(0) == '0')) {
        throw new IllegalArgumentException("bad IPv4 address: '" + text + "' (expected: a.b.c.d, decimal octets)");
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        throw new IllegalArgumentException("bad IPv4 address: '" + text + "' (expected: octets 0..255)");
      }
      bits = (bits << 8) | v;
    }
    return new Ipv4Address(bits);
  }

  public static Ipv4Address decode(ByteReader r) {
    return new Ipv4Address(r.i32("IPv4 address"));
  }

  public void encode(ByteWriter w) {
    w.u32(bits & 0xFFFFFFFFL);
  }

  public long unsigned() {
    return bits & 0xFFFFFFFFL;
  }

  public Ipv4Address plus(long n) {
    return new Ipv4Address((int) (unsigned() + n));
  }

  public byte[] toBytes() {
    return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
  }

  // equals and hashCode written out: the generated ones are not always inlined on the per-packet path (map keys).
  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv4Address a && bits == a.bits;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(bits);
  }

  /**
   * Address bits through murmur3's finalizer: a bijection (no two addresses share a value) whose
   * low bits, where hash tables index, depend on every bit. For keys that differ only in their
   * middle bits, such as the /26 blocks of one pool, whose plain bits would crowd a sixty-fourth of
   * the buckets. HashMap's own {@code h ^ (h >>> 16)} undoes only the last step, and what stays is
   * still mixed.
   */
  public static int mix(int bits) {
    int h = bits;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  @Override
  public int compareTo(Ipv4Address o) {
    return Integer.compareUnsigned(bits, o.bits);
  }

  @Override
  public String toString() {
    return ((bits >>> 24) & 0xFF) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
  }
}
