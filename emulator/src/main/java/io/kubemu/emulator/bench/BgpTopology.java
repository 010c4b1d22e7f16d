package io.kubemu.emulator.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the bench's nodes peer. {@code mesh}: Calico's default node-to-node mesh, every node with
 * every other. {@code rr}: the mesh off, nodes w1..wR route reflectors with one cluster ID, peering
 * with each other and with every other node, which peers with the reflectors only.
 */
public enum BgpTopology {
  MESH("mesh"),
  RR("rr");

  private final String label;

  BgpTopology(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** {@code mesh} or {@code rr}; fails with the valid names. */
  public static BgpTopology parse(String text) {
    for (BgpTopology t : values()) {
      if (t.label.equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown topology '" + text + "' (expected: " + names() + ")");
  }

  static String names() {
    return Arrays.stream(values()).map(BgpTopology::label).collect(Collectors.joining(", "));
  }

  /** Whether node w{@code index} (1-based) is a route reflector. */
  boolean reflector(int index, int reflectors) {
    return this == RR && index <= reflectors;
  }

  /** The sessions node w{@code index} has Established once the topology is up. */
  int sessionsOf(int index, int nodes, int reflectors) {
    return this == MESH || reflector(index, reflectors) ? nodes - 1 : reflectors;
  }

  /** Every session of the topology, each counted once. */
  long sessions(int nodes, int reflectors) {
    long n = nodes;
    return this == MESH ? n * (n - 1) / 2 : (long) reflectors * (n - reflectors) + (long) reflectors * (reflectors - 1) / 2;
  }
}
