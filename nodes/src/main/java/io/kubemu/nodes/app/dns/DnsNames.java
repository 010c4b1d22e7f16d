package io.kubemu.nodes.app.dns;

import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Zone names as the DNS servers here compare them: absolute, lower case, longest match wins. */
final class DnsNames {
  private DnsNames() {}

  /** {@code text} as an absolute zone name in lower case ({@code cluster.local} is {@code cluster.local.}). */
  static Name zone(String text) {
    try {
      return Name.fromString(text, Name.root).canonicalize();
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad zone name '" + text + "': " + e.getMessage() + " (expected: a domain name such as cluster.local)");
    }
  }

  /** The most specific of {@code zones} that holds {@code name}, if any. */
  static Optional<Name> longestMatch(List<Name> zones, Name name) {
    Name best = null;
    for (Name z : zones) {
      if (name.subdomain(z) && (best == null || z.labels() > best.labels())) {
        best = z;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The last {@code zone.labels()} labels of {@code name}, spelled as the question spelled them. */
  static Name suffix(Name name, Name zone) {
    return new Name(name, name.labels() - zone.labels());
  }

  /** {@code name}'s labels left of {@code zone}, lower case, leftmost first. */
  static String[] labelsAbove(Name name, Name zone) {
    Name lower = name.canonicalize();
    String[] out = new String[lower.labels() - zone.labels()];
    for (int i = 0; i < out.length; i++) {
      out[i] = lower.getLabelString(i);
    }
    return out;
  }

  /** {@code relative} under {@code zone}, or empty when the result is not a valid name (too long, bad label). */
  static Optional<Name> under(String relative, Name zone) {
    try {
      return Optional.of(Name.fromString(relative, zone));
    } catch (TextParseException e) {
      return Optional.empty();
    }
  }
}
