package io.kubemu.emulator.cli;

import io.kubemu.emulator.bench.ServicesBench;
import io.kubemu.emulator.bench.ServicesOptions;
import io.kubemu.emulator.bench.ServicesReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubemu bench services}: what a Service costs in each kube-proxy mode. */
@Command(name = "services", mixinStandardHelpOptions = true,
    description = {"Per kube-proxy mode, each on a cluster of its own: new connections per second through a ClusterIP from a"
        + " pod on h1 to endpoints on other JVMs, with their spread over the endpoints (chi-square against an even split);"
        + " HTTP requests/s of a real load client (wrk if installed) on a NodePort and on a plain local HTTP server (the"
        + " ratio). Then kube-proxy's sync time at --sync-services Services in this JVM. Clusters are stopped at the end,"
        + " also on failure or Ctrl-C.", "See docs/bench.md."})
final class BenchServicesCommand implements Callable<Integer> {
  @Option(names = "--modes", defaultValue = "iptables,nftables,ipvs", description = "Proxy modes, comma-separated (default: ${DEFAULT-VALUE}).")
  String modes;

  @Option(names = "--hosts", defaultValue = "3", description = "Host JVMs: the client on h1, the endpoints on the others (default: ${DEFAULT-VALUE}).")
  int hosts;

  @Option(names = "--nodes", defaultValue = "3", description = "Nodes, placed round robin on the hosts (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--endpoints", defaultValue = "4", description = "agnhost pods behind the Service (default: ${DEFAULT-VALUE}).")
  int endpoints;

  @Option(names = "--connections", defaultValue = "16", description = "Concurrent connections of conn-load and of the HTTP load"
      + " client (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--duration", defaultValue = "10", description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds before each phase, not measured (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--sync-services", defaultValue = "10000", description = "Services for the sync timing; 0 skips it"
      + " (default: ${DEFAULT-VALUE}).")
  int syncServices;

  @Option(names = "--sync-endpoints", defaultValue = "5", description = "Endpoints per Service for the sync timing (default: ${DEFAULT-VALUE}).")
  int syncEndpoints;

  @Option(names = "--host-heap", defaultValue = "1g", description = "Maximum heap of each host JVM (default: ${DEFAULT-VALUE}).")
  String hostHeap;

  @Option(names = "--load-client", defaultValue = "auto", description = "auto (wrk if on the PATH, else the built-in Java"
      + " client), wrk or java (default: ${DEFAULT-VALUE}).")
  String loadClient;

  @Option(names = "--skip-traffic", description = "Start no cluster: only time kube-proxy's sync.")
  boolean skipTraffic;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
  String output;

  @Override
  public Integer call() throws Exception {
    if (!output.equals("text") && !output.equals("json") && !output.equals("markdown")) {
      throw new CliException("-o " + output + " (expected: text, json, markdown)");
    }
    ServicesOptions options;
    try {
      options = new ServicesOptions(ServicesOptions.parseModes(modes), hosts, nodes, endpoints, connections, warmup, duration,
          syncServices, syncEndpoints, hostHeap, loadClient, !skipTraffic);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    ServicesReport report;
    try {
      report = new ServicesBench(options, System.err).run();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CliException("bench failed: " + e.getMessage());
    }
    System.out.print(switch (output) {
      case "json" -> report.toJson().toPrettyString() + "\n";
      case "markdown" -> report.markdown();
      default -> "\n" + report.render();
    });
    return 0;
  }
}
