package io.kubemu.emulator.cli;

import io.kubemu.emulator.host.ClusterSettings;
import io.kubemu.emulator.state.ClusterRecord;
import io.kubemu.emulator.state.HostRecord;
import io.kubemu.emulator.state.StateDir;
import io.kubemu.nodes.backend.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a local cluster: one JVM per host on 127.0.0.1, nodes spread over them; returns when every node is Ready. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start a local multi-JVM cluster in the background.")
public final class UpCommand implements Callable<Integer> {
  @Option(names = "--hosts", defaultValue = "2", description = "Host JVMs h1..hN (default: ${DEFAULT-VALUE}).")
  int hosts;

  @Option(names = "--nodes", defaultValue = "3", description = "Nodes w1..wN, placed round robin: w1 on h1, w2 on h2, ... (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--control-plane", defaultValue = "h1", split = ",", description = "Hosts with the control-plane role, each with a"
      + " replica of the API store and an API server on the one shared API port (default: ${DEFAULT-VALUE}).")
  List<String> controlPlane;

  @Option(names = "--cni", defaultValue = "flannel-vxlan", description = "Pod network backend (default: ${DEFAULT-VALUE}).")
  String cni;

  @Option(names = "--proxy-mode", defaultValue = "iptables", description = "kube-proxy's mode on every node: iptables, nftables or ipvs"
      + " (default: ${DEFAULT-VALUE}; the IPVS scheduler is --set proxy.ipvs-scheduler=rr|lc|sh).")
  String proxyMode;

  @Option(names = "--cluster-cidr", defaultValue = "10.244.0.0/16", description = "Pod network (default: ${DEFAULT-VALUE}).")
  String clusterCidr;

  @Option(names = "--api-port", defaultValue = "0", description = "API server port on 127.0.0.1 (default: a free one).")
  int apiPort;

  @Option(names = "--seed-port", defaultValue = "0", description = "Pekko port of h1, the seed (default: a free one).")
  int seedPort;

  @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for every node to be Ready (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A cluster setting from kubemu.cluster (repeatable), e.g."
      + " --set pod-eviction-timeout=30s --set failover.stable-after=5s; kept in cluster.conf;"
      + " see emulator/src/main/resources/reference.conf.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--heap", defaultValue = "1g", description = "Maximum heap of each host JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Override
  public Integer call() throws Exception {
    validate();
    StateDir state = StateDir.fromEnvironment();
    if (state.running()) {
      List<HostRecord> live = state.hosts().stream().filter(h -> ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false)).toList();
      if (!live.isEmpty() || state.cluster() != null) {
        throw new CliException("a cluster is already running in " + state.root() + " (hosts: "
            + String.join(", ", live.stream().map(h -> h.name() + " pid " + h.pid()).toList())
            + "); run 'kubemu down' first, or set KUBEMU_HOME to another folder");
      }
      state.clearRun();
    }
    if (apiPort != 0) {
      Ports.requireFree("127.0.0.1", apiPort, "--api-port");
    }
    if (seedPort != 0) {
      Ports.requireFree("127.0.0.1", seedPort, "--seed-port");
    }
    Files.createDirectories(state.run());
    Files.createDirectories(state.logs());
    Files.writeString(state.clusterConf(), options() + SettingsOption.hocon(settings));
    int seed = seedPort != 0 ? seedPort : Ports.free("127.0.0.1");
    int api = apiPort != 0 ? apiPort : Ports.free("127.0.0.1");
    List<Process> started = new ArrayList<>();
    List<String> hostNames = new ArrayList<>();
    List<Long> pids = new ArrayList<>();
    List<String> nodeNames = new ArrayList<>();
    try {
      for (int h = 1; h <= hosts; h++) {
        String name = "h" + h;
        List<String> mine = new ArrayList<>();
        for (int n = h; n <= nodes; n += hosts) {
          mine.add("w" + n);
        }
        nodeNames.addAll(mine);
        List<String> roles = new ArrayList<>(List.of("worker"));
        if (controlPlane.contains(name)) {
          roles.add(0, "control-plane");
        }
        int port = h == 1 ? seed : Ports.free("127.0.0.1");
        Process p = HostLauncher.start(state, name, "127.0.0.1", port, "127.0.0.1:" + seed, roles, mine,
            controlPlane.contains(name) ? api : 0, controlPlane.size() > 1, Ports.free("127.0.0.1"), heap);
        started.add(p);
        hostNames.add(name);
        pids.add(p.pid());
      }
      nodeNames.sort((a, b) -> Integer.compare(ClusterSettings.nodeIndex(a), ClusterSettings.nodeIndex(b)));
      state.writeCluster(new ClusterRecord("http://127.0.0.1:" + api, hostNames, pids, nodeNames, cni, System.currentTimeMillis()));
      Kubeconfig.write(state.kubeconfig(), "http://127.0.0.1:" + api);
      System.out.println("starting " + hosts + " hosts (" + String.join(", ", hostNames) + ") with " + nodes + " nodes; logs in " + state.logs());
      Readiness.awaitNodes(state, new ApiClient("http://127.0.0.1:" + api), started, nodeNames, Duration.ofSeconds(timeoutSeconds));
    } catch (RuntimeException | IOException | InterruptedException e) {
      started.forEach(Process::destroyForcibly);
      state.clearRun();
      Files.deleteIfExists(state.kubeconfig());
      throw e;
    }
    System.out.println("cluster is up: " + nodes + " nodes Ready on " + hosts + " hosts; API http://127.0.0.1:" + api
        + " (state in " + state.root() + ")");
    System.out.println("kubectl: export KUBECONFIG=" + state.kubeconfig());
    if (controlPlane.size() > 1 && hosts < 3) {
      System.out.println("note: with " + hosts + " hosts, losing the oldest one stops the cluster (there is no majority left to"
          + " keep it): the control plane fails over when there are 3 hosts or more");
    }
    return 0;
  }

