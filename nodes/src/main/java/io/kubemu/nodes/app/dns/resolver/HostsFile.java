package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /etc/hosts} as libc's files backend reads it: each line an address and its names, {@code #}
 * to the end of a line a comment. A name matches whole and in any case; every matching line adds
 * its address (IPv6 lines are skipped: kubemu's pods ask for IPv4), and the first name of the last
 * matching line is the canonical name, as musl takes it.
 */
public final class HostsFile {
  private HostsFile() {}

  /** The addresses {@code text} gives {@code name}; empty when no line names it. */
  public static Optional<Resolution> lookup(String text, String name) {
    List<Ipv4Address> found = new ArrayList<>();
    String canonical = name;
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String[] words = (hash < 0 ? line : line.substring(0, hash)).trim().split("[ \t]+");
      if (words.length < 2 || !named(words, name)) {
        continue;
      }
      try {
        found.add(Ipv4Address.parse(words[0]));
        canonical = words[1];
      } catch (IllegalArgumentException e) {
        // an IPv6 line (::1 localhost): not an answer to a question for IPv4
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(Resolution.found(found, canonical));
  }

  private static boolean named(String[] words, String name) {
    for (int i = 1; i < words.length; i++) {
      if (words[i].equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
