package io.kubemu.emulator.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap used after full GCs in the idle-pod JVM, with the node agents and then with the pods
 * running too, and how long the pods took to start. It crosses from that JVM to the driver as one
 * line of its output.
 */
public record HeapResult(int pods, int nodes, long withNodes, long withPods, long startMillis) {
  static final String PREFIX = "heap-result";
  private static final List<String> KEYS = List.of("pods", "nodes", "with-nodes", "with-pods", "start-ms");

  public long bytesPerPod() {
    return (withPods - withNodes) / pods;
  }

  String toLine() {
    List<Long> values = List.of((long) pods, (long) nodes, withNodes, withPods, startMillis);
    StringBuilder sb = new StringBuilder(PREFIX);
    for (int i = 0; i < KEYS.size(); i++) {
      sb.append(' ').append(KEYS.get(i)).append('=').append(values.get(i));
    }
    return sb.toString();
  }

  /** Reads the line {@link #toLine} wrote; fails naming what is missing. */
  static HeapResult parse(String line) {
    if (!line.startsWith(PREFIX + " ")) {
      throw new IllegalArgumentException("not a heap result: '" + line + "' (expected: " + PREFIX + " key=value...)");
    }
    Map<String, Long> v = new HashMap<>();
    for (String field : line.substring(PREFIX.length()).trim().split(" +")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        v.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
      }
    }
    for (String k : KEYS) {
      if (!v.containsKey(k)) {
        throw new IllegalArgumentException("heap result without " + k + ": '" + line + "'");
      }
    }
    return new HeapResult(Math.toIntExact(v.get("pods")), Math.toIntExact(v.get("nodes")), v.get("with-nodes"),
        v.get("with-pods"), v.get("start-ms"));
  }
}
