package io.kubemu.emulator.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, in milliseconds, by the nearest-rank method: the p-th
 * percentile is the smallest sample with at least p% of all samples at or below it, so it is
 * always a latency that was measured. {@code count} 0 means there was nothing to measure.
 */
public record Latencies(int count, double p50, double p90, double p99, double max) {
  public static final Latencies NONE = new Latencies(0, 0, 0, 0, 0);

  /** The percentiles of {@code nanos} (System.nanoTime() differences). */
  public static Latencies ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return NONE;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(sorted.length, millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.90)),
        millis(percentile(sorted, 0.99)), millis(sorted[sorted.length - 1]));
  }

  /** The nearest-rank {@code q}-quantile (0 &lt; q &lt;= 1) of samples sorted ascending; not empty. */
  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0 || !(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("percentile " + q + " of " + sorted.length + " samples (expected: 0 < q <= 1, samples)");
    }
    // 1e-9: q * n is computed in binary floating point; 0.99 * 100 must be rank 99, not 100.
    int rank = (int) Math.ceil(q * sorted.length - 1e-9);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
