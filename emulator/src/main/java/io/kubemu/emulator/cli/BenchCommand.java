package io.kubemu.emulator.cli;

import io.kubemu.emulator.bench.BenchMember;
import io.kubemu.emulator.bench.BenchOptions;
import io.kubemu.emulator.bench.BenchReport;
import io.kubemu.emulator.bench.DataplaneBench;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks: {@code kubemu bench dataplane}, and the hidden commands of the JVMs it starts. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure kubemu on this machine.",
    subcommands = {BenchCommand.Dataplane.class, BenchCommand.Member.class, BenchCommand.Heap.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "dataplane", mixinStandardHelpOptions = true,
      description = {"Packets/s of (a) raw Pekko messages between two host JVMs, (b) pod-to-pod UDP over VXLAN across"
          + " the same two JVMs, (c) the same with both nodes in one JVM; the ratio b/a, every drop by reason, and the"
          + " heap of an idle pod. Everything runs on 127.0.0.1; the JVMs it starts are stopped at the end.",
          "See docs/bench.md."})
  static final class Dataplane implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per phase (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--payload", defaultValue = "64", description = "UDP payload bytes, 17..1422 (default: ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--window", defaultValue = "4096", description = "Packets a sender keeps unacked (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--ack-every", defaultValue = "256", description = "The receiver acks every N packets (default: ${DEFAULT-VALUE}).")
    int ackEvery;

    @Option(names = "--pods", defaultValue = "10000", description = "Idle pods for the heap measurement; 0 skips it (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--pods-per-node", defaultValue = "250", description = "Idle pods per node, 1..250 (default: ${DEFAULT-VALUE}).")
    int podsPerNode;

    @Option(names = "--host-heap", defaultValue = "1g", description = "Maximum heap of each host JVM (default: ${DEFAULT-VALUE}).")
    String hostHeap;

    @Override
    public Integer call() throws Exception {
      check(seconds >= 0.5 && seconds <= 3600, "--seconds " + seconds + " (expected: 0.5..3600)");
      check(warmup >= 0 && warmup <= 3600, "--warmup " + warmup + " (expected: 0..3600)");
      check(payload >= 17 && payload <= 1422, "--payload " + payload + " (expected: 17..1422)");
      // Artery's outbound queue holds 20000 messages: the window and the acks must fit with room to spare.
      check(window >= 2 && window <= 15000, "--window " + window + " (expected: 2..15000)");
      check(ackEvery >= 1 && ackEvery < window, "--ack-every " + ackEvery + " (expected: 1.." + (window - 1) + ", below --window)");
      check(pods >= 0 && pods <= 60000, "--pods " + pods + " (expected: 0..60000)");
      check(podsPerNode >= 1 && podsPerNode <= 250, "--pods-per-node " + podsPerNode + " (expected: 1..250)");
      check(hostHeap.matches("[0-9]+[kmgKMG]?"), "--host-heap '" + hostHeap + "' (expected: a -Xmx size such as 1g)");
      BenchOptions options = new BenchOptions(Duration.ofMillis(Math.round(warmup * 1000)),
          Duration.ofMillis(Math.round(seconds * 1000)), payload, window, ackEvery, pods, podsPerNode, hostHeap);
      BenchReport report;
      try {
        report = new DataplaneBench(options, System.err).run();
      } catch (IllegalStateException e) {
        throw new CliException("bench failed: " + e.getMessage());
      }
      System.out.println();
      System.out.print(report.render());
      return 0;
    }

    private static void check(boolean ok, String problem) {
      if (!ok) {
        throw new CliException(problem);
      }
    }
  }

  @Command(name = "member", hidden = true, description = "A host JVM of the dataplane bench (started by it).")
  static final class Member implements Callable<Integer> {
    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--seed", required = true, description = "The driver's HOST:PORT.")
    String seed;

    @Override
    public Integer call() throws Exception {
      return BenchMember.host(name, seed);
    }
  }

  @Command(name = "heap", hidden = true, description = "The idle-pod heap JVM of the dataplane bench (started by it).")
  static final class Heap implements Callable<Integer> {
    @Option(names = "--pods", required = true)
    int pods;

    @Option(names = "--pods-per-node", defaultValue = "250")
    int podsPerNode;

    @Override
    public Integer call() throws Exception {
      return BenchMember.heap(pods, podsPerNode);
    }
  }
}
