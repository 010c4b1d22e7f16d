package io.kubemu.nodes.metrics;

import io.kubemu.nodes.net.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.tag.TagSet;

/**
 * Packets and bytes sent, received and dropped (by reason) on one interface, kept both as plain
 * counters that the owning actor reads for reports and benchmarks, and as Kamon counters that the
 * Prometheus endpoint serves as {@code kubemu_interface_packets_total{node,pod,iface,direction}},
 * {@code kubemu_interface_bytes_total{...}} and {@code kubemu_interface_drops_total{node,pod,iface,reason}}
 * ({@code pod} is empty for the node's own interfaces). Kamon instruments are registered on the
 * first packet in their direction, so an idle pod costs none, and removed by {@link #close()}.
 * Owned by one actor: not thread-safe.
 */
public final class InterfaceCounters {
  private static final String PACKETS = "kubemu.interface.packets";
  private static final String BYTES = "kubemu.interface.bytes";
  private static final String DROPS = "kubemu.interface.drops";

  private final TagSet tags;
  private Counter txPackets;
  private Counter rxPackets;
  private Counter txBytes;
  private Counter rxBytes;
  private final Map<DropReason, Counter> dropCounters = new EnumMap<>(DropReason.class);
  private final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
  private long tx;
  private long rx;
  private long txOctets;
  private long rxOctets;

  public InterfaceCounters(String node, String pod, String iface) {
    this.tags = TagSet.builder().add("node", node).add("pod", pod).add("iface", iface).build();
  }

  public void sent(int bytes) {
    if (txPackets == null) {
      txPackets = Kamon.counter(PACKETS).withTags(tags.withTag("direction", "tx"));
      txBytes = Kamon.counter(BYTES).withTags(tags.withTag("direction", "tx"));
    }
    tx++;
    txOctets += bytes;
    txPackets.increment();
    txBytes.increment(bytes);
  }

  public void received(int bytes) {
    if (rxPackets == null) {
      rxPackets = Kamon.counter(PACKETS).withTags(tags.withTag("direction", "rx"));
      rxBytes = Kamon.counter(BYTES).withTags(tags.withTag("direction", "rx"));
    }
    rx++;
    rxOctets += bytes;
    rxPackets.increment();
    rxBytes.increment(bytes);
  }

  public void dropped(DropReason reason) {
    drops.merge(reason, 1L, Long::sum);
    dropCounters.computeIfAbsent(reason, r -> Kamon.counter(DROPS).withTags(tags.withTag("reason", r.label()))).increment();
  }

  public InterfaceStats snapshot(String iface) {
    Map<String, Long> byReason = new TreeMap<>();
    drops.forEach((r, n) -> byReason.put(r.label(), n));
    return new InterfaceStats(iface, tx, rx, txOctets, rxOctets, byReason);
  }

  /** The interface is gone (its pod was deleted): its series leave the metrics endpoint. */
  public void close() {
    if (txPackets != null) {
      Kamon.counter(PACKETS).remove(tags.withTag("direction", "tx"));
      Kamon.counter(BYTES).remove(tags.withTag("direction", "tx"));
    }
    if (rxPackets != null) {
      Kamon.counter(PACKETS).remove(tags.withTag("direction", "rx"));
      Kamon.counter(BYTES).remove(tags.withTag("direction", "rx"));
    }
    dropCounters.keySet().forEach(r -> Kamon.counter(DROPS).remove(tags.withTag("reason", r.label())));
  }
}
