package io.kubemu.protocols.addr;

import java.util.function.BiFunction;
import java.util.function.Function;

/** The text of CIDR blocks, {@code address/prefix}, and the range checks that both families share. */
record CidrText(String address, int prefix) {
  /** Parses {@code address/prefix} strictly: a block whose network has host bits set is an error naming the right one. */
  static <A extends IpAddress, C extends Cidr> C parse(String text, int maxPrefix, String form,
      Function<String, A> parseAddress, BiFunction<A, Integer, C> containing) {
    CidrText parts = split(text, maxPrefix, form);
    A address;
    try {
      address = parseAddress.apply(parts.address());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad CIDR: '" + text + "' (expected: " + form + ")", e);
    }
    C block = containing.apply(address, parts.prefix());
    if (!block.network().equals(address)) {
      throw hostBitsSet(text, block);
    }
    return block;
  }

  private static CidrText split(String text, int maxPrefix, String form) {
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw new IllegalArgumentException("bad CIDR: '" + text + "' (expected: " + form + ")");
    }
    String digits = text.substring(slash + 1);
    if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw new IllegalArgumentException(
          "bad CIDR: '" + text + "' (expected: " + form + " with a decimal prefix length 0.." + maxPrefix + ")");
    }
    int prefix = Integer.parseInt(digits);
    if (prefix > maxPrefix) {
      throw new IllegalArgumentException(
          "bad CIDR: '" + text + "' has prefix length " + prefix + " (expected: 0.." + maxPrefix + ")");
    }
    return new CidrText(text.substring(0, slash), prefix);
  }

  static IllegalArgumentException hostBitsSet(String text, Cidr expected) {
    return new IllegalArgumentException("bad CIDR: '" + text + "' has host bits set (expected: " + expected + ")");
  }

  static void checkPrefix(int prefix, int maxPrefix) {
    if (prefix < 0 || prefix > maxPrefix) {
      throw new IllegalArgumentException("bad prefix length: " + prefix + " (expected: 0.." + maxPrefix + ")");
    }
  }

  static void checkSubnetPrefix(Cidr block, int newPrefix) {
    if (newPrefix < block.prefixLength() || newPrefix > block.maxPrefixLength()) {
      throw new IllegalArgumentException("bad subnet prefix length: " + newPrefix
          + " (expected: " + block.prefixLength() + ".." + block.maxPrefixLength() + " for " + block + ")");
    }
  }

  /** Checks {@code 0 <= index < 2^bits}; every non-negative long passes when bits >= 63. */
  static void checkIndex(String what, long index, int bits, Cidr block) {
    if (index < 0 || (bits < 63 && index >= (1L << bits))) {
      String range = bits < 63 ? "0.." + ((1L << bits) - 1) : ">= 0";
      throw new IllegalArgumentException("bad " + what + " index: " + index + " (expected: " + range + " in " + block + ")");
    }
  }
}
