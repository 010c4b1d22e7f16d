package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static PhaseResult phase(String label, long sent, long delivered, long measured, Map<String, Long> drops,
      long transport) {
    return new PhaseResult(label, sent, delivered, measured, 10.0, 0, 0, drops, transport, 156);
  }

  private static BenchReport report(PhaseResult b) {
    return new BenchReport("2 cores", "payload 64 B", phase("(a) raw", 3_000_000, 3_000_000, 2_000_000, Map.of(), 0), b,
        phase("(c) one JVM", 1, 1, 1_500_000, Map.of(), 0), new HeapResult(10_000, 40, 2_000_000, 52_000_000, 4200));
  }

  @Test
  void ratiosArePacketsPerSecondOverTheRawBaseline() {
    BenchReport r = report(phase("(b) across JVMs", 1, 1, 1_200_000, Map.of(), 0));
    assertEquals(0.6, r.crossJvmRatio(), 1e-9);
    assertEquals(0.75, r.oneJvmRatio(), 1e-9);
    assertTrue(r.render().contains("b/a = 0.60   (target >= 0.50: met)"), r.render());
  }

  @Test
  void aRatioBelowTheTargetIsReportedAsNotMet() {
    String text = report(phase("(b) across JVMs", 1, 1, 400_000, Map.of(), 0)).render();
    assertTrue(text.contains("b/a = 0.20   (target >= 0.50: NOT met)"), text);
  }

  @Test
  void lossIsExplainedByTransportFirstThenByCountedDrops() {
    PhaseResult p = phase("(b)", 1000, 990, 0, Map.of("w2/cni0 neighbor-queue-full", 4L, "w1/eth0 no-route", 1L), 3);
    assertEquals(10, p.lost());
    assertEquals(3, p.lostInTransport());
    assertEquals(5, p.lostToDrops());
    assertEquals(2, p.unaccounted());
    assertEquals(p.sent(), p.delivered() + p.lostInTransport() + p.lostToDrops() + p.unaccounted());
  }

  @Test
  void dropsOfOtherPacketsCannotMakeLossNegative() {
    PhaseResult p = phase("(b)", 1000, 1000, 0, Map.of("w1/eth0 neighbor-failed", 7L), 2);
    assertEquals(0, p.lostInTransport());
    assertEquals(0, p.lostToDrops());
    assertEquals(0, p.unaccounted());
  }

  @Test
  void silentLossIsShouted() {
    String text = report(phase("(b) across JVMs", 100, 90, 1, Map.of(), 0)).render();
    assertTrue(text.contains("PACKETS LOST SILENTLY: 10"), text);
    assertTrue(text.contains("(b) 100 = 90 + 0 + 0 + 10"), text);
  }

  @Test
  void dropsAreListedByWhereAndReason() {
    String text = report(phase("(b) across JVMs", 10, 8, 1, Map.of("w2/cni0 neighbor-queue-full", 2L), 0)).render();
    assertTrue(text.contains("(b) w2/cni0 neighbor-queue-full 2"), text);
    assertTrue(text.contains("no packet lost silently."), text);
  }

  @Test
  void transportLossIsListedWithTheDrops() {
    String text = report(phase("(b) across JVMs", 10, 7, 1, Map.of(), 3)).render();
    assertTrue(text.contains("(b) none; lost in the underlay transport, which the dataplane does not count: 3"), text);
    assertTrue(text.contains("(b) 10 = 7 + 0 + 3 + 0"), text);
  }

  @Test
  void heapPerPodIsTheGrowthWithPodsOverTheirCount() {
    HeapResult h = new HeapResult(10_000, 40, 2_000_000, 52_000_000, 4200);
    assertEquals(5_000, h.bytesPerPod());
    assertTrue(report(phase("(b) x", 1, 1, 1, Map.of(), 0)).render().contains("heap per idle pod: 5,000 bytes"));
  }

  @Test
  void aHeapResultCrossesAsOneLine() {
    HeapResult h = new HeapResult(10_000, 40, 2, 3, 4);
    assertEquals(h, HeapResult.parse(h.toLine()));
    var e = assertThrows(IllegalArgumentException.class, () -> HeapResult.parse("heap-result pods=1 nodes=2"));
    assertTrue(e.getMessage().startsWith("heap result without with-nodes"), e.getMessage());
  }

  @Test
  void theFloodLineIsFoundInTheOutputAndItsDropsKeyedByWhere() {
    FloodLine line = FloodLine.find("noise\nudp-flood: sent=10 delivered=9 seconds=2.500 eth0-drops=no-route:1"
        + " sink-drops=no-socket:2,malformed:3\n");
    assertEquals(10, line.number("sent"));
    assertEquals(2.5, line.decimal("seconds"));
    assertEquals(Map.of("flood/eth0 no-route", 1L), line.drops("eth0-drops", "flood/eth0"));
    assertEquals(Map.of("sink/eth0 no-socket", 2L, "sink/eth0 malformed", 3L), line.drops("sink-drops", "sink/eth0"));
    assertEquals(Map.of(), line.drops("missing", "x"));
    assertThrows(IllegalStateException.class, () -> FloodLine.find("no result here"));
  }

  @Test
  void theUnderlayFrameIsTheInnerFrameInVxlanUdpIpv4AndEthernet() {
    BenchOptions o = new BenchOptions(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1), 64, 4096, 256, 0, 250, "1g");
    assertEquals(14 + 20 + 8 + 8 + 14 + 20 + 8 + 64, o.underlayFrameBytes());
  }
}
