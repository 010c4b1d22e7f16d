package io.kubemu.protocols.addr;

/** The text forms of IPv6 addresses: RFC 4291 section 2.2 to read, RFC 5952 to write. */
final class Ipv6Text {
  private Ipv6Text() {}

  static Ipv6Address parse(String text) {
    if (text.isEmpty()) {
      throw bad(text, "eight groups of hex digits, '::' for zeros");
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int n = text.length();
    int i = 0;
    if (text.startsWith("::")) {
      gap = 0;
      i = 2;
    } else if (text.charAt(0) == ':') {
      throw bad(text, "no single leading ':'");
    }
    while (i < n) {
      int end = text.indexOf(':', i);
      end = end < 0 ? n : end;
      String piece = text.substring(i, end);
      if (piece.indexOf('.') >= 0) {
        if (end != n || count > 6) {
          throw bad(text, "a dotted IPv4 part only as the last 32 bits");
        }
        int v4 = parseIpv4(text, piece);
        groups[count++] = v4 >>> 16;
        groups[count++] = v4 & 0xFFFF;
        break;
      }
      if (count == 8) {
        throw bad(text, "at most eight groups");
      }
      groups[count++] = parseGroup(text, piece);
      if (end == n) {
        break;
      }
      if (end + 1 < n && text.charAt(end + 1) == ':') {
        if (gap >= 0) {
          throw bad(text, "at most one '::'");
        }
        gap = count;
        i = end + 2;
      } else if (end + 1 == n) {
        throw bad(text, "no single trailing ':'");
      } else {
        i = end + 1;
      }
    }
    if (gap < 0 && count != 8) {
      throw bad(text, "eight groups, or '::' for the missing ones");
    }
    if (gap >= 0 && count > 7) {
      throw bad(text, "'::' to stand for at least one group");
    }
    return assemble(groups, count, gap);
  }

  private static Ipv6Address assemble(int[] groups, int count, int gap) {
    int[] full = new int[8];
    if (gap < 0) {
      System.arraycopy(groups, 0, full, 0, 8);
    } else {
      System.arraycopy(groups, 0, full, 0, gap);
      int tail = count - gap;
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long high = 0;
    long low = 0;
    for (int g = 0; g < 4; g++) {
      high = (high << 16) | full[g];
      low = (low << 16) | full[4 + g];
    }
    return new Ipv6Address(high, low);
  }

  private static int parseGroup(String text, String piece) {
    if (piece.isEmpty() || piece.length() > 4) {
      throw bad(text, "groups of 1 to 4 hex digits");
    }
    int v = 0;
    for (int k = 0; k < piece.length(); k++) {
      int d = hexDigit(piece.charAt(k));
      if (d < 0) {
        throw bad(text, "hex digits 0-9, a-f");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static int parseIpv4(String text, String piece) {
    try {
      return Ipv4Address.parse(piece).bits();
    } catch (IllegalArgumentException e) {
      throw bad(text, "a dotted IPv4 tail a.b.c.d with decimal octets 0..255");
    }
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static IllegalArgumentException bad(String text, String expected) {
    return new IllegalArgumentException("bad IPv6 address: '" + text + "' (expected: " + expected + ")");
  }

  /** RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups (leftmost on ties) as '::'. */
  static String format(Ipv6Address a) {
    if (a.isIpv4Mapped()) {
      return "::ffff:" + a.lowIpv4();
    }
    int runStart = -1;
    int runLength = 1;
    for (int i = 0; i < 8; ) {
      if (a.group(i) != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && a.group(j) == 0) {
        j++;
      }
      if (j - i > runLength) {
        runStart = i;
        runLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == runStart) {
        sb.append("::");
        i += runLength - 1;
        continue;
      }
      if (i > 0 && i != runStart + runLength) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(a.group(i)));
    }
    return sb.toString();
  }
}
