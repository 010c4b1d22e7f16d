package io.kubemu.emulator.bench;

import com.typesafe.config.Config;
import io.kubemu.emulator.host.ClusterSettings;
import java.io.IOException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The JVMs the bench driver starts: a host JVM that joins the driver's cluster and serves a
 * {@link BenchHost}, the idle-pod heap probe, or a point of the BGP bench. Each ends when its
 * stdin, a pipe from the driver, closes: a killed driver leaves nothing running.
 */
public final class BenchMember {
  private BenchMember() {}

  /** Runs host {@code name} until it is stopped or the driver goes away. */
  public static int host(String name, String seed) throws Exception {
    BenchLogging.warningsOnly();
    Config config = BenchConfig.member(seed);
    ClusterSettings settings = ClusterSettings.from(config);
    ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), BenchConfig.SYSTEM, config);
    exitWhenStdinCloses();
    Asks.spawn(system, BenchHost.create(name, settings), "bench-host");
    System.out.println("bench host " + name + " at " + Cluster.get(system).selfMember().address() + ", joining " + seed);
    system.getWhenTerminated().toCompletableFuture().get();
    return 0;
  }

  /** Measures the heap of idle pods and prints the result line the driver reads. */
  public static int heap(int pods, int podsPerNode) throws Exception {
    BenchLogging.warningsOnly();
    exitWhenStdinCloses();
    HeapResult r = HeapProbe.measure(pods, podsPerNode);
    System.out.println(r.toLine());
    return 0;
  }

  /** Measures one point of the BGP bench and prints its result line, progress before it. */
  public static int bgpPoint(BgpPointSpec spec) throws Exception {
    BenchLogging.warningsOnly();
    exitWhenStdinCloses();
    BgpPointResult r = BgpPoint.measure(spec, System.out);
    System.out.println(r.toLine());
    return 0;
  }

  private static void exitWhenStdinCloses() {
    Thread t = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the driver never writes; end-of-file means it is gone
        }
      } catch (IOException e) {
        // a broken pipe means the same
      }
      System.out.println("bench driver gone (stdin closed): exiting");
      Thread halt = new Thread(() -> {
        try {
          Thread.sleep(5000);
        } catch (InterruptedException e) {
          // halting anyway
        }
        Runtime.getRuntime().halt(3); // the shutdown hooks hung (a cluster leave with nobody left to tell)
      }, "kubemu-bench-halt");
      halt.setDaemon(true);
      halt.start();
      System.exit(3);
    }, "kubemu-bench-stdin-watch");
    t.setDaemon(true);
    t.start();
  }
}
