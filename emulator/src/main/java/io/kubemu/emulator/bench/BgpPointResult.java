package io.kubemu.emulator.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What one point of {@code kubemu bench bgp} measured, in its JVM: how long starting the agents
 * took; whether and when every node held every block over all its sessions (-1 ms when not within
 * the timeout), how much of that time went to the JVM's garbage-collection pauses, and how many did;
 * the sessions Established, BGP messages sent (summed over the nodes, each as it converged) and
 * paths held then; once converged, the messages sent per second (keepalives) and the CPU cores this
 * JVM kept busy meanwhile (-1: not converged); the node killed and when its block was gone from every
 * survivor (-1: not within the timeout, or no kill); heap used after full GCs before the
 * agents, with the agents before they peered, and at the end with {@code liveNodes} converged; the
 * top of the class histogram. It crosses to the driver as one line of JSON.
 */
public record BgpPointResult(int nodes, String topology, int reflectors, long holdTimeSeconds, long startMs, long convergeMs,
    long convergeGcMs, int convergedNodes, long sessions, long expectedSessions, long messages, long paths,
    double steadyMessagesPerSecond, double steadyCores, String killed, long withdrawMs,
    long heapBase, long heapNodes, long heapEnd, int liveNodes, List<String> histogram) {
  static final String PREFIX = "bgp-result ";
  private static final ObjectMapper JSON = new ObjectMapper();

  public BgpPointResult {
    histogram = histogram == null ? List.of() : List.copyOf(histogram);
    killed = killed == null ? "" : killed;
  }

  public boolean converged() {
    return convergeMs >= 0;
  }

  public boolean withdrawn() {
    return withdrawMs >= 0;
  }

  /** Heap per live node at the end, everything the agents hold. */
  public long heapPerNode() {
    return liveNodes == 0 ? 0 : (heapEnd - heapBase) / liveNodes;
  }

  /** Heap per node of an agent that has not peered yet: what is not BGP. */
  public long agentHeapPerNode() {
    return (heapNodes - heapBase) / nodes;
  }

  String toLine() {
    try {
      return PREFIX + JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a result: " + e.getMessage(), e);
    }
  }

  /** Reads the line {@link #toLine} wrote. */
  static BgpPointResult parse(String line) {
    if (!line.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a BGP bench result: '" + line + "' (expected: " + PREFIX + "{...})");
    }
    try {
      return JSON.readValue(line.substring(PREFIX.length()), BgpPointResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad BGP bench result: " + e.getOriginalMessage() + " in '" + line + "'");
    }
  }
}
