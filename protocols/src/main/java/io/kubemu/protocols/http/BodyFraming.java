package io.kubemu.protocols.http;

import java.util.List;

/**
 * How a message's body is delimited, by the rules of RFC 9112 section 6.3: none, a Content-Length,
 * chunked transfer coding, or (responses only) the end of the connection.
 */
record BodyFraming(Kind kind, long length) {
  enum Kind { NONE, FIXED, CHUNKED, UNTIL_CLOSE }

  static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0);
  static final BodyFraming CHUNKED = new BodyFraming(Kind.CHUNKED, -1);
  static final BodyFraming UNTIL_CLOSE = new BodyFraming(Kind.UNTIL_CLOSE, -1);

  /**
   * A request's framing. A Transfer-Encoding must be exactly {@code chunked} and comes without a
   * Content-Length (both at once is how requests are smuggled); no header at all means no body.
   * Throws IllegalArgumentException with the problem; {@link #unsupportedCoding} tells 501 from 400.
   */
  static BodyFraming ofRequest(HttpHeaders h) {
    if (h.contains("Transfer-Encoding")) {
      if (h.contains("Content-Length")) {
        throw new IllegalArgumentException("both Transfer-Encoding and Content-Length in a request (expected: one of them)");
      }
      List<String> codings = codings(h);
      if (!codings.equals(List.of("chunked"))) {
        throw new IllegalArgumentException("unsupported Transfer-Encoding: " + HttpSyntax.quote(String.join(", ", codings))
            + " (expected: chunked)");
      }
      return CHUNKED;
    }
    long length = contentLength(h);
    return length <= 0 ? NONE : new BodyFraming(Kind.FIXED, length);
  }

  /** True when a request's Transfer-Encoding names a coding other than chunked (501, not 400). */
  static boolean unsupportedCoding(HttpHeaders h) {
    return codings(h).stream().anyMatch(c -> !c.equals("chunked"));
  }

  /** A response's framing: none for HEAD, 1xx, 204 and 304; a final chunked coding; a length; else until close. */
  static BodyFraming ofResponse(String requestMethod, int status, HttpHeaders h) {
    long length = h.contains("Transfer-Encoding") ? -1 : contentLength(h);
    if (requestMethod.equals("HEAD") || HttpStatus.forbidsBody(status)
        || (requestMethod.equals("CONNECT") && status / 100 == 2)) {
      return NONE;
    }
    if (h.contains("Transfer-Encoding")) {
      List<String> codings = codings(h);
      return !codings.isEmpty() && codings.get(codings.size() - 1).equals("chunked") ? CHUNKED : UNTIL_CLOSE;
    }
    return length < 0 ? UNTIL_CLOSE : new BodyFraming(Kind.FIXED, length);
  }

  /** The transfer codings, lower-cased, without parameters. */
  static List<String> codings(HttpHeaders h) {
    return h.tokens("Transfer-Encoding").stream().map(c -> HttpSyntax.trimOws(c.split(";", 2)[0])).toList();
  }

  /**
   * The Content-Length, -1 when absent. Repeated values (in one line or several) must agree
   * (RFC 9110 section 8.6); anything but up to 18 digits throws IllegalArgumentException.
   */
  static long contentLength(HttpHeaders h) {
    long length = -1;
    for (String value : h.all("Content-Length")) {
      for (String element : value.split(",", -1)) {
        String digits = HttpSyntax.trimOws(element);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new IllegalArgumentException("bad Content-Length: " + HttpSyntax.quote(value)
              + " (expected: a decimal number of at most 18 digits)");
        }
        long n = Long.parseLong(digits);
        if (length >= 0 && n != length) {
          throw new IllegalArgumentException("conflicting Content-Length values: " + length + " and " + n
              + " (expected: one value)");
        }
        length = n;
      }
    }
    return length;
  }
}
