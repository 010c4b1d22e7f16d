package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BGP bench's report: a point's result crosses JVMs as one line; the table, the comparison and the target line. */
class BgpBenchReportTest {
  private static BgpPointResult result(int nodes, String topology, long convergeMs) {
    return new BgpPointResult(nodes, topology, 3, 9, 120, convergeMs, convergeMs / 4, convergeMs < 0 ? nodes / 2 : nodes,
        topology.equals("mesh") ? (long) nodes * (nodes - 1) / 2 : 3L * (nodes - 3) + 3,
        topology.equals("mesh") ? (long) nodes * (nodes - 1) / 2 : 3L * (nodes - 3) + 3, 300L * nodes, 100L * nodes,
        3300.5, 0.21, "w" + nodes, 9100, 20_000_000, 25_000_000, 20_000_000 + 250_000L * (nodes - 1), nodes - 1,
        List.of("num #instances #bytes class name"));
  }

  private static BgpBenchReport report(List<Integer> counts, BgpBenchReport.Point... points) {
    BgpBenchOptions options = new BgpBenchOptions(counts, List.of(BgpTopology.MESH, BgpTopology.RR), 3, Duration.ofSeconds(9),
        Duration.ofSeconds(600), true, "12g", 0);
    return new BgpBenchReport("2 cores", "2026-11-23", options, List.of(points));
  }

  private static BgpBenchReport.Point point(BgpPointResult r) {
    return new BgpBenchReport.Point(new BgpPointSpec(r.nodes(), BgpTopology.parse(r.topology()), 3, Duration.ofSeconds(9),
        Duration.ofSeconds(600), true, 0), r, null);
  }

  @Test
  void aResultCrossesAsOneLine() {
    BgpPointResult r = result(100, "rr", 2300);
    String line = r.toLine();
    assertTrue(line.startsWith("bgp-result {"), line);
    assertEquals(r, BgpPointResult.parse(line));
    assertEquals(250_000, r.heapPerNode());
    assertEquals(50_000, r.agentHeapPerNode());
    assertThrows(IllegalArgumentException.class, () -> BgpPointResult.parse("heap-result pods=1"));
    assertThrows(IllegalArgumentException.class, () -> BgpPointResult.parse("bgp-result {\"nodes\": "));
  }

  @Test
  void theTableHasARowPerPointAndComparesTheTopologies() {
    String text = report(List.of(100), point(result(100, "mesh", 4100)), point(result(100, "rr", 2050))).render();
    assertTrue(text.contains("mesh        100     4,950       4.1 s    1.0 s       30,000       300        100    3,301   0.21     "
        + "250 KB      50 KB      9.1 s"), text);
    assertTrue(text.contains("  100 nodes: 2.0x faster"), text);
    assertTrue(text.contains("not measured (no 1,000-node mesh in this run)"), text);
    assertTrue(text.contains("projectcalico/calico#9976"), text);
    assertTrue(text.contains("rr 100: heap by class at the end"), text);
  }

  @Test
  void theTargetIsTheThousandNodeMeshAndTenfoldReflectors() {
    assertTrue(report(List.of(1000), point(result(1000, "mesh", 120_000)), point(result(1000, "rr", 10_000))).target()
        .endsWith("met (120.0 s and 12.0x)"));
    assertTrue(report(List.of(1000), point(result(1000, "mesh", 120_000)), point(result(1000, "rr", 20_000))).target()
        .endsWith("NOT met (120.0 s and 6.0x)"));
    String notConverged = report(List.of(1000), point(result(1000, "mesh", -1))).render();
    assertTrue(notConverged.contains("mesh      1,000   499,500     > 600 s"), notConverged);
    assertTrue(notConverged.contains("(500 of 1,000 nodes had every block"), notConverged);
    assertTrue(notConverged.contains("NOT met (the mesh did not converge)"), notConverged);
  }

  @Test
  void aFailedPointSaysWhy() {
    BgpBenchReport.Point failed = new BgpBenchReport.Point(new BgpPointSpec(1000, BgpTopology.MESH, 3, Duration.ofSeconds(9),
        Duration.ofSeconds(600), true, 0), null, "its JVM exited with status 3");
    String text = report(List.of(1000), failed).render();
    assertTrue(text.contains("mesh      1,000   failed: its JVM exited with status 3"), text);
    assertEquals("its JVM exited with status 3", report(List.of(1000), failed).toJson().get("points").get(0).get("failure").asText());
  }
}
