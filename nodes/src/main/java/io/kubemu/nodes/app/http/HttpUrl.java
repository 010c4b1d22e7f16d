package io.kubemu.nodes.app.http;

import java.util.Optional;

/**
 * An {@code http://} (or, for curl, {@code https://}) URL as curl and wget take it on their
 * command line: the scheme may be left out, the port defaults to 80 (443 with TLS), the target to
 * {@code /}. {@code authority} is the host and port as written (what busybox wget sends as Host).
 */
public record HttpUrl(String host, int port, boolean portGiven, String target, String authority, boolean tls) {
  /** A plain http URL. */
  public HttpUrl(String host, int port, boolean portGiven, String target, String authority) {
    this(host, port, portGiven, target, authority, false);
  }

  /** The URL, or empty when it is not an http URL with a host and a port in 1..65535. */
  public static Optional<HttpUrl> parse(String url) {
    return parse(url, false);
  }

  /** As {@link #parse(String)}; with {@code https}, https URLs are taken too. */
  public static Optional<HttpUrl> parse(String url, boolean https) {
    String rest = url;
    int scheme = rest.indexOf("://");
    boolean tls = false;
    if (scheme >= 0) {
      String name = rest.substring(0, scheme);
      tls = https && name.equalsIgnoreCase("https");
      if (!name.equalsIgnoreCase("http") && !tls) {
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
    int port = tls ? 443 : 80;
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
    return Optional.of(new HttpUrl(host, port, colon >= 0, target, authority, tls));
  }

  /** The Host field curl sends: the port only when it is not the scheme's (80, or 443 with TLS). */
  public String hostHeader() {
    return port == (tls ? 443 : 80) ? host : host + ":" + port;
  }

  /** {@code http[s]://host[:port]/target}, as curl prints the effective URL. */
  public String text() {
    return (tls ? "https://" : "http://") + hostHeader() + target;
  }
}
