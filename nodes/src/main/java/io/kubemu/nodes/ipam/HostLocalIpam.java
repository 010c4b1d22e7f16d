package io.kubemu.nodes.ipam;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.BitSet;
import java.util.Optional;

/**
 * The host-local IPAM plugin: hands out addresses of the node's pod CIDR, skipping the network
 * address, the gateway (.1, cni0) and the broadcast address; released addresses are reused after
 * the rest of the range, as host-local's round robin does.
 */
public final class HostLocalIpam implements PodIpam {
  private final Ipv4Cidr range;
  private final long first;
  private final long last;
  private final BitSet used = new BitSet();
  private long cursor;

  public HostLocalIpam(Ipv4Cidr range) {
    this.range = range;
    this.first = 2;
    this.last = range.size() - 2;
    this.cursor = first;
  }

  public Ipv4Address gateway() {
    return range.address(1);
  }

  @Override
  public Optional<Lease> allocate() {
    return next().map(ip -> new Lease(ip, range, gateway()));
  }

  @Override
  public String plugin() {
    return "flannel";
  }

  /** The next free address, round robin. */
  public Optional<Ipv4Address> next() {
    long span = last - first + 1;
    for (long i = 0; i < span; i++) {
      long index = first + (cursor - first + i) % span;
      if (!used.get((int) index)) {
        used.set((int) index);
        cursor = index + 1 > last ? first : index + 1;
        return Optional.of(range.address(index));
      }
    }
    return Optional.empty();
  }

  @Override
  public void release(Ipv4Address ip) {
    if (range.contains(ip)) {
      used.clear((int) (ip.unsigned() - range.network().unsigned()));
    }
  }

  public int allocated() {
    return used.cardinality();
  }

  /** The error the real plugin gives when the range is exhausted. */
  @Override
  public String exhaustedMessage() {
    return "failed to allocate for range 0: no IP addresses available in range set: "
        + range.address(1) + "-" + range.address(last);
  }
}
