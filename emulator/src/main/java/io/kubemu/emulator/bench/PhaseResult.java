package io.kubemu.emulator.bench;

import java.util.Map;

/**
 * What one phase measured: packets (or messages) sent and delivered overall, those delivered in the
 * measured interval, the drops counted on the way by {@code where reason}, and what the underlay
 * transport lost, found only by comparing the counts at both of its ends.
 */
public record PhaseResult(String label, long sent, long delivered, long measured, double seconds, long stalls,
    long writtenOff, Map<String, Long> drops, long transportLoss, double frameBytes) {

  public double packetsPerSecond() {
    return seconds > 0 ? measured / seconds : 0;
  }

  public long lost() {
    return sent - delivered;
  }

  public long countedDrops() {
    return drops.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Lost packets the underlay transport explains (it may also have lost acks, which are not in {@link #lost}). */
  public long lostInTransport() {
    return Math.min(Math.max(0, lost()), transportLoss);
  }

  /** Lost packets the counted drops explain (they may also count acks and ARP, which are not in {@link #lost}). */
  public long lostToDrops() {
    return Math.min(countedDrops(), Math.max(0, lost() - lostInTransport()));
  }

  /** Lost and explained by no count: lost silently. sent = delivered + lostInTransport + lostToDrops + unaccounted. */
  public long unaccounted() {
    return Math.max(0, lost() - lostInTransport() - lostToDrops());
  }
}
