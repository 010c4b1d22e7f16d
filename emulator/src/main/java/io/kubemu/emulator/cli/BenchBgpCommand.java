package io.kubemu.emulator.cli;

import io.kubemu.emulator.bench.BenchMember;
import io.kubemu.emulator.bench.BgpBench;
import io.kubemu.emulator.bench.BgpBenchOptions;
import io.kubemu.emulator.bench.BgpBenchReport;
import io.kubemu.emulator.bench.BgpPointSpec;
import io.kubemu.emulator.bench.BgpTopology;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubemu bench bgp}: how long calico-bgp's mesh and route reflectors take to converge and to withdraw a dead node. */
@Command(name = "bgp", mixinStandardHelpOptions = true, subcommands = BenchBgpCommand.Point.class,
    description = {"Per node count and topology (full mesh, or route reflectors), each in a fresh JVM with every node agent"
        + " running calico-bgp: the time from the node leases reaching every node until every node holds every block with"
        + " all its sessions up, the BGP messages sent, paths and heap per node; then the last node dies silently, as a"
        + " JVM does, and the time until its block is gone from every survivor (about the hold time).", "See docs/bench.md."})
final class BenchBgpCommand implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "100", description = "Node counts, comma-separated, at most "
      + BgpPointSpec.MAX_NODES + " (default: ${DEFAULT-VALUE}).")
  String nodes;

  @Option(names = "--topology", defaultValue = "mesh,rr", description = "mesh (Calico's node-to-node mesh) and/or rr (route"
      + " reflectors), comma-separated (default: ${DEFAULT-VALUE}).")
  String topology;

  @Option(names = "--reflectors", defaultValue = "3", description = "Route reflectors in rr: w1..wN (default: ${DEFAULT-VALUE}).")
  int reflectors;

  @Option(names = "--hold-time", defaultValue = "9", description = "Hold time the speakers offer, whole seconds; keepalive is a"
      + " third of it. The withdrawal of a dead node takes about this long (default: ${DEFAULT-VALUE}; Calico's is 90).")
  int holdTime;

  @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for convergence, and again for the"
      + " withdrawal, per point (default: ${DEFAULT-VALUE}).")
  int timeout;

  @Option(names = "--skip-kill", description = "Do not kill a node: measure convergence only.")
  boolean skipKill;

  @Option(names = "--heap", defaultValue = "12g", description = "Maximum heap of each point's JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--histogram", defaultValue = "0", description = "Also print the N classes that hold the most heap at the end"
      + " of each point (default: ${DEFAULT-VALUE}).")
  int histogram;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String output;

  @Override
  public Integer call() throws Exception {
    if (!output.equals("text") && !output.equals("json")) {
      throw new CliException("-o " + output + " (expected: text, json)");
    }
    BgpBenchOptions options;
    try {
      options = new BgpBenchOptions(BgpBenchOptions.parseNodes(nodes), BgpBenchOptions.parseTopologies(topology), reflectors,
          Duration.ofSeconds(holdTime), Duration.ofSeconds(timeout), !skipKill, heap, histogram);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    BgpBenchReport report;
    try {
      report = new BgpBench(options, System.err).run();
    } catch (IllegalStateException e) {
      throw new CliException("bench failed: " + e.getMessage());
    }
    System.out.print(output.equals("json") ? report.toJson().toPrettyString() + "\n" : "\n" + report.render());
    return report.points().stream().allMatch(p -> p.result() != null && p.result().converged()) ? 0 : 1;
  }

  @Command(name = "point", hidden = true, description = "One point of the BGP bench, in the JVM the bench starts for it.")
  static final class Point implements Callable<Integer> {
    @Option(names = "--nodes", required = true)
    int nodes;

    @Option(names = "--topology", required = true)
    String topology;

    @Option(names = "--reflectors", defaultValue = "3")
    int reflectors;

    @Option(names = "--hold-time", defaultValue = "9")
    int holdTime;

    @Option(names = "--timeout", defaultValue = "600")
    int timeout;

    @Option(names = "--histogram", defaultValue = "0")
    int histogram;

    @Option(names = "--skip-kill")
    boolean skipKill;

    @Override
    public Integer call() throws Exception {
      return BenchMember.bgpPoint(new BgpPointSpec(nodes, BgpTopology.parse(topology), reflectors, Duration.ofSeconds(holdTime),
          Duration.ofSeconds(timeout), !skipKill, histogram));
    }
  }
}
