package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A longest-prefix-match IPv4 routing table: a map of routes per prefix length, tried longest first,
 * so a lookup costs one probe per length in use, however many routes there are (a block per node
 * in a large Calico cluster).
 */
public final class RoutingTable {
  private final TreeMap<Integer, Map<Integer, Route>> byLength = new TreeMap<>(Comparator.reverseOrder());

  /** Adds or replaces the route to the same destination. */
  public void add(Route route) {
    Ipv4Cidr d = route.destination();
    byLength.computeIfAbsent(d.prefixLength(), l -> new HashMap<>()).put(key(d.network().bits()), route);
  }

  public boolean remove(Ipv4Cidr destination) {
    Map<Integer, Route> routes = byLength.get(destination.prefixLength());
    if (routes == null || routes.remove(key(destination.network().bits())) == null) {
      return false;
    }
    if (routes.isEmpty()) {
      byLength.remove(destination.prefixLength());
    }
    return true;
  }

  public Optional<Route> lookup(Ipv4Address destination) {
    for (Map.Entry<Integer, Map<Integer, Route>> e : byLength.entrySet()) {
      int length = e.getKey();
      int mask = length == 0 ? 0 : -1 << (32 - length);
      Route r = e.getValue().get(key(destination.bits() & mask));
      if (r != null) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The map key of a network: {@link Ipv4Address#mix}, so that the blocks of one pool spread over the buckets. */
  private static int key(int bits) {
    return Ipv4Address.mix(bits);
  }

  /** Every route, longest prefix first. */
  public List<Route> routes() {
    List<Route> out = new ArrayList<>();
    byLength.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /** {@code ip route} style text, one route per line, in the kernel's order: by network, longer prefix first. */
  public String show() {
    StringBuilder sb = new StringBuilder();
    routes().stream()
        .sorted(Comparator.comparing((Route r) -> r.destination().network())
            .thenComparing(r -> r.destination().prefixLength(), Comparator.reverseOrder()))
        .forEach(r -> sb.append(r).append('\n'));
    return sb.toString();
  }
}
