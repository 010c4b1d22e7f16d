package io.kubemu.emulator.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code kubemu bench dataplane}: packets/s of the three phases, the ratios against
 * the raw baseline, every drop by reason, the accounting of each phase and the heap of an idle pod.
 * {@code heap} is null when it was not measured.
 */
public record BenchReport(String machine, String setup, PhaseResult raw, PhaseResult crossJvm, PhaseResult oneJvm,
    HeapResult heap) {
  /** The target for crossJvm / raw. */
  public static final double TARGET = 0.5;

  public BenchReport withHeap(HeapResult measured) {
    return new BenchReport(machine, setup, raw, crossJvm, oneJvm, measured);
  }

  public double crossJvmRatio() {
    return ratio(crossJvm, raw);
  }

  public double oneJvmRatio() {
    return ratio(oneJvm, raw);
  }

  private static double ratio(PhaseResult p, PhaseResult base) {
    return base.packetsPerSecond() > 0 ? p.packetsPerSecond() / base.packetsPerSecond() : 0;
  }

  /** Packets lost with no count explaining them, over all phases: 0 is the target. */
  public long unaccounted() {
    return phases().stream().mapToLong(PhaseResult::unaccounted).sum();
  }

  private List<PhaseResult> phases() {
    return List.of(raw, crossJvm, oneJvm);
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("kubemu bench dataplane\n");
    sb.append("machine: ").append(machine).append('\n');
    sb.append("setup:   ").append(setup).append("\n\n");
    String row = "%-52s %12s %12s %12s %8s %8s%n";
    sb.append(String.format(Locale.ROOT, row, "phase", "packets/s", "sent", "delivered", "lost", "drops"));
    for (PhaseResult p : phases()) {
      sb.append(String.format(Locale.ROOT, row, p.label(), n(Math.round(p.packetsPerSecond())), n(p.sent()),
          n(p.delivered()), n(p.lost()), n(p.countedDrops())));
    }
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "b/a = %.2f   (target >= %.2f: %s)%n", crossJvmRatio(), TARGET,
        crossJvmRatio() >= TARGET ? "met" : "NOT met"));
    sb.append(String.format(Locale.ROOT, "c/a = %.2f%n%n", oneJvmRatio()));
    sb.append("drops by reason\n");
    for (PhaseResult p : phases()) {
      sb.append("  ").append(tag(p)).append(' ').append(drops(p.drops()));
      if (p.transportLoss() > 0) {
        sb.append("; lost in the underlay transport, which the dataplane does not count: ").append(n(p.transportLoss()));
      }
      sb.append('\n');
    }
    sb.append("\naccounting after a 1 s drain: sent = delivered + counted drops + lost in the underlay transport"
        + " (found by comparing both ends; Artery drops silently when its queue is full) + unaccounted\n");
    for (PhaseResult p : phases()) {
      sb.append(String.format(Locale.ROOT, "  %s %s = %s + %s + %s + %s   (window stalls %s, written off %s%s)%n",
          tag(p), n(p.sent()), n(p.delivered()), n(p.lostToDrops()), n(p.lostInTransport()),
          n(p.unaccounted()), n(p.stalls()), n(p.writtenOff()),
          p.frameBytes() > 0 ? String.format(Locale.ROOT, "; underlay frame %.1f B on average", p.frameBytes()) : ""));
    }
    sb.append('\n');
    if (heap != null) {
      sb.append(String.format(Locale.ROOT,
          "heap per idle pod: %s bytes (%s busybox pods running 'sleep 3600' on %d nodes, after full GCs;"
              + " they started in %.1f s)%n",
          n(heap.bytesPerPod()), n(heap.pods()), heap.nodes(), heap.startMillis() / 1000.0));
    } else {
      sb.append("heap per idle pod: not measured (--pods 0)\n");
    }
    sb.append(unaccounted() == 0 ? "no packet lost silently.\n" : "PACKETS LOST SILENTLY: " + n(unaccounted()) + "\n");
    sb.append("Numbers vary with the machine's load, CPU frequency and JIT: compare runs on the same machine, not across machines.\n");
    return sb.toString();
  }

  private static String tag(PhaseResult p) {
    return p.label().substring(0, p.label().indexOf(')') + 1);
  }

  private static String drops(Map<String, Long> drops) {
    if (drops.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    drops.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(n(v)));
    return sb.toString();
  }

  static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
