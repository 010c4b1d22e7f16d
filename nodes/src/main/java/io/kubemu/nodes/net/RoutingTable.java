package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A longest-prefix-match IPv4 routing table. Small tables (a route per node) are scanned in order. */
public final class RoutingTable {
  private final List<Route> routes = new ArrayList<>();

  /** Adds or replaces the route to the same destination. */
  public void add(Route route) {
    routes.removeIf(r -> r.destination().equals(route.destination()));
    routes.add(route);
    routes.sort(Comparator.comparingInt((Route r) -> r.destination().prefixLength()).reversed());
  }

  public boolean remove(io.kubemu.protocols.addr.Ipv4Cidr destination) {
    return routes.removeIf(r -> r.destination().equals(destination));
  }

  public Optional<Route> lookup(Ipv4Address destination) {
    for (Route r : routes) {
      if (r.destination().contains(destination)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** {@code ip route} style text, one route per line, in the kernel's order: by network, longer prefix first. */
  public String show() {
    StringBuilder sb = new StringBuilder();
    routes.stream()
        .sorted(Comparator.comparing((Route r) -> r.destination().network())
            .thenComparing(r -> r.destination().prefixLength(), Comparator.reverseOrder()))
        .forEach(r -> sb.append(r).append('\n'));
    return sb.toString();
  }
}
