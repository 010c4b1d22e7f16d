package io.kubemu.protocols.http;

import java.util.Optional;

/** An HTTP-version (RFC 9112 section 2.3): {@code HTTP/1.1}. */
public record HttpVersion(int major, int minor) {
  public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
  public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

  public HttpVersion {
    if (major < 0 || major > 9 || minor < 0 || minor > 9) {
      throw new IllegalArgumentException("bad HTTP version: " + major + "." + minor + " (expected: one digit each)");
    }
  }

  /** {@code HTTP/DIGIT.DIGIT}, case-sensitive as the grammar says; empty for anything else. */
  public static Optional<HttpVersion> parse(String text) {
    if (text.length() != 8 || !text.startsWith("HTTP/") || text.charAt(6) != '.'
        || !isDigit(text.charAt(5)) || !isDigit(text.charAt(7))) {
      return Optional.empty();
    }
    return Optional.of(new HttpVersion(text.charAt(5) - '0', text.charAt(7) - '0'));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Connections persist unless closed: HTTP/1.1 and later (RFC 9112 section 9.3). */
  public boolean persistentByDefault() {
    return major > 1 || (major == 1 && minor >= 1);
  }

  @Override
  public String toString() {
    return "HTTP/" + major + "." + minor;
  }
}
