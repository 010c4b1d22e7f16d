package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.nodes.app.ConnLoadReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The services report: the spread counts every expected endpoint, and the three renderings carry the same numbers. */
class ServicesReportTest {
  private static final ModeResult IPTABLES = new ModeResult("iptables", "w2@h2: 2, w3@h3: 1", List.of("web-a", "web-b", "web-c"),
      new ConnLoadReport(16, 300, 2, 10, Map.of("web-a", 150L, "web-b", 150L, "stray", 1L), Map.of("timeout", 2L), 16),
      new HttpLoadResult("wrk", 1500, 15000, 10, 0, 10.5), new HttpLoadResult("wrk", 15000, 150000, 10, 0, Double.NaN));
  private static final SyncTiming.Result SYNC = new SyncTiming.Result("iptables", 10_000, 50_000, 80, 2900, 1870, 3100, 38.3);
  private static final ServicesReport REPORT = new ServicesReport("2 cores", "2026-11-22", "setup", "wrk", List.of(IPTABLES),
      List.of(SYNC));

  @Test
  void anEndpointThatNeverAnsweredCountsAsZero() {
    assertEquals(List.of(150L, 150L, 0L), IPTABLES.counts());
    assertEquals(Map.of("stray", 1L), IPTABLES.unexpected());
    // expected 100 each: (50^2 + 50^2 + 100^2) / 100 = 150 on 2 degrees of freedom
    assertEquals(150, IPTABLES.spread().statistic(), 1e-9);
    assertEquals(2, IPTABLES.spread().degreesOfFreedom());
    assertEquals(0.1, IPTABLES.ratio(), 1e-12);
    assertEquals("0..150", IPTABLES.range());
  }

  @Test
  void theTextReportHasOneRowPerModeInEachTable() {
    String text = REPORT.render();
    assertTrue(text.contains("  iptables       30.0        300       2          3      150.00    2   2.7e-33  0..150\n"), text);
    assertTrue(text.contains("  iptables: endpoints on w2@h2: 2, w3@h3: 1; failures timeout 2; answers from no endpoint stray 1\n"),
        text);
    assertTrue(text.contains("  iptables            1,500      10.50       0          15,000     0.100\n"), text);
    assertTrue(text.contains("kube-proxy sync at 10,000 Services and 50,000 endpoints"), text);
    assertTrue(text.contains("  iptables               80           2,900          1,870 / 3,100         38.3\n"), text);
  }

  @Test
  void markdownAndJsonCarryTheSameNumbers() {
    String md = REPORT.markdown();
    assertTrue(md.contains("| iptables | 30.0 | 2 | 150.00 (2) | 2.7e-33 | 1,500 | 15,000 | 0.100 |\n"), md);
    assertTrue(md.contains("| iptables | 10,000 | 50,000 | 80 | 2,900 | 1,870 / 3,100 | 38.3 |\n"), md);
    JsonNode json = REPORT.toJson();
    JsonNode mode = json.path("modes").path(0);
    assertEquals(300, mode.path("clusterIp").path("completed").asLong());
    assertEquals(150, mode.path("spread").path("chiSquare").asDouble(), 1e-9);
    assertTrue(mode.path("reference").path("latencyMs").isNull(), "NaN is no JSON number: " + mode);
    assertEquals(0.1, mode.path("ratio").asDouble(), 1e-12);
    assertEquals(2900, json.path("sync").path(0).path("firstSyncMs").asDouble());
  }
}
