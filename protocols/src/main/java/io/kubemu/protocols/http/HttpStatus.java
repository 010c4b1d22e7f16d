package io.kubemu.protocols.http;

import java.util.Map;

/** Status codes (RFC 9110 section 15) and their usual reason phrases. */
public final class HttpStatus {
  public static final int OK = 200;
  public static final int NO_CONTENT = 204;
  public static final int NOT_MODIFIED = 304;
  public static final int BAD_REQUEST = 400;
  public static final int NOT_FOUND = 404;
  public static final int METHOD_NOT_ALLOWED = 405;
  public static final int CONTENT_TOO_LARGE = 413;
  public static final int HEADER_FIELDS_TOO_LARGE = 431;
  public static final int NOT_IMPLEMENTED = 501;
  public static final int VERSION_NOT_SUPPORTED = 505;

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(100, "Continue"), Map.entry(101, "Switching Protocols"),
      Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
      Map.entry(203, "Non-Authoritative Information"), Map.entry(204, "No Content"), Map.entry(206, "Partial Content"),
      Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
      Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
      Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"), Map.entry(413, "Content Too Large"),
      Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"), Map.entry(417, "Expectation Failed"),
      Map.entry(418, "I'm a teapot"), Map.entry(429, "Too Many Requests"),
      Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
      Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"));

  private HttpStatus() {}

  /** The reason phrase for a code; empty for codes without a registered one. */
  public static String reason(int code) {
    return REASONS.getOrDefault(code, "");
  }

  /** 1xx, 204 and 304 responses never have a body (RFC 9112 section 6.3). */
  public static boolean forbidsBody(int code) {
    return code < 200 || code == NO_CONTENT || code == NOT_MODIFIED;
  }
}
