package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControlPlaneReportTest {
  private static ControlPlaneReport.Pods pods(int running, double p99) {
    return new ControlPlaneReport.Pods(3_000, 0, null, 40.0, running, 50.0, new Latencies(3_000, 100, 200, 300, 400),
        new Latencies(3_000, 150, 250, 350, 450), new Latencies(running, 800, 1_500, p99, p99 + 100));
  }

  private static ControlPlaneReport report(boolean viaDeployment, ControlPlaneReport.Pods pods, ControlPlaneReport.FailoverResult f) {
    return new ControlPlaneReport("2 cores", "2026-01-02", "3 hosts", viaDeployment, 3_000, pods, f);
  }

  private static final ControlPlaneReport.FailoverResult FAILOVER =
      new ControlPlaneReport.FailoverResult("h1", "h2", 3_000, 10.64, 10.71, 3_000, "heartbeat-pause 3s");

  @Test
  void ratesAreCountsOverTheSecondsFromTheFirstCreate() {
    ControlPlaneReport.Pods p = pods(3_000, 2_000);
    assertEquals(75.0, p.createdPerSecond(), 1e-9);
    assertEquals(60.0, p.runningPerSecond(), 1e-9);
    assertEquals(0, new ControlPlaneReport.Pods(0, 0, null, 0, 0, 0, Latencies.NONE, Latencies.NONE, Latencies.NONE).createdPerSecond());
  }

  @Test
  void theTextShowsRatesLatenciesTheSloAndTheFailover() {
    String text = report(false, pods(3_000, 2_000), FAILOVER).render();
    assertTrue(text.contains("pods created:  3,000 of 3,000 in 40.0 s = 75.0 pods/s   (KWOK: 20 pods/s per controller; 3.8x)"), text);
    assertTrue(text.contains("pods Running:  3,000 of 3,000 in 50.0 s = 60.0 pods/s"), text);
    assertTrue(text.contains("latency (ms) from the pod's create request to"), text);
    assertTrue(text.matches("(?s).*acknowledged \\(201 Created\\) +3,000 +100 +200 +300 +400\n.*"), text);
    assertTrue(text.matches("(?s).*Running with a pod IP \\(watch\\) +3,000 +800 +1,500 +2,000 +2,100\n.*"), text);
    assertTrue(text.contains("Kubernetes pod startup SLO, p99 <= 5 s: met"), text);
    assertTrue(text.contains("failover: kill -9 of h1, the API store's host, with 3,000 pods in the store; h2 took the store over"), text);
    assertTrue(text.contains("the API answered again on the same port after 10.6 s and took a write after 10.7 s; 3,000 of 3,000"), text);
  }

  @Test
  void theSloIsNotMetAboveFiveSecondsOrWhenAPodNeverRan() {
    assertFalse(report(false, pods(3_000, 5_001), null).sloMet());
    assertTrue(report(false, pods(3_000, 5_000), null).sloMet());
    ControlPlaneReport missing = report(false, pods(2_990, 1_000), null);
    assertFalse(missing.sloMet());
    assertTrue(missing.render().contains("NOT met (10 pods never Running)"), missing.render());
    assertTrue(missing.render().contains("failover: not measured (--skip-failover)"), missing.render());
  }

  @Test
  void aDeploymentRunHasNoAcknowledgementRowAndSaysWhereLatencyStarts() {
    String text = report(true, pods(3_000, 900), null).render();
    assertFalse(text.contains("acknowledged"), text);
    assertTrue(text.contains("from when the watch first saw the pod"), text);
  }

  @Test
  void theJsonCarriesTheSameNumbers() {
    JsonNode json = report(false, pods(3_000, 2_000), FAILOVER).toJson();
    assertEquals("control-plane", json.path("bench").asText());
    assertEquals("pods", json.path("createdBy").asText());
    assertEquals(75.0, json.path("pods").path("createdPerSecond").asDouble(), 1e-9);
    assertEquals(2_000, json.path("latencyMs").path("running").path("p99").asDouble());
    assertEquals(3_000, json.path("latencyMs").path("acknowledged").path("count").asInt());
    assertTrue(json.path("reference").path("sloMet").asBoolean());
    assertEquals(20, json.path("reference").path("kwokPodsPerSecond").asDouble());
    assertEquals(10.64, json.path("failover").path("answeredSeconds").asDouble());
    assertTrue(report(true, pods(3_000, 1), null).toJson().path("failover").isNull());
    assertTrue(report(true, pods(3_000, 1), null).toJson().path("latencyMs").path("acknowledged").isMissingNode());
  }

  @Test
  void nodesDefaultToOnePerHundredPodsAndMustHoldThemAll() {
    assertEquals(3, ControlPlaneOptions.defaultNodes(50, 3));
    assertEquals(11, ControlPlaneOptions.defaultNodes(1_100, 3));
    assertEquals(100, ControlPlaneOptions.defaultNodes(10_000, 3));
    assertEquals(91, ControlPlaneOptions.fewestNodes(10_000));
    assertEquals(1, ControlPlaneOptions.fewestNodes(110));
    assertEquals(2, ControlPlaneOptions.fewestNodes(111));
  }

  @Test
  void theSetupSaysHowPodsWereCreated() {
    ControlPlaneOptions o = new ControlPlaneOptions(1_000, 100, 3, 11, 50, 32, false, true, Duration.ofSeconds(600), "1g", null);
    assertEquals(java.util.List.of("h1", "h2"), o.controlPlane());
    assertTrue(o.describe().contains("at most 50 per second, at most 32 unanswered"), o.describe());
    assertTrue(o.describe().contains("after 100 pods of warm-up"), o.describe());
    ControlPlaneOptions one = new ControlPlaneOptions(10, 0, 1, 1, 0, 8, true, false, Duration.ofSeconds(60), "1g", null);
    assertEquals(java.util.List.of("h1"), one.controlPlane());
    assertTrue(one.describe().contains("one Deployment of 10 replicas") && one.describe().contains("no warm-up"), one.describe());
  }
}
