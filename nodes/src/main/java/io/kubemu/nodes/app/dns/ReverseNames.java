package io.kubemu.nodes.app.dns;

import java.util.Optional;
import org.xbill.DNS.Name;

/** The address a reverse name stands for: {@code 10.0.96.10.in-addr.arpa.} is 10.96.0.10; partial names stand for none. */
final class ReverseNames {
  private static final Name IN_ADDR = DnsNames.zone("in-addr.arpa");
  private static final Name IP6 = DnsNames.zone("ip6.arpa");

  private ReverseNames() {}

  /** The address, in the form {@link IpLiterals#canonical} gives, when {@code name} is a whole reverse name. */
  static Optional<String> address(Name name) {
    if (name.subdomain(IN_ADDR)) {
      String[] labels = DnsNames.labelsAbove(name, IN_ADDR);
      if (labels.length != 4) {
        return Optional.empty();
      }
      return Optional.ofNullable(IpLiterals.canonical(labels[3] + "." + labels[2] + "." + labels[1] + "." + labels[0]));
    }
    if (name.subdomain(IP6)) {
      String[] nibbles = DnsNames.labelsAbove(name, IP6);
      if (nibbles.length != 32) {
        return Optional.empty();
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 31; i >= 0; i--) {
        if (nibbles[i].length() != 1 || Character.digit(nibbles[i].charAt(0), 16) < 0) {
          return Optional.empty();
        }
        sb.append(nibbles[i]);
        if (i % 4 == 0 && i > 0) {
          sb.append(':');
        }
      }
      return Optional.ofNullable(IpLiterals.canonical(sb.toString()));
    }
    return Optional.empty();
  }
}
