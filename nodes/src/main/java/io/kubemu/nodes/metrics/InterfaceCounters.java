package io.kubemu.nodes.metrics;

import io.kubemu.nodes.net.DropReason;
import java.util.EnumMap;
import java.util.Map;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.tag.TagSet;

/**
 * Packets and bytes sent, received and dropped (by reason) on one interface, kept both as plain
 * counters that the owning actor reads for reports and benchmarks, and as Kamon counters that the
 * Prometheus endpoint serves as {@code kubemu_interface_packets_total{node,pod,iface,direction}} and
 * {@code kubemu_interface_drops_total{node,pod,iface,reason}} ({@code pod} is empty for the node's own interfaces). Owned by one actor: not thread-safe for
 * the plain counters.
 */
public final class InterfaceCounters {
  private final TagSet tags;
  private final Counter txPackets;
  private final Counter rxPackets;
  private final Counter txBytes;
  private final Counter rxBytes;
  private final Map<DropReason, Counter> dropCounters = new EnumMap<>(DropReason.class);
  private final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
  private long tx;
  private long rx;
  private long txOctets;
  private long rxOctets;

  public InterfaceCounters(String node, String pod, String iface) {
    this.tags = TagSet.builder().add("node", node).add("pod", pod).add("iface", iface).build();
    txPackets = Kamon.counter("kubemu.interface.packets").withTags(tags.withTag("direction", "tx"));
    rxPackets = Kamon.counter("kubemu.interface.packets").withTags(tags.withTag("direction", "rx"));
    txBytes = Kamon.counter("kubemu.interface.bytes").withTags(tags.withTag("direction", "tx"));
    rxBytes = Kamon.counter("kubemu.interface.bytes").withTags(tags.withTag("direction", "rx"));
  }

  public void sent(int bytes) {
    tx++;
    txOctets += bytes;
    txPackets.increment();
    txBytes.increment(bytes);
  }

  public void received(int bytes) {
    rx++;
    rxOctets += bytes;
    rxPackets.increment();
    rxBytes.increment(bytes);
  }

  public void dropped(DropReason reason) {
    drops.merge(reason, 1L, Long::sum);
    dropCounters
        .computeIfAbsent(reason, r -> Kamon.counter("kubemu.interface.drops").withTags(tags.withTag("reason", r.label())))
        .increment();
  }

  public InterfaceStats snapshot(String iface) {
    Map<String, Long> byReason = new java.util.TreeMap<>();
    drops.forEach((r, n) -> byReason.put(r.label(), n));
    return new InterfaceStats(iface, tx, rx, txOctets, rxOctets, byReason);
  }
}
