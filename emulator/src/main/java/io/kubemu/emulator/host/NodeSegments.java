package io.kubemu.emulator.host;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * The node network cut into {@code count} L2 segments ({@code kubemu.cluster.node-segments}), as a
 * data centre cuts its racks into subnets behind one router: the network's prefix grows by enough
 * bits for the count (the next power of two, so 3 segments take a quarter each and one quarter stays
 * unused), segment J is the J-th of those subnets, its first address is the router's (the nodes'
 * gateway), and nodes are dealt round robin: wI on segment (I-1) mod count, at address k+2 of it,
 * k = (I-1) div count. One segment is the whole network, w1 at .2 behind .1, as in kind. Pure data.
 */
public record NodeSegments(Ipv4Cidr network, int count) {
  public static final String KEY = "kubemu.cluster.node-segments";
  public static final int MAX = 64;

  /** Checks the count against the network: each segment needs a gateway, a node and its network and broadcast addresses. */
  public NodeSegments {
    if (count < 1 || count > MAX) {
      throw new IllegalArgumentException("bad " + KEY + ": " + count + " (expected: 1.." + MAX + ")");
    }
    if (network.prefixLength() > 30) {
      throw new IllegalArgumentException("bad kubemu.cluster.node-network: " + network
          + " (expected: a prefix of /30 or shorter, room for the gateway and a node)");
    }
    int most = 1 << Math.min(30 - network.prefixLength(), 6);
    if (count > most) {
      throw new IllegalArgumentException("bad " + KEY + ": " + count + " (expected: at most " + most + " for node network "
          + network + ": each segment needs room for its gateway and a node, a /30 at least)");
    }
  }

  /** How many bits the segments' prefix is longer than the network's: ceil(log2 count). */
  private static int bits(int count) {
    return 32 - Integer.numberOfLeadingZeros(count - 1);
  }

  /** Segment {@code index} (0-based) of the network. */
  public Ipv4Cidr segment(int index) {
    return network.subnet(network.prefixLength() + bits(count), index);
  }

  /** The segment of node {@code wI}, {@code index} being I. */
  public Ipv4Cidr segmentOf(int index) {
    return segment((index - 1) % count);
  }

  /** How many nodes one segment holds: all its addresses but the network, the gateway and the broadcast. */
  public long nodesPerSegment() {
    return segment(0).size() - 3;
  }

  /** The address of node {@code wI}, {@code index} being I; refused when its segment is full. */
  public Ipv4Address address(int index) {
    long k = (index - 1) / count;
    Ipv4Cidr segment = segmentOf(index);
    if (k >= nodesPerSegment()) {
      throw new IllegalArgumentException("node w" + index + " has no address: " + (count == 1 ? "node network " + network
          : "segment " + ((index - 1) % count) + " (" + segment + ") of node network " + network) + " holds only "
          + nodesPerSegment() + " nodes (expected: a larger kubemu.cluster.node-network"
          + (count == 1 ? ")" : ", or fewer " + KEY + ")"));
    }
    return segment.address(k + 2);
  }

  /** The segments as a list for messages: every one up to four, then how many more. */
  public String describe() {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < Math.min(count, 4); j++) {
      names.add(segment(j).toString());
    }
    return String.join(", ", names) + (count > 4 ? " and " + (count - 4) + " more" : "");
  }
}
