package io.kubemu.emulator.controlplane;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spreads pods: the Ready node with the fewest pods, ties broken by name. (The full scheduler,
 * with selectors, affinity, taints and resources, comes with the control plane.)
 */
public final class SimpleScheduler {
  private SimpleScheduler() {}

  public static Optional<String> pick(List<String> readyNodes, Map<String, Integer> podsPerNode) {
    return readyNodes.stream()
        .sorted((a, b) -> {
          int byLoad = Integer.compare(podsPerNode.getOrDefault(a, 0), podsPerNode.getOrDefault(b, 0));
          return byLoad != 0 ? byLoad : a.compareTo(b);
        })
        .findFirst();
  }
}
