package io.kubemu.nodes.app.dns.resolver;

import java.util.ArrayList;
import java.util.List;

/**
 * Which C library's stub resolver a program has, as the image decides: musl for busybox and Alpine
 * images, glibc for Debian ones. They read the same resolv.conf differently.
 *
 * <p>musl ({@code name_from_dns_search}): a name with fewer dots than ndots is tried with each
 * search domain, then as it is; a name with ndots dots or more only as it is. Only NXDOMAIN moves
 * on to the next name; a name that exists without an A record, or no answer at all, ends the
 * lookup. All nameservers are asked at once; the question is sent again every timeout/attempts.
 *
 * <p>glibc ({@code res_search}): a name with ndots dots or more is tried as it is first, then with
 * each search domain; a shorter one with the domains first and as it is last. NXDOMAIN, no A record
 * and SERVFAIL all move on; only a timeout ends the lookup. Nameservers are asked one after the
 * other, each for timeout, attempts times round.
 */
public enum Libc {
  MUSL(15, 60, 10),
  GLIBC(15, 30, 5);

  private final int maxNdots;
  private final int maxTimeoutSeconds;
  private final int maxAttempts;

  Libc(int maxNdots, int maxTimeoutSeconds, int maxAttempts) {
    this.maxNdots = maxNdots;
    this.maxTimeoutSeconds = maxTimeoutSeconds;
    this.maxAttempts = maxAttempts;
  }

  int maxNdots() {
    return maxNdots;
  }

  int maxTimeoutSeconds() {
    return maxTimeoutSeconds;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The fully qualified names (without the final dot) asked for {@code name}, in order. A name
   * with a final dot is absolute: asked as it is, and only so.
   */
  public List<String> candidates(String name, ResolvConf conf) {
    if (name.endsWith(".")) {
      return List.of(name.substring(0, name.length() - 1));
    }
    long dots = name.chars().filter(c -> c == '.').count();
    List<String> searched = conf.search().stream().map(d -> name + "." + d).toList();
    List<String> all = new ArrayList<>();
    if (dots >= conf.ndots()) {
      all.add(name);
      if (this == GLIBC) {
        all.addAll(searched);
      }
    } else {
      all.addAll(searched);
      all.add(name);
    }
    return all;
  }

  /** Whether the lookup goes on with the next candidate name after {@code outcome} for this one. */
  boolean movesOn(Outcome outcome) {
    return switch (outcome) {
      case NXDOMAIN -> true;
      case NODATA, SERVFAIL -> this == GLIBC;
      case ADDRESSES, TIMEOUT, OTHER_RCODE -> false;
    };
  }

  /** What one name's question came to; OTHER_RCODE is FORMERR, NOTIMP, REFUSED and the rest. */
  enum Outcome { ADDRESSES, NXDOMAIN, NODATA, SERVFAIL, OTHER_RCODE, TIMEOUT }
}
