package io.kubemu.emulator.bench;

import io.kubemu.nodes.agent.KubeletReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The driver of {@code kubemu bench dataplane}. It is the seed of a Pekko cluster on 127.0.0.1 and
 * starts two host JVMs, h1 and h2, that join it; then it runs, one after another: (a) raw byte-array
 * messages h1 to h2, (b) pod-to-pod UDP over VXLAN from node w1 in h1 to node w2 in h2, (c) the
 * same between nodes w3 and w4, both in h1. Then it stops them and starts one more JVM to measure
 * the heap of idle pods. The driver only coordinates; all traffic runs in the host JVMs.
 */
public final class DataplaneBench {
  private static final Duration HOST_START = Duration.ofSeconds(90);
  private static final String RAW = "(a) raw Pekko byte[] messages, h1 -> h2";
  private static final String CROSS_JVM = "(b) pod-to-pod UDP over VXLAN, w1@h1 -> w2@h2";
  private static final String ONE_JVM = "(c) pod-to-pod UDP over VXLAN, w3@h1 -> w4@h1";

  private final BenchOptions options;
  private final PrintStream progress;

  public DataplaneBench(BenchOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  public BenchReport run() throws IOException, InterruptedException {
    Path logs = Files.createTempDirectory("kubemu-bench-");
    progress.println("logs of the bench's JVMs in " + logs + " (removed when the bench succeeds)");
    BenchReport report;
    try (ChildJvms jvms = new ChildJvms(logs)) {
      report = traffic(jvms);
      if (options.pods() > 0) {
        report = report.withHeap(heap(jvms));
      }
    }
    try (Stream<Path> files = Files.walk(logs)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return report;
  }

  private BenchReport traffic(ChildJvms jvms) throws IOException, InterruptedException {
    BenchLogging.warningsOnly();
    ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), BenchConfig.SYSTEM, BenchConfig.driver());
    try {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      String seed = "127.0.0.1:" + cluster.selfMember().address().getPort().orElseThrow();
      progress.println("starting host JVMs h1 and h2 (joining the driver at " + seed + ")");
      for (String h : List.of("h1", "h2")) {
        jvms.start(h, options.hostHeap(), "member", "--name", h, "--seed", seed);
      }
      ActorRef<BenchHost.Command> h1 = awaitHost(system, jvms, "h1");
      ActorRef<BenchHost.Command> h2 = awaitHost(system, jvms, "h2");
      ActorRef<PodWatch.Command> watch = Asks.spawn(system, PodWatch.create(), "pod-watch");
      ActorRef<KubeletReport> api = Asks.ask(system, watch, PodWatch.GetApi::new, Duration.ofSeconds(10), "pod watch");
      OverlayPhase overlay = new OverlayPhase(system, options, watch, api);

      announce(RAW);
      PhaseResult a = raw(system, h1, h2);
      reset(system, h1, h2);
      announce(CROSS_JVM);
      PhaseResult b = overlay.run(CROSS_JVM, h1, "w1", h2, "w2");
      reset(system, h1, h2);
      announce(ONE_JVM);
      PhaseResult c = overlay.run(ONE_JVM, h1, "w3", h1, "w4");
      reset(system, h1, h2);
      return new BenchReport(machine(), setup(), a, b, c, null);
    } finally {
      jvms.stop("h1");
      jvms.stop("h2");
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }

  private void announce(String phase) {
    progress.println(phase + ": " + BenchOptions.seconds(options.warmup()) + " s warm-up + "
        + BenchOptions.seconds(options.measure()) + " s");
  }

  private PhaseResult raw(ActorSystem<?> system, ActorRef<BenchHost.Command> from, ActorRef<BenchHost.Command> to) {
    ActorRef<RawSink.Command> sink =
        Asks.ask(system, to, BenchHost.StartRawSink::new, Duration.ofSeconds(20), "start the raw sink").sink();
    RawSender.Plan plan = new RawSender.Plan(options.underlayFrameBytes(), options.window(), options.ackEvery(),
        options.warmup(), options.measure());
    RawSender.Result r = Asks.ask(system, from, reply -> new BenchHost.RunRawSender(sink, plan, reply),
        options.phaseTimeout(), "raw phase");
    return new PhaseResult(RAW, r.sent(), r.delivered(),
        r.measured(), r.nanos() / 1e9, r.stalls(), r.writtenOff(), Map.of(), r.sent() - r.delivered(), 0);
  }

  private static void reset(ActorSystem<?> system, ActorRef<BenchHost.Command> h1, ActorRef<BenchHost.Command> h2) {
    for (ActorRef<BenchHost.Command> h : List.of(h1, h2)) {
      Asks.ask(system, h, BenchHost.Reset::new, Duration.ofSeconds(20), "reset");
    }
  }

  /** Waits until host {@code name} has joined and its bench actor is known to the receptionist. */
  private static ActorRef<BenchHost.Command> awaitHost(ActorSystem<?> system, ChildJvms jvms, String name)
      throws InterruptedException {
    long deadline = System.nanoTime() + HOST_START.toNanos();
    while (true) {
      jvms.requireAlive(name);
      Receptionist.Listing listing = Asks.ask(system, system.receptionist(),
          r -> Receptionist.find(BenchHost.key(name), r), Duration.ofSeconds(5), "find host " + name);
      Set<ActorRef<BenchHost.Command>> found = listing.getServiceInstances(BenchHost.key(name));
      if (!found.isEmpty()) {
        return found.iterator().next();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("host JVM " + name + " did not join within " + HOST_START.toSeconds()
            + " s; its log ends:\n" + jvms.tail(name, 30));
      }
      Thread.sleep(250);
    }
  }

  private HeapResult heap(ChildJvms jvms) throws IOException, InterruptedException {
    progress.println("heap: " + options.pods() + " idle pods on " + options.podsPerNode() + "-pod nodes, in a fresh JVM");
    Process p = jvms.start("heap", "2g", "heap", "--pods", Integer.toString(options.pods()),
        "--pods-per-node", Integer.toString(options.podsPerNode()));
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      jvms.stop("heap");
      throw new IllegalStateException("the heap JVM did not finish within 5 minutes; its log ends:\n" + jvms.tail("heap", 30));
    }
    return Files.readAllLines(jvms.log("heap")).stream().filter(l -> l.startsWith(HeapResult.PREFIX + " ")).findFirst()
        .map(HeapResult::parse)
        .orElseThrow(() -> new IllegalStateException("the heap JVM exited with " + p.exitValue()
            + " and no result; its log ends:\n" + jvms.tail("heap", 30)));
  }

  private String machine() {
    return Machine.describe() + "; host JVMs -Xmx" + options.hostHeap() + " -Xss512k -XX:+UseParallelGC; Artery TCP on 127.0.0.1";
  }

  private String setup() {
    return "UDP payload " + options.payload() + " B = underlay frame " + options.underlayFrameBytes() + " B; window "
        + options.window() + ", ack every " + options.ackEvery() + "; " + BenchOptions.seconds(options.warmup())
        + " s warm-up, " + BenchOptions.seconds(options.measure()) + " s measured per phase";
  }
}
