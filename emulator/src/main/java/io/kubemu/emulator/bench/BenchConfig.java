package io.kubemu.emulator.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The configuration of the bench's JVMs: a real host's (reference.conf: cluster provider, Artery
 * TCP on 127.0.0.1, Kryo) with {@code kubemu-bench.conf} over it, then what each JVM needs.
 */
public final class BenchConfig {
  /** The actor system name every bench JVM shares, so none joins a real kubemu cluster. */
  public static final String SYSTEM = "kubemu-bench";

  private BenchConfig() {}

  /** The driver: the seed, on a free port; its actor system stopping must not end the JVM before the report. */
  public static Config driver() {
    return with("""
        pekko.remote.artery.canonical.port = 0
        pekko.coordinated-shutdown.exit-jvm = off
        # On Ctrl-C the host JVMs are killed first: do not wait long for them to see this one leave.
        pekko.coordinated-shutdown.phases.cluster-leave.timeout = 2s
        pekko.coordinated-shutdown.phases.cluster-exiting.timeout = 2s
        """);
  }

  /** A host JVM joining the driver at {@code seed} (host:port). */
  public static Config member(String seed) {
    return with("""
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.seed-nodes = ["pekko://%s@%s"]
        pekko.coordinated-shutdown.phases.cluster-leave.timeout = 2s
        pekko.coordinated-shutdown.phases.cluster-exiting.timeout = 2s
        """.formatted(SYSTEM, seed));
  }

  /** The idle-pod JVM: no cluster, no ports. */
  public static Config heap() {
    return with("pekko.actor.provider = local\npekko.coordinated-shutdown.exit-jvm = off\n");
  }

  private static Config with(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.parseResources("kubemu-bench.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }
}
