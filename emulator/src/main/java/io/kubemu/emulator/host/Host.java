package io.kubemu.emulator.host;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.kubemu.emulator.state.HostRecord;
import io.kubemu.emulator.state.StateDir;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kamon.Kamon;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs one host JVM in the foreground: a Pekko Cluster member named after the host, with the
 * actors of {@link HostGuardian}, Prometheus metrics, and its record in the state folder. It exits
 * when the state folder's run marker disappears (kubemu down, or a test cleaning up), so no host
 * outlives its cluster.
 */
public final class Host {
  private Host() {}

  public static Config config(HostSpec spec) {
    String seed = "pekko://kubemu@" + spec.seed();
    String overrides = "pekko.remote.artery.canonical.hostname = \"" + spec.bind() + "\"\n"
        + "pekko.remote.artery.canonical.port = " + spec.port() + "\n"
        + "pekko.cluster.seed-nodes = [\"" + seed + "\"]\n"
        + "pekko.cluster.roles = [" + String.join(",", spec.roles().stream().map(r -> "\"" + r + "\"").toList()) + "]\n"
        + "kamon.prometheus.embedded-server.hostname = \"" + spec.bind() + "\"\n"
        + "kamon.prometheus.embedded-server.port = " + spec.metricsPort() + "\n"
        + "kamon.environment.host = \"" + spec.name() + "\"\n";
    Config base = ConfigFactory.parseString(overrides);
    if (spec.stateDir() != null && Files.exists(spec.stateDir().resolve("cluster.conf"))) {
      base = base.withFallback(ConfigFactory.parseFile(spec.stateDir().resolve("cluster.conf").toFile()));
    }
    Config config = base.withFallback(ConfigFactory.load());
    return failover(config.getConfig("kubemu.cluster.failover")).withFallback(config);
  }

  /** Pekko's failure detection, downing and singleton hand-over timings, from {@code kubemu.cluster.failover}. */
  static Config failover(Config f) {
    return ConfigFactory.parseString(
        "pekko.cluster.failure-detector.acceptable-heartbeat-pause = " + f.getDuration("heartbeat-pause").toMillis() + "ms\n"
            + "pekko.cluster.split-brain-resolver.stable-after = " + f.getDuration("stable-after").toMillis() + "ms\n"
            + "pekko.cluster.down-removal-margin = " + f.getDuration("removal-margin").toMillis() + "ms\n");
  }

  /** Starts the host and blocks until its actor system terminates. */
  public static int run(HostSpec spec) throws Exception {
    Config config = config(spec);
    ClusterSettings settings = ClusterSettings.from(config);
    for (String node : spec.nodes()) {
      settings.node(node, spec.name());
    }
    Kamon.init(config);
    CompletableFuture<Integer> apiPort = new CompletableFuture<>();
    ActorSystem<Void> system = ActorSystem.create(HostGuardian.create(spec, settings, apiPort), "kubemu", config);
    int boundApi = apiPort.get(60, TimeUnit.SECONDS);
    int boundPort = org.apache.pekko.cluster.typed.Cluster.get(system).selfMember().address().getPort().orElse(spec.port());
    if (spec.stateDir() != null) {
      StateDir state = new StateDir(spec.stateDir());
      state.writeHost(new HostRecord(spec.name(), ProcessHandle.current().pid(), spec.roles(), spec.bind(), boundPort,
          boundApi, spec.metricsPort(), spec.nodes()));
      watchRunMarker(state, system);
    }
    System.out.println("host " + spec.name() + " up: pekko://kubemu@" + spec.bind() + ":" + boundPort
        + (boundApi > 0 ? ", API http://" + spec.bind() + ":" + boundApi : "")
        + ", metrics http://" + spec.bind() + ":" + spec.metricsPort() + "/metrics, nodes " + spec.nodes());
    system.getWhenTerminated().toCompletableFuture().get();
    Kamon.stop();
    return 0;
  }

  private static void watchRunMarker(StateDir state, ActorSystem<Void> system) {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kubemu-state-watchdog");
      t.setDaemon(true);
      return t;
    });
    long every = Duration.ofSeconds(2).toMillis();
    watchdog.scheduleAtFixedRate(() -> {
      if (!state.running()) {
        System.out.println("state folder " + state.root() + " no longer marks this cluster running: stopping");
        system.terminate();
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }
}
