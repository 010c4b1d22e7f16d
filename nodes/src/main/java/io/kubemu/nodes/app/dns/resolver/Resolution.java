package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;

/**
 * What getaddrinfo(3) gave a program: the addresses of a name and its canonical name, or why
 * there are none: NONAME (no such name, or no address: {@code EAI_NONAME}), AGAIN (no nameserver
 * answered, or only with SERVFAIL: {@code EAI_AGAIN}), FAIL (an answer that ends the lookup, such
 * as REFUSED: {@code EAI_FAIL}).
 */
public record Resolution(List<Ipv4Address> addresses, String canonicalName, Failure failure) {
  public enum Failure { NONAME, AGAIN, FAIL }

  public Resolution {
    addresses = List.copyOf(addresses);
  }

  static Resolution found(List<Ipv4Address> addresses, String canonicalName) {
    return new Resolution(addresses, canonicalName, null);
  }

  static Resolution failed(Failure failure) {
    return new Resolution(List.of(), "", failure);
  }

  public boolean resolved() {
    return failure == null;
  }

  /** The address a program connects to: the first. */
  public Ipv4Address first() {
    if (addresses.isEmpty()) {
      throw new IllegalStateException("no address: the lookup failed with " + failure);
    }
    return addresses.get(0);
  }
}
