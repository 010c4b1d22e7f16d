package io.kubemu.emulator.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.kubemu.emulator.host.ClusterSettings;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeConfig;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.bgp.BgpStatus;
import io.kubemu.nodes.bgp.BgpSummary;
import io.kubemu.nodes.bgp.CalicoView;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;

/**
 * One point of the BGP bench, in this JVM: node agents w1..wN with the calico-bgp backend in one
 * actor system, started together, their leases handed to every agent at once (as the host's watch
 * of the node leases does) and the time until every node holds every block over all its sessions;
 * then the last node dies as a JVM does (it hears of nobody, nobody hears of it, it stops, and
 * nothing it says reaches anyone) and the time until its block is gone from every survivor. A
 * smaller run of the same topology warms the JIT first and is not measured.
 */
final class BgpPoint {
  private static final int WARMUP_NODES = 20;
  private static final String HOST = "h-bgp";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final int POLL_IN_FLIGHT = 256;
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final BgpPointSpec spec;
  private final PrintStream out;
  private final ActorSystem<SpawnProtocol.Command> system;
  private final ClusterSettings settings;
  private final SummaryPoller poller;
  private ActorRef<BgpNodes.Command> parent;
  private ActorRef<KubeletReport> api;

  /** Agents started together, and the leases they published. */
  private record Nodes(Map<String, ActorRef<NodeAgent.Command>> agents, Map<String, NodeLease> leases) {}

  private BgpPoint(BgpPointSpec spec, PrintStream out) {
    this.spec = spec;
    this.out = out;
    this.system = ActorSystem.create(SpawnProtocol.create(), BenchConfig.SYSTEM, config(spec));
    this.settings = ClusterSettings.from(system.settings().config());
    this.poller = new SummaryPoller(system, POLL_IN_FLIGHT, POLL_INTERVAL, ASK_TIMEOUT);
  }

