package io.kubemu.emulator.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * When each pod of the control-plane bench reached each step, in System.nanoTime(): its create
 * request sent and acknowledged (by the bench), then, as the bench's watch saw it, the pod added,
 * bound to a node, and Running with an IP. Only the first time counts. A pod's latencies run from
 * its create request, or, for pods a controller created, from when the watch first saw it.
 * Thread-safe: the creating threads and the watch write, the bench reads.
 */
final class PodTimes {
  enum Mark { SENT, ACKED, ADDED, BOUND, RUNNING }

  private static final long UNSET = -1;

  private final Map<String, long[]> pods = new LinkedHashMap<>();
  private long start = UNSET;

  /** The start of the measurement: the first create request. */
  synchronized void started(long nanos) {
    if (start == UNSET) {
      start = nanos;
    }
  }

  synchronized void mark(String pod, Mark mark, long nanos) {
    long[] t = pods.computeIfAbsent(pod, k -> new long[] {UNSET, UNSET, UNSET, UNSET, UNSET});
    if (t[mark.ordinal()] == UNSET) {
      t[mark.ordinal()] = nanos;
    }
  }

  /** What a watch event shows of a pod, seen at {@code nanos}. */
  void seen(PodEvent e, long nanos) {
    if (e.name() == null || e.type().equals("DELETED")) {
      return;
    }
    mark(e.name(), Mark.ADDED, nanos);
    if (e.bound()) {
      mark(e.name(), Mark.BOUND, nanos);
    }
    if (e.running()) {
      mark(e.name(), Mark.RUNNING, nanos);
    }
  }

  synchronized int count(Mark mark) {
    return (int) pods.values().stream().filter(t -> t[mark.ordinal()] != UNSET).count();
  }

  /** Seconds from the start to the last pod that reached {@code mark}; 0 when none did. */
  synchronized double secondsToLast(Mark mark) {
    long last = pods.values().stream().mapToLong(t -> t[mark.ordinal()]).max().orElse(UNSET);
    return last == UNSET || start == UNSET ? 0 : (last - start) / 1e9;
  }

  /** Each pod's time from its origin (create request, else first seen) to {@code mark}, over the pods that reached it. */
  synchronized Latencies latencies(Mark mark) {
    return Latencies.ofNanos(pods.values().stream().filter(t -> t[mark.ordinal()] != UNSET && origin(t) != UNSET)
        .mapToLong(t -> Math.max(0, t[mark.ordinal()] - origin(t))).toArray());
  }

  /**
   * One line per pod, in the order the pods were first marked: its name, then milliseconds from the
   * start to each mark (empty where it never got there), under a header line.
   */
  synchronized String csv() {
    StringBuilder sb = new StringBuilder("pod");
    for (Mark m : Mark.values()) {
      sb.append(',').append(m.name().toLowerCase(Locale.ROOT)).append("_ms");
    }
    sb.append('\n');
    pods.forEach((name, t) -> {
      sb.append(name);
      for (long v : t) {
        sb.append(',').append(v == UNSET || start == UNSET ? "" : String.format(Locale.ROOT, "%.1f", (v - start) / 1e6));
      }
      sb.append('\n');
    });
    return sb.toString();
  }

  private static long origin(long[] t) {
    return t[Mark.SENT.ordinal()] != UNSET ? t[Mark.SENT.ordinal()] : t[Mark.ADDED.ordinal()];
  }
}
