package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubemu bench services}, as small as it goes (one mode, two hosts, two endpoints, one
 * second per phase, 100 Services to sync): conn-load's connections reach both endpoints through
 * the cluster IP, both load runs report requests, the sync is timed, and nothing of the cluster is
 * left. It measures; nothing here asserts speed.
 */
class ServicesBenchIT {
  @Test
  void aSmallRunMeasuresEveryPhaseAndLeavesNothingBehind(@TempDir Path home) throws Exception {
    Cli cli = new Cli(home); // removed afterwards: each run left an empty folder in /tmp
    Cli.Result r = cli.run("bench", "services", "--modes", "ipvs", "--hosts", "2", "--nodes", "2", "--endpoints", "2",
        "--connections", "4", "--warmup", "0", "--duration", "1", "--sync-services", "100", "-o", "json");
    assertEquals(0, r.exit(), r.toString());
    JsonNode report = new ObjectMapper().readTree(r.out());
    JsonNode ipvs = report.path("modes").path(0);
    assertEquals("ipvs", ipvs.path("mode").asText(), r.out());
    assertTrue(ipvs.path("clusterIp").path("completed").asLong() > 0, r.out());
    assertEquals(2, ipvs.path("clusterIp").path("perEndpoint").size(), "both endpoints answered: " + r.out());
    assertEquals(1, ipvs.path("spread").path("degreesOfFreedom").asInt(), r.out());
    assertTrue(ipvs.path("nodePort").path("requests").asLong() > 0, r.out());
    assertTrue(ipvs.path("reference").path("requests").asLong() > 0, r.out());
    assertEquals(500, report.path("sync").path(0).path("endpoints").asInt(), r.out());

    BenchLeftovers.assertNone(r);
  }
}
