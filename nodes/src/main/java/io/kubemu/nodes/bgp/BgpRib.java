package io.kubemu.nodes.bgp;

import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A speaker's routes: every path each protocol gave it (the Adj-RIBs-In and the node's own
 * routes), and the best path per prefix (the Loc-RIB). Each change answers the prefixes whose best
 * path changed, for the exports and the kernel table to follow.
 */
final class BgpRib {
  private final Map<Ipv4Cidr, Map<String, BgpPath>> paths = new HashMap<>();
  private final Map<Ipv4Cidr, BgpPath> best = new HashMap<>();
  /** Paths over all prefixes, kept as they come and go: the summary asks for it often. */
  private int pathCount;

  /** Adds or replaces the path to its prefix from its protocol; true when the best path changed. */
  boolean put(BgpPath path) {
    if (paths.computeIfAbsent(path.prefix(), p -> new HashMap<>(4)).put(path.from().protocol(), path) == null) {
      pathCount++;
    }
    return select(path.prefix());
  }

  /** Withdraws {@code protocol}'s path to {@code prefix}; true when the best path changed. */
  boolean remove(String protocol, Ipv4Cidr prefix) {
    Map<String, BgpPath> byProtocol = paths.get(prefix);
    if (byProtocol == null || byProtocol.remove(protocol) == null) {
      return false;
    }
    pathCount--;
    if (byProtocol.isEmpty()) {
      paths.remove(prefix);
    }
    return select(prefix);
  }

  /** Withdraws every path of {@code protocol} (its session went down); answers the prefixes whose best changed. */
  Set<Ipv4Cidr> removeAll(String protocol) {
    Set<Ipv4Cidr> changed = new TreeSet<>();
    for (Ipv4Cidr prefix : List.copyOf(paths.keySet())) {
      if (remove(protocol, prefix)) {
        changed.add(prefix);
      }
    }
    return changed;
  }

  /** The prefixes {@code protocol} gave a path to. */
  List<Ipv4Cidr> prefixesOf(String protocol) {
    List<Ipv4Cidr> out = new ArrayList<>();
    paths.forEach((prefix, byProtocol) -> {
      if (byProtocol.containsKey(protocol)) {
        out.add(prefix);
      }
    });
    return out;
  }

  BgpPath best(Ipv4Cidr prefix) {
    return best.get(prefix);
  }

  /** The Loc-RIB, by prefix, in no order (a hash map: a lookup per UPDATE and per export). */
  Map<Ipv4Cidr, BgpPath> best() {
    return best;
  }

  /** Every path to {@code prefix}, best first. */
  List<BgpPath> paths(Ipv4Cidr prefix) {
    List<BgpPath> out = new ArrayList<>(paths.getOrDefault(prefix, Map.of()).values());
    out.sort(BgpPath.PREFERENCE);
    return out;
  }

  int pathCount() {
    return pathCount;
  }

  private boolean select(Ipv4Cidr prefix) {
    Map<String, BgpPath> byProtocol = paths.get(prefix);
    BgpPath next = null;
    if (byProtocol != null) {
      for (BgpPath p : byProtocol.values()) {
        if (next == null || BgpPath.PREFERENCE.compare(p, next) < 0) {
          next = p;
        }
      }
    }
    BgpPath old = next == null ? best.remove(prefix) : best.put(prefix, next);
    return !Objects.equals(old, next);
  }
}