  /** Measures the point and prints its result line; progress goes to {@code out} as lines starting {@code bgp: }. */
  static BgpPointResult measure(BgpPointSpec spec, PrintStream out) throws InterruptedException {
    BgpPoint point = new BgpPoint(spec, out);
    try {
      return point.run();
    } finally {
      point.system.terminate();
      point.system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }

  /** A local actor system (no cluster, no ports) whose nodes run calico-bgp, one /26 block each, with the spec's timers. */
  static Config config(BgpPointSpec spec) {
    return ConfigFactory.parseString("""
        kubemu.cluster {
          backend = calico-bgp
          cluster-cidr = "10.244.0.0/16"
          node-cidr-mask-size = 26
          bgp.hold-time = %ds
          bgp.keepalive-time = %ds
        }
        """.formatted(spec.holdTime().toSeconds(), spec.keepalive().toSeconds())).withFallback(BenchConfig.heap()).resolve();
  }

  private BgpPointResult run() throws InterruptedException {
    parent = Asks.spawn(system, BgpNodes.create(), "nodes");
    api = Asks.spawn(system, BgpBenchApi.create(node -> settings.node(node, HOST).podCidr()), "api");
    // Before the warm-up: what the stopped warm-up nodes leave behind for a while (a few MB) would otherwise come off
    // the nodes' share. One-time costs and that residue are charged to the nodes instead: little beside 100 nodes.
    long heapBase = HeapProbe.heapAfterGc();
    warmUp();

    long t = System.nanoTime();
    Nodes nodes = start(spec.nodes(), "node-");
    long startMs = millisSince(t);
    long heapNodes = HeapProbe.heapAfterGc();
    say("%d agents started in %.1f s; heap %s after GC (%s before them)", spec.nodes(), startMs / 1000.0, mb(heapNodes),
        mb(heapBase));

    long gc0 = gcMillis();
    long t0 = System.nanoTime();
    connect(nodes);
    SummaryPoller.Outcome up = poller.await(nodes.agents(), converged(spec.nodes()), t0 + spec.timeout().toNanos(),
        (latest, done) -> progress(t0, latest, done, spec.nodes(), "have every block", nodes.agents()));
    long convergeMs = up.complete() ? TimeUnit.NANOSECONDS.toMillis(up.lastNanos() - t0) : -1;
    long convergeGcMs = gcMillis() - gc0;
    long messages = up.atGoal().values().stream().mapToLong(BgpSummary::messagesSent).sum();
    long sessions = up.latest().values().stream().mapToLong(BgpSummary::established).sum() / 2;
    long paths = up.latest().values().stream().mapToLong(BgpSummary::paths).sum();
    say(up.complete() ? "converged in %.1f s (%5$.1f s of it GC pauses): %s sessions, %s messages"
        : "NOT converged within %4$d s: %2$s sessions up", convergeMs / 1000.0, BenchReport.n(sessions),
        BenchReport.n(messages), spec.timeout().toSeconds(), convergeGcMs / 1000.0);

    SteadyLoad steady = up.complete() ? SteadyLoad.measure(poller, nodes.agents(), spec.keepalive().multipliedBy(2))
        : SteadyLoad.NONE;
    if (up.complete()) {
      say("steady: %,.0f BGP messages/s, %.2f cores busy (over %d s)", steady.messagesPerSecond(), steady.cores(),
          spec.keepalive().multipliedBy(2).toSeconds());
    }

    String killed = "";
    long withdrawMs = -1;
    int live = spec.nodes();
    if (spec.kill() && up.complete()) {
      killed = "w" + spec.nodes();
      withdrawMs = kill(nodes, killed);
      live--;
    }
    long heapEnd = HeapProbe.heapAfterGc();
    List<String> histogram = spec.histogram() > 0 ? ClassHistogram.top(spec.histogram()) : List.of();
    return new BgpPointResult(spec.nodes(), spec.topology().label(), spec.reflectors(), spec.holdTime().toSeconds(), startMs,
        convergeMs, convergeGcMs, up.atGoal().size(), sessions, spec.topology().sessions(spec.nodes(), spec.reflectors()),
        messages, paths, steady.messagesPerSecond(), steady.cores(), killed, withdrawMs, heapBase, heapNodes, heapEnd, live, histogram);
  }

  /** The same topology on a few nodes until it converges, then stopped: the JIT warms on the code the point runs. */
  private void warmUp() throws InterruptedException {
    int n = Math.min(WARMUP_NODES, spec.nodes());
    long t0 = System.nanoTime();
    Nodes warm = start(n, "warm-");
    connect(warm);
    SummaryPoller.Outcome up = poller.await(warm.agents(), converged(n), t0 + TimeUnit.SECONDS.toNanos(120), (l, d) -> { });
    if (!up.complete()) {
      throw new IllegalStateException("the " + n + "-node warm-up did not converge within 120 s");
    }
    for (ActorRef<NodeAgent.Command> a : warm.agents().values()) {
      a.tell(new NodeAgent.PeersChanged(Map.of())); // what a stopping speaker says reaches nobody
      stop(a, "a warm-up node");
    }
    say("warm-up: %d nodes converged in %.1f s and stopped", n, millisSince(t0) / 1000.0);
  }

  /**
   * Hands every node what the host's watches would: for rr first Calico's resources (the mesh off, the reflectors and
   * the BGPPeer), then the leases of all nodes, which start the sessions.
   */
  private void connect(Nodes nodes) {
    if (spec.topology() == BgpTopology.RR) {
      CalicoView view = BgpReflectors.view(nodes.leases(), spec.reflectors());
      nodes.agents().values().forEach(a -> a.tell(new NodeAgent.SyncCalico(view)));
    }
    nodes.agents().values().forEach(a -> a.tell(new NodeAgent.PeersChanged(nodes.leases())));
  }

  private void stop(ActorRef<NodeAgent.Command> agent, String what) {
    Asks.<BgpNodes.Command, BgpNodes.Stopped>ask(system, parent, r -> new BgpNodes.Stop(agent, r), ASK_TIMEOUT, "stop " + what);
  }

  private Nodes start(int n, String prefix) throws InterruptedException {
    List<NodeConfig> configs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      configs.add(settings.node("w" + i, HOST));
    }
    Map<String, NodeLease> published = new ConcurrentHashMap<>();
    BgpNodes.Started started = Asks.ask(system, parent, r -> new BgpNodes.Start(configs, prefix, api,
        l -> published.put(l.node(), l), r), START_TIMEOUT, "start " + n + " node agents");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (published.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + published.size() + " of " + n + " node agents published a lease within "
            + START_TIMEOUT.toMinutes() + " minutes");
      }
      Thread.sleep(20);
    }
    // later publications (an agent that hears of nobody publishes itself again) are not the cluster's business here
    return new Nodes(started.agents(), Map.copyOf(published));
  }

  /** Every block in the node's table, and every session the topology gives it Established. */
  private BiPredicate<String, BgpSummary> converged(int n) {
    return (node, s) -> s.prefixes() == n
        && s.established() == spec.topology().sessionsOf(ClusterSettings.nodeIndex(node), n, spec.reflectors());
  }

  /**
   * Kills {@code victim} as its JVM would die: it is told of no peers (so nothing it sends goes anywhere) and stopped,
   * and the others no longer see its lease. Its sessions end when their hold timers expire; returns the milliseconds
   * until no survivor has its block, or -1 when that did not happen within the timeout.
   */
  private long kill(Nodes nodes, String victim) throws InterruptedException {
    ActorRef<NodeAgent.Command> dead = nodes.agents().get(victim);
    Map<String, NodeLease> rest = new HashMap<>(nodes.leases());
    rest.remove(victim);
    Map<String, NodeLease> leases = Map.copyOf(rest);
    Map<String, ActorRef<NodeAgent.Command>> survivors = new HashMap<>(nodes.agents());
    survivors.remove(victim);
    long t0 = System.nanoTime();
    dead.tell(new NodeAgent.PeersChanged(Map.of()));
    survivors.values().forEach(a -> a.tell(new NodeAgent.PeersChanged(leases)));
    Asks.ask(system, dead, NodeAgent.GetBgpSummary::new, ASK_TIMEOUT, victim + " hearing of nobody"); // before it stops
    stop(dead, victim);
    int left = spec.nodes() - 1;
    SummaryPoller.Outcome gone = poller.await(survivors, (node, s) -> s.prefixes() == left,
        t0 + spec.timeout().toNanos(), (latest, done) -> progress(t0, latest, done, left, "dropped " + victim + "'s block", survivors));
    long ms = gone.complete() ? TimeUnit.NANOSECONDS.toMillis(gone.lastNanos() - t0) : -1;
    say(gone.complete() ? "%s killed: its block gone from all %d survivors in %.1f s (hold time %d s)"
        : "%s killed: its block NOT gone from all %d survivors within the timeout", victim, left, ms / 1000.0,
        spec.holdTime().toSeconds());
    return ms;
  }

  private void progress(long t0, Map<String, BgpSummary> latest, Set<String> done, int of, String what,
      Map<String, ActorRef<NodeAgent.Command>> agents) {
    long up = latest.values().stream().mapToLong(BgpSummary::established).sum() / 2;
    Runtime rt = Runtime.getRuntime();
    say("%.0f s: %d of %d nodes %s; sessions up %s of %s; heap in use %s", millisSince(t0) / 1000.0, done.size(), of, what,
        BenchReport.n(up), BenchReport.n(spec.topology().sessions(spec.nodes(), spec.reflectors())),
        mb(rt.totalMemory() - rt.freeMemory()));
    agents.keySet().stream().filter(n -> !done.contains(n)).findFirst().ifPresent(n -> say("  %s", sessions(n, agents.get(n))));
  }

  /** One node's sessions by state and by last error: why a point is slow. */
  private String sessions(String node, ActorRef<NodeAgent.Command> agent) {
    NodeAgent.BgpReply reply;
    try {
      reply = Asks.ask(system, agent, NodeAgent.GetBgpStatus::new, Duration.ofSeconds(5), node + "'s status");
    } catch (IllegalStateException e) {
      return node + ": " + e.getMessage();
    }
    Map<String, Long> states = reply.status().peers().stream().collect(Collectors.groupingBy(BgpStatus.Peer::state,
        TreeMap::new, Collectors.counting()));
    Map<String, Long> errors = reply.status().peers().stream().filter(p -> !p.lastError().isEmpty())
        .collect(Collectors.groupingBy(BgpStatus.Peer::lastError, TreeMap::new, Collectors.counting()));
    return node + ": sessions " + states + "; last errors " + errors;
  }

  private void say(String format, Object... args) {
    out.println("bgp: " + spec.topology().label() + " " + spec.nodes() + ": " + String.format(Locale.ROOT, format, args));
  }

  /** The JVM's garbage-collection time so far: pauses, with the parallel collector this bench runs. */
  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(t -> t > 0).sum();
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
  }
}
