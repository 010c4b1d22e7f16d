package io.kubemu.nodes.app.dig;

import io.kubemu.nodes.app.dns.resolver.Libc;

/**
 * What differs between the dig releases kubemu's images ship: BIND 9.18 (Alpine's bind-tools, as
 * in agnhost) and BIND 9.9.5 (Debian jessie's dnsutils, as in jessie-dnsutils). 9.18 offers 1232
 * bytes of EDNS buffer, names the transport on the SERVER line, prints its greeting with the first
 * answer and each timeout as it happens; 9.9 offers 4096, prints its greeting at once and one line
 * when every server stayed silent. Both resolve an {@code @server} name with their image's libc.
 */
public record DigDialect(String version, int ednsBufferSize, boolean transportOnServerLine, boolean greetingFirst, Libc libc) {
  public static final DigDialect BIND_9_18 = new DigDialect("9.18.33", 1232, true, false, Libc.MUSL);
  public static final DigDialect BIND_9_9 = new DigDialect("9.9.5-9+deb8u19-Debian", 4096, false, true, Libc.GLIBC);

  /** What dig says when no server answered: 9.18 after its per-attempt lines, 9.9 alone. */
  String noServers() {
    return greetingFirst ? ";; connection timed out; no servers could be reached\n" : ";; no servers could be reached\n";
  }

  /** A line for one attempt at {@code address#port} that heard nothing, printed as it happens (9.18), or nothing (9.9). */
  String timedOut(String addressAndPort) {
    return greetingFirst ? "" : ";; communications error to " + addressAndPort + ": timed out\n";
  }

  /** A TCP connection that failed ({@code error} as errno says it), in this release's words. */
  String tcpFailed(String addressAndPort, String server, String name, String error) {
    String text = error.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + error.substring(1);
    return greetingFirst ? ";; Connection to " + addressAndPort + "(" + server + ") for " + name + " failed: " + text + ".\n"
        : ";; communications error to " + addressAndPort + ": " + text + "\n";
  }
}
