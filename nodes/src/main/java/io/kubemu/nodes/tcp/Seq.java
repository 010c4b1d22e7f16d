package io.kubemu.nodes.tcp;

/** Sequence-number arithmetic modulo 2^32 (RFC 9293 3.4): numbers are ints, compared by their difference. */
final class Seq {
  private Seq() {}

  static boolean lt(int a, int b) {
    return a - b < 0;
  }

  static boolean le(int a, int b) {
    return a - b <= 0;
  }

  static boolean gt(int a, int b) {
    return a - b > 0;
  }

  static boolean ge(int a, int b) {
    return a - b >= 0;
  }

  static int max(int a, int b) {
    return ge(a, b) ? a : b;
  }

  static long unsigned(int seq) {
    return Integer.toUnsignedLong(seq);
  }
}
