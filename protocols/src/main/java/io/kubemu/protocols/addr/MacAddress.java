package io.kubemu.protocols.addr;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;

/** A 48-bit Ethernet MAC address, kept in the low 48 bits of a long. */
public record MacAddress(long bits) {
  public static final MacAddress ZERO = new MacAddress(0);
  public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);

  public MacAddress {
    if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
      throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(bits));
    }
  }

  /** Parses {@code aa:bb:cc:dd:ee:ff} (or with '-'). */
  public static MacAddress parse(String text) {
    String[] parts = text.split("[:-]", -1);
    if (parts.length != 6) {
      throw new IllegalArgumentException("bad MAC address: '" + text + "' (expected: six hex octets aa:bb:cc:dd:ee:ff)");
    }
    long v = 0;
    for (String p : parts) {
      if (p.length() != 2 || Character.digit(p.charAt(0), 16) < 0 || Character.digit(p.charAt(1), 16) < 0) {
        throw new IllegalArgumentException("bad MAC address: '" + text + "' (expected: six hex octets aa:bb:cc:dd:ee:ff)");
      }
      v = (v << 8) | Integer.parseInt(p, 16);
    }
    return new MacAddress(v);
  }

  /** A locally administered unicast address (02:xx:...) derived from a 40-bit value, as Linux does for veths. */
  public static MacAddress local(long fortyBits) {
    return new MacAddress(0x02_00_0000_0000L | (fortyBits & 0xFF_FFFF_FFFFL));
  }

  public static MacAddress decode(ByteReader r) {
    return new MacAddress(r.u48("MAC address"));
  }

  public void encode(ByteWriter w) {
    w.u48(bits);
  }

  public boolean isBroadcast() {
    return bits == BROADCAST.bits;
  }

  public boolean isMulticast() {
    return ((bits >>> 40) & 1) == 1;
  }

  // equals and hashCode written out: the generated ones are not always inlined on the per-packet path (map keys).
  @Override
  public boolean equals(Object o) {
    return o instanceof MacAddress m && bits == m.bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      int octet = (int) ((bits >>> shift) & 0xFF);
      sb.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
      if (shift > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
