package io.kubemu.nodes.metrics;

import io.kubemu.protocols.ClusterMessage;
import java.util.Map;

/** A snapshot of one interface's counters, as {@code ip -s link} would show them. */
public record InterfaceStats(String iface, long txPackets, long rxPackets, long txBytes, long rxBytes,
    Map<String, Long> drops) implements ClusterMessage {
  public long totalDrops() {
    return drops.values().stream().mapToLong(Long::longValue).sum();
  }
}