  /** The settings the options make, as up writes them into cluster.conf before those of --set. */
  private String options() {
    return "kubemu.cluster.backend = \"" + cni + "\"\n"
        + "kubemu.cluster.cluster-cidr = \"" + clusterCidr + "\"\n"
        + "kubemu.cluster.proxy.mode = \"" + proxyMode + "\"\n";
  }

  private void validate() {
    if (hosts < 1 || hosts > 64) {
      throw new CliException("--hosts " + hosts + " (expected: 1..64)");
    }
    if (nodes < 1 || nodes > 100_000) {
      throw new CliException("--nodes " + nodes + " (expected: 1..100000)");
    }
    try {
      Backends.requireKnown(cni);
    } catch (IllegalArgumentException e) {
      throw new CliException("--cni: " + e.getMessage());
    }
    if (!io.kubemu.nodes.proxy.Proxiers.modes().contains(proxyMode)) {
      throw new CliException("--proxy-mode " + proxyMode + ": unknown proxy mode (expected one of: "
          + String.join(", ", io.kubemu.nodes.proxy.Proxiers.modes()) + ")");
    }
    try {
      io.kubemu.protocols.addr.Ipv4Cidr.parse(clusterCidr);
    } catch (IllegalArgumentException e) {
      throw new CliException("--cluster-cidr: " + e.getMessage());
    }
    try {
      SettingsOption.check(options(), settings).requireRoomFor(nodes);
    } catch (IllegalArgumentException e) {
      throw new CliException("--nodes " + nodes + ": " + e.getMessage());
    }
    for (String cp : controlPlane) {
      if (!cp.matches("h[0-9]+") || Integer.parseInt(cp.substring(1)) < 1 || Integer.parseInt(cp.substring(1)) > hosts) {
        throw new CliException("--control-plane " + cp + " is not one of the hosts h1..h" + hosts);
      }
    }
    for (String setting : settings) {
      try {
        com.typesafe.config.ConfigFactory.parseString(setting);
      } catch (com.typesafe.config.ConfigException e) {
        throw new CliException("--set " + setting + ": " + e.getMessage() + " (expected: KEY=VALUE in HOCON)");
      }
    }
  }
}
