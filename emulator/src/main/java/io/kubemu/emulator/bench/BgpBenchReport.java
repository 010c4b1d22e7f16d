package io.kubemu.emulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report of {@code kubemu bench bgp}: per point, the sessions, the time until every node held
 * every block, the BGP messages that took, paths and heap per node, and the time until a killed
 * node's block was gone everywhere; then route reflection against the full mesh at each node
 * count, the target, and what Calico's users report. As text or JSON.
 */
public record BgpBenchReport(String machine, String date, BgpBenchOptions options, List<Point> points) {
  /** The 1,000-node full mesh converges, and route reflectors converge at least this many times faster. */
  static final int TARGET_NODES = 1000;
  static final double TARGET_SPEEDUP = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A point: its result, or why there is none. */
  public record Point(BgpPointSpec spec, BgpPointResult result, String failure) {}

  public BgpBenchReport {
    points = List.copyOf(points);
  }

  public String render() {
    StringBuilder sb = new StringBuilder("kubemu bench bgp: calico-bgp speakers over emulated TCP, each point's nodes in one JVM"
        + " (-Xmx" + options.heap() + ", 8 MB a node touched at start)\n");
    sb.append("machine: ").append(machine).append(", ").append(date).append('\n');
    sb.append(String.format(Locale.ROOT, "timers:  hold time %d s, keepalive %d s (offered in OPEN), connect retry 5 s%n",
        options.holdTime().toSeconds(), options.holdTime().toSeconds() / 3));
    if (options.topologies().contains(BgpTopology.RR)) {
      sb.append("rr:      w1..w").append(options.reflectors()).append(" route reflectors with one cluster ID, peering with"
          + " each other; every other node peers with them only\n");
    }
    sb.append('\n');
    String row = "%-8s %6s %9s %11s %8s %12s %9s %10s %8s %6s %10s %10s %10s%n";
    sb.append(String.format(Locale.ROOT, row, "topology", "nodes", "sessions", "converged", "gc", "messages", "msgs/node",
        "paths/node", "msgs/s", "cores", "heap/node", "agent/node", "withdrawn"));
    for (Point p : points) {
      BgpPointResult r = p.result();
      if (r == null) {
        sb.append(String.format(Locale.ROOT, "%-8s %6s   failed: %s%n", p.spec().topology().label(), BenchReport.n(p.spec().nodes()),
            p.failure()));
        continue;
      }
      String converged = r.converged() ? seconds(r.convergeMs()) : "> " + p.spec().timeout().toSeconds() + " s";
      sb.append(String.format(Locale.ROOT, row, r.topology(), BenchReport.n(r.nodes()), BenchReport.n(r.sessions()), converged,
          seconds(r.convergeGcMs()), BenchReport.n(r.messages()), BenchReport.n(r.messages() / r.nodes()),
          BenchReport.n(r.paths() / r.nodes()),
          r.converged() ? BenchReport.n(Math.round(r.steadyMessagesPerSecond())) : "-",
          r.converged() ? String.format(Locale.ROOT, "%.2f", r.steadyCores()) : "-", kb(r.heapPerNode()), kb(r.agentHeapPerNode()), r.killed().isEmpty() ? "-" : r.withdrawn() ? seconds(r.withdrawMs())
              : "> " + p.spec().timeout().toSeconds() + " s"));
      if (!r.converged()) {
        sb.append(String.format(Locale.ROOT, "  (%s of %s nodes had every block with all %s sessions up when the bench stopped"
            + " waiting)%n", BenchReport.n(r.convergedNodes()), BenchReport.n(r.nodes()), BenchReport.n(r.expectedSessions())));
      }
    }
    sb.append("""
          converged:  from the leases handed to every node until every node held every block with all its sessions up
          gc:         of that, the point JVM's garbage-collection pauses: the emulator's cost, which a real node does not pay
          messages:   BGP messages sent, summed over the nodes, each counted when it converged (OPEN, KEEPALIVE, UPDATE)
          paths:      paths in the Adj-RIBs-In
          msgs/s:     BGP messages per second once converged (keepalives), and the CPU cores the JVM kept busy then
          heap/node:  heap after full GCs at the end over the live nodes; agent/node: the same for an agent that has not
                      peered yet (what is not BGP). Both carry the JVM's one-time costs: read them at 100 nodes or more
          withdrawn:  from the kill of the last node (silent, as a dead JVM) until no survivor held its block
        """);
    comparisons(sb);
    sb.append("""

        anchors:
          Calico: the node-to-node mesh suits small deployments ("say 50 nodes ... deployed with over 100", Calico v3.3 docs,
            Configuring BGP Peers); "we test up to 100 nodes without RRs" (Calico's team, kubernetes/kops#6047)
          projectcalico/calico#9976: an 800-node full mesh took about 4 minutes to come up after calico-node started
        """);
    for (Point p : points) {
      if (p.result() != null && !p.result().histogram().isEmpty()) {
        sb.append('\n').append(p.result().topology()).append(' ').append(p.result().nodes())
            .append(": heap by class at the end (jcmd GC.class_histogram)\n");
        p.result().histogram().forEach(l -> sb.append("  ").append(l).append('\n'));
      }
    }
    return sb.toString();
  }

