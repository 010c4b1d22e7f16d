package io.kubemu.emulator.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's config: failover timings from kubemu.cluster.failover, per cluster through cluster.conf. */
class HostConfigTest {
  private static Config hostConfig(Path stateDir) {
    return Host.config(new HostSpec("h1", "127.0.0.1", 0, "127.0.0.1:25520", List.of("control-plane"), List.of(), 0, false, 0, stateDir));
  }

  @Test
  void theSplitBrainResolverLetsTheOthersGoOnWhenTheOldestDiesAlone() {
    Config c = ConfigFactory.load();
    assertEquals("keep-oldest", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    assertTrue(c.getBoolean("pekko.cluster.split-brain-resolver.keep-oldest.down-if-alone"));
    assertEquals(Duration.ofSeconds(2), c.getDuration("pekko.cluster.split-brain-resolver.stable-after"), "from kubemu.cluster.failover");
  }

  @Test
  void clusterConfSetsTheFailoverTimingsOfEveryHost(@TempDir Path state) throws Exception {
    Files.writeString(state.resolve("cluster.conf"), "kubemu.cluster.failover.stable-after = 9s\n"
        + "kubemu.cluster.failover.heartbeat-pause = 4s\n");
    Config c = hostConfig(state);
    assertEquals(Duration.ofSeconds(9), c.getDuration("pekko.cluster.split-brain-resolver.stable-after"));
    assertEquals(Duration.ofSeconds(4), c.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause"));
    assertEquals(Duration.ofSeconds(1), c.getDuration("pekko.cluster.down-removal-margin"), "the default");
  }
}
