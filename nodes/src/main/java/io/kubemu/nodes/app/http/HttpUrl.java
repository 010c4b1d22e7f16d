package io.kubemu.nodes.app.http;

import java.util.Optional;

/**
 * An {@code http://} URL as curl and wget take it on their command line: the scheme may be left
 * out, the port defaults to 80, the target to {@code /}. {@code authority} is the host and port
 * as written (what busybox wget sends as Host).
 */
public record HttpUrl(String host, int port, boolean portGiven, String target, String authority) {
  /** The URL, or empty when it is not an http URL with a host and a port in 1..65535. */
  public static Optional<HttpUrl> parse(String url) {
    String rest = url;
    int scheme = rest.indexOf("://");
    if (scheme >= 0) {
      if (!rest.substring(0, scheme).equalsIgnoreCase("http")) {
        return Optional.empty();
      }
      rest = rest.substring(scheme + 3);
    }
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    String target = rest.substring(end);
    int hash = target.indexOf('#');
    target = hash >= 0 ? target.substring(0, hash) : target;
    target = target.isEmpty() ? "/" : target.startsWith("/") ? target : "/" + target;
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = authority.lastIndexOf(':');
    String host = colon >= 0 ? authority.substring(0, colon) : authority;
    int port = 80;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    if (host.isEmpty() || port < 1 || port > 65535 || target.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
      return Optional.empty();
    }
    return Optional.of(new HttpUrl(host, port, colon >= 0, target, authority));
  }

  /** The Host field curl sends: the port only when it is not 80. */
  public String hostHeader() {
    return port == 80 ? host : host + ":" + port;
  }

  /** {@code http://host[:port]/target}, as curl prints the effective URL. */
  public String text() {
    return "http://" + hostHeader() + target;
  }
}
