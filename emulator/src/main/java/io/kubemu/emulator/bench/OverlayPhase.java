package io.kubemu.emulator.bench;

import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.metrics.InterfaceStats;
import io.kubemu.nodes.pod.ExecResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Phases (b) and (c): node A and node B (in two host JVMs or one) peered through flannel-vxlan, a
 * {@code udp-sink} pod on B and a pod on A whose exec'd {@code udp-flood} sends to it. The result
 * is the flood's line plus every drop counted on both nodes and in both pods, and what the
 * underlay lost between the nodes' eth0 counters.
 */
final class OverlayPhase {
  private static final Duration ASK = Duration.ofSeconds(20);

  private final ActorSystem<?> system;
  private final BenchOptions options;
  private final ActorRef<PodWatch.Command> watch;
  private final ActorRef<KubeletReport> api;

  OverlayPhase(ActorSystem<?> system, BenchOptions options, ActorRef<PodWatch.Command> watch, ActorRef<KubeletReport> api) {
    this.system = system;
    this.options = options;
    this.watch = watch;
    this.api = api;
  }

  PhaseResult run(String label, ActorRef<BenchHost.Command> hostA, String nodeA, ActorRef<BenchHost.Command> hostB,
      String nodeB) {
    NodeLease a = startNode(hostA, nodeA);
    NodeLease b = startNode(hostB, nodeB);
    Map<String, NodeLease> leases = Map.of(nodeA, a, nodeB, b);
    for (ActorRef<BenchHost.Command> host : hostA.equals(hostB) ? List.of(hostA) : List.of(hostA, hostB)) {
      Asks.ask(system, host, (ActorRef<BenchHost.Done> r) -> new BenchHost.SetPeers(leases, r), ASK, "peer " + nodeA + " and " + nodeB);
    }
    String sink = "sink-" + nodeB;
    String flood = "flood-" + nodeA;
    b.agent().tell(new NodeAgent.RunPod(BenchPods.pod(sink, nodeB, BenchPods.IMAGE, List.of("udp-sink"))));
    a.agent().tell(new NodeAgent.RunPod(BenchPods.pod(flood, nodeA, BenchPods.IMAGE, List.of("sleep", "infinity"))));
    String sinkIp = running(sink);
    running(flood);
    List<String> argv = List.of("udp-flood", "--size", Integer.toString(options.payload()),
        "--window", Integer.toString(options.window()), "--ack-every", Integer.toString(options.ackEvery()),
        "--warmup", BenchOptions.seconds(options.warmup()), "--seconds", BenchOptions.seconds(options.measure()), sinkIp);
    Duration timeout = options.phaseTimeout();
    ExecResult r = Asks.ask(system, a.agent(),
        reply -> new NodeAgent.ExecInPod("default", flood, "", argv, new byte[0], timeout.toMillis(), null, reply),
        timeout.plusSeconds(5), "udp-flood in pod " + flood);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("udp-flood in pod " + flood + " exited with " + r.exitCode() + ":\n" + r.stdout() + r.stderr());
    }
    FloodLine line = FloodLine.find(r.stdout());
    NodeAgent.NodeStats statsA = Asks.ask(system, a.agent(), NodeAgent.GetStats::new, ASK, "stats of " + nodeA);
    NodeAgent.NodeStats statsB = Asks.ask(system, b.agent(), NodeAgent.GetStats::new, ASK, "stats of " + nodeB);

    Map<String, Long> drops = new TreeMap<>();
    nodeDrops(statsA, drops);
    nodeDrops(statsB, drops);
    line.drops("eth0-drops", flood + "/eth0").forEach((k, v) -> drops.merge(k, v, Long::sum));
    line.drops("sink-drops", sink + "/eth0").forEach((k, v) -> drops.merge(k, v, Long::sum));
    if (line.number("sink-malformed") > 0) {
      drops.put(sink + "/udp-sink malformed", line.number("sink-malformed"));
    }
    InterfaceStats ethA = eth0(statsA);
    InterfaceStats ethB = eth0(statsB);
    long transport = (ethA.txPackets() - ethB.rxPackets()) + (ethB.txPackets() - ethA.rxPackets());
    double frame = ethA.txPackets() > 0 ? (double) ethA.txBytes() / ethA.txPackets() : 0;
    return new PhaseResult(label, line.number("sent"), line.number("delivered"), line.number("measured"),
        line.decimal("seconds"), line.number("stalls"), line.number("written-off"), drops, transport, frame);
  }

  private NodeLease startNode(ActorRef<BenchHost.Command> host, String node) {
    return Asks.ask(system, host, (ActorRef<BenchHost.NodeStarted> r) -> new BenchHost.StartNode(node, api, r), ASK, "start node " + node).lease();
  }

  private String running(String pod) {
    PodWatch.PodRunning p = Asks.ask(system, watch, r -> new PodWatch.AwaitRunning(pod, r), ASK, "pod " + pod + " Running");
    if (p.problem() != null) {
      throw new IllegalStateException("pod " + pod + " cannot run: " + p.problem());
    }
    return p.ip();
  }

  private static void nodeDrops(NodeAgent.NodeStats stats, Map<String, Long> into) {
    for (InterfaceStats i : stats.interfaces()) {
      i.drops().forEach((reason, n) -> into.merge(stats.node() + "/" + i.iface() + " " + reason, n, Long::sum));
    }
  }

  private static InterfaceStats eth0(NodeAgent.NodeStats stats) {
    return stats.interfaces().stream().filter(i -> i.iface().equals("eth0")).findFirst()
        .orElseThrow(() -> new IllegalStateException("node " + stats.node() + " reported no eth0"));
  }
}
