package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  private static final long MS = 1_000_000;

  @Test
  void percentilesOfOneToAHundredAreTheirRanks() {
    long[] samples = LongStream.rangeClosed(1, 100).map(i -> i * MS).toArray();
    Latencies l = Latencies.ofNanos(samples);
    assertEquals(new Latencies(100, 50, 90, 99, 100), l);
  }

  @Test
  void nearestRankPicksAMeasuredSampleNeverAnInterpolation() {
    long[] sorted = {10, 20, 30, 40};
    assertEquals(20, Latencies.percentile(sorted, 0.50));
    assertEquals(40, Latencies.percentile(sorted, 0.90));
    assertEquals(40, Latencies.percentile(sorted, 0.99));
    assertEquals(10, Latencies.percentile(sorted, 0.01));
    assertEquals(40, Latencies.percentile(sorted, 1.0));
  }

  @Test
  void oneSampleIsEveryPercentile() {
    assertEquals(new Latencies(1, 7, 7, 7, 7), Latencies.ofNanos(new long[] {7 * MS}));
  }

  @Test
  void noSamplesIsNone() {
    assertEquals(Latencies.NONE, Latencies.ofNanos(new long[0]));
    assertEquals(0, Latencies.NONE.count());
  }

  @Test
  void theOrderOfTheSamplesDoesNotMatterAndTheyAreNotChanged() {
    long[] samples = {5 * MS, 1 * MS, 4 * MS, 2 * MS, 3 * MS};
    assertEquals(new Latencies(5, 3, 5, 5, 5), Latencies.ofNanos(samples));
    assertEquals(5 * MS, samples[0], "the caller's array is left as it was");
  }

  @Test
  void percentilesAreOrderedAndWithinTheSamplesForRandomInput() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      long[] samples = random.longs(1 + random.nextInt(2_000), 0, 10_000 * MS).toArray();
      Latencies l = Latencies.ofNanos(samples);
      long min = LongStream.of(samples).min().orElseThrow();
      assertEquals(samples.length, l.count());
      assertEquals(LongStream.of(samples).max().orElseThrow() / 1e6, l.max());
      assertTrue(min / 1e6 <= l.p50() && l.p50() <= l.p90() && l.p90() <= l.p99() && l.p99() <= l.max(), l.toString());
      long atOrBelowP99 = LongStream.of(samples).filter(s -> s / 1e6 <= l.p99()).count();
      assertTrue(atOrBelowP99 >= Math.ceil(0.99 * samples.length - 1e-9), "p99 has 99% of the samples at or below it: " + l);
    }
  }

  @Test
  void aQuantileOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 0));
    assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 1.5));
    assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[0], 0.5));
  }
}