  private void comparisons(StringBuilder sb) {
    boolean any = false;
    for (int n : options.nodeCounts()) {
      Optional<Double> x = speedup(n);
      if (x.isPresent()) {
        sb.append(any ? "" : "\nroute reflectors against the full mesh, time to converge:\n");
        sb.append(String.format(Locale.ROOT, "  %s nodes: %.1fx faster%n", BenchReport.n(n), x.get()));
        any = true;
      }
    }
    sb.append('\n').append(target()).append('\n');
  }

  /** How many times faster rr converged than mesh at {@code nodes}, when both did. */
  Optional<Double> speedup(int nodes) {
    Optional<BgpPointResult> mesh = result(nodes, BgpTopology.MESH);
    Optional<BgpPointResult> rr = result(nodes, BgpTopology.RR);
    if (mesh.isEmpty() || rr.isEmpty() || !mesh.get().converged() || !rr.get().converged()) {
      return Optional.empty();
    }
    return Optional.of(mesh.get().convergeMs() / (double) Math.max(1, rr.get().convergeMs()));
  }

  /** The target line: met, not met, or not measured in this run. */
  String target() {
    String what = "target: the " + BenchReport.n(TARGET_NODES) + "-node full mesh converges, route reflectors at least "
        + (int) TARGET_SPEEDUP + "x faster: ";
    Optional<BgpPointResult> mesh = result(TARGET_NODES, BgpTopology.MESH);
    if (mesh.isEmpty()) {
      return what + "not measured (no " + BenchReport.n(TARGET_NODES) + "-node mesh in this run)";
    }
    if (!mesh.get().converged()) {
      return what + "NOT met (the mesh did not converge)";
    }
    Optional<Double> x = speedup(TARGET_NODES);
    if (x.isEmpty()) {
      return what + "mesh converged in " + seconds(mesh.get().convergeMs()) + "; rr not measured";
    }
    return what + (x.get() >= TARGET_SPEEDUP ? "met" : "NOT met") + String.format(Locale.ROOT, " (%s and %.1fx)",
        seconds(mesh.get().convergeMs()), x.get());
  }

  private Optional<BgpPointResult> result(int nodes, BgpTopology topology) {
    return points.stream().filter(p -> p.spec().nodes() == nodes && p.spec().topology() == topology && p.result() != null)
        .map(Point::result).findFirst();
  }

  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("bench", "bgp").put("machine", machine).put("date", date).put("heap", options.heap())
        .put("holdTimeSeconds", options.holdTime().toSeconds()).put("reflectors", options.reflectors());
    ArrayNode list = root.putArray("points");
    for (Point p : points) {
      ObjectNode o = list.addObject().put("nodes", p.spec().nodes()).put("topology", p.spec().topology().label());
      if (p.result() == null) {
        o.put("failure", p.failure());
      } else {
        o.set("result", JSON.valueToTree(p.result()));
        o.put("heapPerNode", p.result().heapPerNode()).put("agentHeapPerNode", p.result().agentHeapPerNode());
      }
    }
    root.put("target", target());
    return root;
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String kb(long bytes) {
    return String.format(Locale.ROOT, "%,.0f KB", bytes / 1000.0);
  }
}
