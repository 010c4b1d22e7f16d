package io.kubemu.emulator.controllers.loadbalancer;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The addresses LoadBalancer Services may get, as a MetalLB IPAddressPool lists them: comma-separated
 * ranges ({@code 172.18.255.200-172.18.255.250}) and CIDRs ({@code 172.18.255.0/28}, every address
 * of it). Empty: no pool, LoadBalancer Services stay pending. Pure data.
 */
public record AddressPool(List<Range> ranges) {
  public static final AddressPool NONE = new AddressPool(List.of());

  /** The addresses from {@code first} to {@code last}, both included. */
  public record Range(Ipv4Address first, Ipv4Address last) {
    boolean contains(Ipv4Address a) {
      return a.unsigned() >= first.unsigned() && a.unsigned() <= last.unsigned();
    }

    @Override
    public String toString() {
      return first + "-" + last;
    }
  }

  public AddressPool {
    ranges = List.copyOf(ranges);
  }

  /** Parses the pool; throws IllegalArgumentException naming the bad entry. */
  public static AddressPool parse(String text) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : text.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      if (e.contains("/")) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(e);
        ranges.add(new Range(cidr.network(), cidr.lastAddress()));
      } else if (e.contains("-")) {
        Ipv4Address first = Ipv4Address.parse(e.substring(0, e.indexOf('-')).trim());
        Ipv4Address last = Ipv4Address.parse(e.substring(e.indexOf('-') + 1).trim());
        if (first.unsigned() > last.unsigned()) {
          throw new IllegalArgumentException("bad load balancer pool range: '" + e + "' (expected: the first address before the last)");
        }
        ranges.add(new Range(first, last));
      } else {
        throw new IllegalArgumentException("bad load balancer pool entry: '" + e + "' (expected: a.b.c.d-e.f.g.h or a.b.c.d/n)");
      }
    }
    return new AddressPool(ranges);
  }

  public boolean contains(Ipv4Address a) {
    return ranges.stream().anyMatch(r -> r.contains(a));
  }

  /** The lowest address of the pool, in the order the ranges were given, that {@code taken} does not refuse, as MetalLB picks. */
  public Optional<Ipv4Address> first(Predicate<Ipv4Address> taken) {
    for (Range r : ranges) {
      for (long a = r.first().unsigned(); a <= r.last().unsigned(); a++) {
        Ipv4Address ip = new Ipv4Address((int) a);
        if (!taken.test(ip)) {
          return Optional.of(ip);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return String.join(",", ranges.stream().map(Range::toString).toList());
  }
}
