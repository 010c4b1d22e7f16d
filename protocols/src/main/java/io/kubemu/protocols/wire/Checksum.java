package io.kubemu.protocols.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The internet checksum (RFC 1071): a ones' complement sum of 16-bit words, folded and inverted. */
public final class Checksum {
  private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private Checksum() {}

  /**
   * Adds {@code len} bytes from {@code off} to a running 32-bit-plus sum; an odd tail is padded
   * with zero. It sums 32-bit words, which {@link #finish} folds to the same value as 16-bit words,
   * since 2^16 is 1 modulo 0xFFFF (RFC 1071 section 2(B)).
   */
  public static long add(long sum, byte[] data, int off, int len) {
    int i = off;
    int end = off + len;
    for (; i + 3 < end; i += 4) {
      sum += (int) U32.get(data, i) & 0xFFFF_FFFFL;
    }
    for (; i + 1 < end; i += 2) {
      sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (data[i] & 0xFF) << 8;
    }
    return sum;
  }

  public static long addU16(long sum, int word) {
    return sum + (word & 0xFFFF);
  }

  public static long addU32(long sum, int word) {
    return sum + ((word >>> 16) & 0xFFFF) + (word & 0xFFFF);
  }

  /** Folds the carries and inverts: the value to put in a checksum field. */
  public static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  /** The sum of the IPv4 pseudo-header (RFC 768, RFC 793) that UDP and TCP checksums start from. */
  public static long ipv4PseudoHeader(int srcBits, int dstBits, int protocol, int length) {
    long sum = addU32(0, srcBits);
    sum = addU32(sum, dstBits);
    sum = addU16(sum, protocol);
    return addU16(sum, length);
  }

  public static int of(byte[] data, int off, int len) {
    return finish(add(0, data, off, len));
  }
}
