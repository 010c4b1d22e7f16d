package io.kubemu.nodes.app.dns.resolver;

import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Record data in the presentation format the C tools print, where dnsjava's differs: an IPv6
 * address as inet_ntop(3) writes it (the longest run of zero groups as "::", an IPv4-mapped one
 * with its dotted quad), and every TXT string quoted, as BIND writes them (dnsjava leaves a
 * string without spaces bare and writes IPv6 groups in full). Other types are dnsjava's text.
 */
public final class Presentation {
  private Presentation() {}

  public static String rdata(Record r) {
    if (r.getType() == Type.AAAA) {
      return ipv6(((AAAARecord) r).getAddress().getAddress());
    }
    if (r.getType() == Type.TXT) {
      List<byte[]> strings = ((TXTRecord) r).getStringsAsByteArrays();
      StringBuilder sb = new StringBuilder();
      for (byte[] s : strings) {
        sb.append(sb.length() == 0 ? "" : " ").append(quoted(s));
      }
      return sb.toString();
    }
    return r.rdataToString();
  }

  /** A character-string in quotes: '"' and '\' escaped with a backslash, other bytes outside printable ASCII as \DDD. */
  static String quoted(byte[] s) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : s) {
      int c = b & 0xFF;
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c < 0x20 || c > 0x7E) {
        sb.append(String.format("\\%03d", c));
      } else {
        sb.append((char) c);
      }
    }
    return sb.append('"').toString();
  }

  /**
   * inet_ntop(AF_INET6): lower-case hex groups, the first longest run of two or more zero groups as
   * "::"; an IPv4-compatible or -mapped address ends in its dotted quad.
   */
  static String ipv6(byte[] a) {
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
    }
    int best = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLength && j - i >= 2) {
        best = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (best == 0 && (bestLength == 6 || (bestLength == 7 && words[7] != 1) || (bestLength == 5 && words[5] == 0xFFFF))) {
      return (bestLength == 5 ? "::ffff:" : "::") + (a[12] & 0xFF) + "." + (a[13] & 0xFF) + "." + (a[14] & 0xFF) + "." + (a[15] & 0xFF);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == best) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(words[i]));
    }
    return sb.toString();
  }
}
