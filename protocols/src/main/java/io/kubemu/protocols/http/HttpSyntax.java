package io.kubemu.protocols.http;

import java.nio.charset.StandardCharsets;

/** The character classes of RFC 9110 section 5.6 and RFC 9112, and quoting of bad input for messages. */
final class HttpSyntax {
  private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";
  private static final int QUOTE_MAX = 64;

  private HttpSyntax() {}

  static boolean isTchar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || (c < 128 && TCHAR_SYMBOLS.indexOf(c) >= 0);
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** field-vchar, SP or HTAB: what a field value or a reason phrase may hold (obs-text included). */
  static boolean isFieldChar(int c) {
    return c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF);
  }

  static boolean isFieldText(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isFieldChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A request-target: visible ASCII, no whitespace. */
  static boolean isTarget(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  static boolean isOws(int c) {
    return c == ' ' || c == '\t';
  }

  /** Strips optional whitespace (SP, HTAB) at both ends. */
  static String trimOws(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isOws(s.charAt(from))) {
      from++;
    }
    while (to > from && isOws(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Bad input for an error message: quoted, control bytes escaped, cut at 64 characters. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < Math.min(s.length(), QUOTE_MAX); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || c > 0xFF) {
        sb.append(String.format("\\x%02x", (int) c & 0xFF));
      } else {
        sb.append(c);
      }
    }
    return sb.append(s.length() > QUOTE_MAX ? "...'" : "'").toString();
  }
}
