package io.kubemu.emulator.cli;

import io.kubemu.emulator.bench.BenchMember;
import io.kubemu.emulator.bench.BenchOptions;
import io.kubemu.emulator.bench.BenchReport;
import io.kubemu.emulator.bench.ControlPlaneBench;
import io.kubemu.emulator.bench.ControlPlaneOptions;
import io.kubemu.emulator.bench.ControlPlaneReport;
import io.kubemu.emulator.bench.DataplaneBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks: {@code kubemu bench dataplane|control-plane|services}, and the hidden commands of the JVMs the dataplane bench starts. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure kubemu on this machine.",
    subcommands = {BenchCommand.Dataplane.class, BenchCommand.ControlPlane.class, BenchServicesCommand.class, BenchBgpCommand.class,
        BenchCommand.Member.class, BenchCommand.Heap.class})
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

  }

  @Command(name = "control-plane", mixinStandardHelpOptions = true,
      description = {"Pods created per second and the latency of each from its create request to Running with a pod IP"
          + " (p50/p90/p99/max, beside the Kubernetes SLO of p99 <= 5 s and KWOK's 20 pods/s), then the failover time of"
          + " the API store after kill -9 of its host. Starts its own cluster on free ports in a private state folder and"
          + " stops it at the end, also on failure or Ctrl-C.", "See docs/bench.md."})
  static final class ControlPlane implements Callable<Integer> {
    @Option(names = "--pods", defaultValue = "1000", description = "Pods to create (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--warmup", defaultValue = "100", description = "Pods created first, the same way, and not measured:"
        + " the JVMs warm up on them (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--hosts", defaultValue = "3", description = "Host JVMs; h1 and h2 carry the control plane; the failover"
        + " needs 3 or more (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--nodes", defaultValue = "0", description = "Nodes; each takes at most 110 pods (default: one per 100 pods"
        + " with the warm-up, at least one per host).")
    int nodes;

    @Option(names = "--rate", defaultValue = "0", description = "Creates per second at most; 0: as fast as the API answers"
        + " (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--in-flight", defaultValue = "32", description = "Creates sent and not yet answered, at most (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--via", defaultValue = "pods", description = "pods: one POST per pod (the API, scheduler and kubelet path);"
        + " deployment: one Deployment of --pods replicas (adds the Deployment and ReplicaSet controllers) (default: ${DEFAULT-VALUE}).")
    String via;

    @Option(names = "--skip-failover", description = "Do not measure the failover.")
    boolean skipFailover;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for the pods to be Running, at most;"
        + " the bench stops waiting sooner when no pod came up for 60 s (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--host-heap", defaultValue = "1g", description = "Maximum heap of each host JVM (default: ${DEFAULT-VALUE}).")
    String hostHeap;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write each pod's times (ms from the first create) to FILE.")
    Path csv;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Override
    public Integer call() throws Exception {
      check(pods >= 1 && pods <= 100_000, "--pods " + pods + " (expected: 1..100000)");
      check(hosts >= 1 && hosts <= 16, "--hosts " + hosts + " (expected: 1..16)");
      check(skipFailover || hosts >= 3, "--hosts " + hosts + ": the failover needs 3 hosts or more (with 2, the cluster stops"
          + " with h1); add --skip-failover or use --hosts 3");
      check(warmup >= 0 && warmup <= 10_000, "--warmup " + warmup + " (expected: 0..10000)");
      int all = pods + warmup;
      int n = nodes == 0 ? ControlPlaneOptions.defaultNodes(all, hosts) : nodes;
      check(n >= 1 && n <= 10_000, "--nodes " + n + " (expected: 1..10000)");
      check(n >= ControlPlaneOptions.fewestNodes(all), "--nodes " + n + " holds at most " + n * ControlPlaneOptions.MAX_PODS_PER_NODE
          + " pods (" + ControlPlaneOptions.MAX_PODS_PER_NODE + " per node, as the scheduler enforces); " + all + " pods (with the"
          + " warm-up) need --nodes " + ControlPlaneOptions.fewestNodes(all) + " or more");
      check(rate >= 0 && rate <= 100_000, "--rate " + rate + " (expected: 0..100000, 0 for no limit)");
      check(inFlight >= 1 && inFlight <= 1024, "--in-flight " + inFlight + " (expected: 1..1024)");
      check(via.equals("pods") || via.equals("deployment"), "--via " + via + " (expected: pods, deployment)");
      check(timeoutSeconds >= 1 && timeoutSeconds <= 86_400, "--timeout " + timeoutSeconds + " (expected: 1..86400)");
      check(hostHeap.matches("[0-9]+[kmgKMG]?"), "--host-heap '" + hostHeap + "' (expected: a -Xmx size such as 1g)");
      check(output.equals("text") || output.equals("json"), "-o " + output + " (expected: text, json)");
      ControlPlaneOptions options = new ControlPlaneOptions(pods, warmup, hosts, n, rate, inFlight, via.equals("deployment"), !skipFailover,
          Duration.ofSeconds(timeoutSeconds), hostHeap, csv);
      ControlPlaneReport report;
      try {
        report = new ControlPlaneBench(options, System.err).run();
      } catch (IllegalStateException e) {
        throw new CliException("bench failed: " + e.getMessage());
      }
      System.out.print(output.equals("json") ? report.toJson().toPrettyString() + "\n" : "\n" + report.render());
      return report.pods().running() == pods ? 0 : 1;
    }
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new CliException(problem);
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
