package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /etc/resolv.conf} as a C library reads it: up to three {@code nameserver} lines (IPv4
 * ones: kubemu's pods have no IPv6), the last {@code search} or {@code domain} line (a lone dot
 * there is the root: no domain to append), and
 * {@code options ndots:N timeout:N attempts:N} capped as {@code libc} caps them. Lines it does
 * not know are skipped, as libc skips them; without a file, or without a nameserver line, the
 * nameserver is 127.0.0.1.
 */
public record ResolvConf(List<Ipv4Address> nameservers, List<String> search, int ndots, Duration timeout, int attempts) {
  /** MAXNS of glibc and musl. */
  public static final int MAX_NAMESERVERS = 3;
  private static final Ipv4Address LOCALHOST = Ipv4Address.parse("127.0.0.1");

  public ResolvConf {
    nameservers = List.copyOf(nameservers);
    search = List.copyOf(search);
  }

  /** The configuration {@code text} (empty: no such file) gives a program linked with {@code libc}. */
  public static ResolvConf parse(Optional<String> text, Libc libc) {
    List<Ipv4Address> servers = new ArrayList<>();
    List<String> search = List.of();
    int ndots = 1;
    int timeout = 5;
    int attempts = 2;
    for (String line : text.orElse("").split("\n")) {
      String[] words = line.trim().split("[ \t]+");
      switch (words[0]) {
        case "nameserver" -> {
          if (words.length > 1 && servers.size() < MAX_NAMESERVERS) {
            ipv4(words[1]).ifPresent(servers::add);
          }
        }
        case "search", "domain" -> search = List.of(words).subList(1, words.length).stream().filter(d -> !d.equals(".")).toList();
        case "options" -> {
          for (String o : words) {
            ndots = option(o, "ndots:", ndots, libc.maxNdots());
            timeout = option(o, "timeout:", timeout, libc.maxTimeoutSeconds());
            attempts = Math.max(1, option(o, "attempts:", attempts, libc.maxAttempts()));
          }
        }
        default -> { } // comments, sortlist, lookup: nothing a stub resolver here needs
      }
    }
    if (servers.isEmpty()) {
      servers.add(LOCALHOST);
    }
    return new ResolvConf(servers, search, ndots, Duration.ofSeconds(timeout), attempts);
  }

  private static Optional<Ipv4Address> ipv4(String text) {
    try {
      return Optional.of(Ipv4Address.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // an IPv6 nameserver, or a word no libc takes for an address
    }
  }

  /** {@code name:N} capped at {@code max}; anything else (another option, a value not a number) leaves {@code current}. */
  private static int option(String word, String name, int current, int max) {
    if (!word.startsWith(name)) {
      return current;
    }
    String digits = word.substring(name.length()).replaceFirst("[^0-9].*$", "");
    if (digits.isEmpty()) {
      return current;
    }
    return digits.length() > 3 ? max : Math.min(Integer.parseInt(digits), max);
  }
}
