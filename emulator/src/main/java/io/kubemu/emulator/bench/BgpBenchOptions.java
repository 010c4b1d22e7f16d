package io.kubemu.emulator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How {@code kubemu bench bgp} runs: every node count with every topology, each point in a fresh
 * JVM of at most {@code heap}; the rest as {@link BgpPointSpec} says. Bad values fail with what was
 * expected.
 */
public record BgpBenchOptions(List<Integer> nodeCounts, List<BgpTopology> topologies, int reflectors, Duration holdTime,
    Duration timeout, boolean kill, String heap, int histogram) {
  public BgpBenchOptions {
    nodeCounts = List.copyOf(nodeCounts);
    topologies = List.copyOf(topologies);
    BgpPointSpec.check(!nodeCounts.isEmpty(), "--nodes is empty (expected: node counts such as 100,500)");
    BgpPointSpec.check(!topologies.isEmpty(), "--topology is empty (expected: some of " + BgpTopology.names() + ")");
    BgpPointSpec.check(heap.matches("[0-9]+[kmgKMG]?"), "--heap '" + heap + "' (expected: a -Xmx size such as 12g)");
    points(nodeCounts, topologies, reflectors, holdTime, timeout, kill, histogram); // every point checks itself
  }

  /** The points in the order they run: by node count, each with every topology. */
  public List<BgpPointSpec> points() {
    return points(nodeCounts, topologies, reflectors, holdTime, timeout, kill, histogram);
  }

  private static List<BgpPointSpec> points(List<Integer> nodeCounts, List<BgpTopology> topologies, int reflectors,
      Duration holdTime, Duration timeout, boolean kill, int histogram) {
    List<BgpPointSpec> points = new ArrayList<>();
    for (int n : nodeCounts) {
      for (BgpTopology t : topologies) {
        points.add(new BgpPointSpec(n, t, reflectors, holdTime, timeout, kill, histogram));
      }
    }
    return points;
  }

  /** {@code 100,500,1000}: positive counts, each once. */
  public static List<Integer> parseNodes(String text) {
    Set<Integer> counts = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      int n;
      try {
        n = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--nodes: '" + part.trim() + "' is no number (expected: node counts such as 100,500,1000)");
      }
      BgpPointSpec.check(counts.add(n), "--nodes: " + n + " twice");
    }
    return new ArrayList<>(counts);
  }

  /** {@code mesh,rr}: known topologies, each once. */
  public static List<BgpTopology> parseTopologies(String text) {
    Set<BgpTopology> topologies = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      BgpTopology t;
      try {
        t = BgpTopology.parse(part.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--topology: " + e.getMessage());
      }
      BgpPointSpec.check(topologies.add(t), "--topology: " + t.label() + " twice");
    }
    return new ArrayList<>(topologies);
  }
}
