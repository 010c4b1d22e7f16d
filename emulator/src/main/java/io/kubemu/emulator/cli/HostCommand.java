package io.kubemu.emulator.cli;

import io.kubemu.emulator.host.Host;
import io.kubemu.emulator.host.HostSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one host in the foreground; on another machine, {@code --join} an existing cluster's seed. */
@Command(name = "host", mixinStandardHelpOptions = true,
    description = "Run one host JVM in the foreground, joining a cluster (used by 'up', and by hand on other machines).")
public final class HostCommand implements Callable<Integer> {
  @Option(names = "--join", required = true, paramLabel = "SEED_HOST:PORT", description = "The seed host (h1) to join; a seed joins itself.")
  String join;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address this host binds and is reached at (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--port", defaultValue = "0", description = "Pekko port (default: a free one).")
  int port;

  @Option(names = "--name", description = "Host name (default: h-<bind>-<port>).")
  String name;

  @Option(names = "--roles", defaultValue = "worker", split = ",", description = "control-plane and/or worker (default: ${DEFAULT-VALUE}).")
  List<String> roles;

  @Option(names = "--nodes", split = ",", description = "Nodes this host carries, e.g. w4,w5.")
  List<String> nodes;

  @Option(names = "--api-port", defaultValue = "0", description = "API server port on a control-plane host (default: a free one).")
  int apiPort;

  @Option(names = "--share-api-port", description = "Bind the API port with SO_REUSEPORT, shared with the other control-plane hosts"
      + " on this machine: one address that survives the loss of a host ('up' sets it when there are several).")
  boolean shareApiPort;

  @Option(names = "--metrics-port", defaultValue = "0", description = "Prometheus metrics port (default: a free one).")
  int metricsPort;

  @Option(names = "--state-dir", description = "State folder to record this host in; the host stops when its run marker goes away.")
  Path stateDir;

  @Override
  public Integer call() throws Exception {
    if (!join.matches("[^:]+:[0-9]{1,5}")) {
      throw new CliException("--join '" + join + "' (expected: SEED_HOST:PORT, e.g. 10.0.0.1:25520)");
    }
    for (String r : roles) {
      if (!r.equals("control-plane") && !r.equals("worker")) {
        throw new CliException("--roles: unknown role '" + r + "' (expected: control-plane, worker)");
      }
    }
    int metrics = metricsPort != 0 ? metricsPort : Ports.free(bind);
    String hostName = name != null ? name : "h-" + bind + "-" + port;
    HostSpec spec = new HostSpec(hostName, bind, port, join, roles, nodes == null ? List.of() : nodes, apiPort, shareApiPort, metrics, stateDir);
    return Host.run(spec);
  }
}
