package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubemu bench control-plane}, as small as it goes (20 pods, no warm-up, no failover): it
 * starts its own cluster, every pod is timed to Running, the JSON report says so, and nothing of
 * the cluster is left: no host process, no state folder. It measures; nothing here asserts speed.
 */
class ControlPlaneBenchIT {
  @Test
  void aSmallRunReportsEveryPodRunningAndLeavesNothingBehind(@TempDir Path home) throws Exception {
    Cli cli = new Cli(home); // removed afterwards: each run left an empty folder in /tmp
    Cli.Result r = cli.run("bench", "control-plane", "--pods", "20", "--warmup", "0", "--hosts", "2", "--skip-failover", "-o", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(20, report.path("requested").asInt(), r.out());
    assertEquals(20, report.path("pods").path("created").asInt(), r.out());
    assertEquals(20, report.path("pods").path("running").asInt(), r.out());
    assertEquals(20, report.path("latencyMs").path("running").path("count").asInt(), r.out());
    assertTrue(report.path("latencyMs").path("running").path("p99").asDouble() > 0, r.out());
    assertTrue(report.path("failover").isNull(), r.out());

    BenchLeftovers.assertNone(r);
  }
}
