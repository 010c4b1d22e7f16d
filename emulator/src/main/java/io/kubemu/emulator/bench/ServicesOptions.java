package io.kubemu.emulator.bench;

import io.kubemu.nodes.proxy.Proxiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How {@code kubemu bench services} runs, checked: for each proxy mode in {@code modes}, a cluster
 * of {@code hosts} JVMs and {@code nodes} nodes, with {@code endpoints} agnhost pods on the hosts
 * other than h1 and the client on h1; {@code connections} concurrent connections for
 * {@code warmup} + {@code seconds} in each traffic phase; then kube-proxy's sync timed at
 * {@code syncServices} Services of {@code syncEndpoints} endpoints each (0 Services: skipped).
 * {@code traffic} false skips the clusters. Every bad value fails with what was expected.
 */
public record ServicesOptions(List<String> modes, int hosts, int nodes, int endpoints, int connections, int warmup, int seconds,
    int syncServices, int syncEndpoints, String hostHeap, String loadClient, boolean traffic) {
  /** kubelet's --max-pods default, which the scheduler enforces on every node. */
  private static final int MAX_PODS_PER_NODE = ControlPlaneOptions.MAX_PODS_PER_NODE;

  public ServicesOptions {
    modes = List.copyOf(modes);
    check(!modes.isEmpty(), "--modes is empty (expected: some of " + String.join(",", Proxiers.modes()) + ")");
    check(hosts >= 2 && hosts <= 16, "--hosts " + hosts + " (expected: 2..16: the client on h1, the endpoints on the others)");
    check(nodes >= hosts && nodes <= 1000, "--nodes " + nodes + " (expected: " + hosts + "..1000, at least one per host)");
    int away = nodesAwayFromH1(hosts, nodes);
    check(endpoints >= 1 && endpoints <= away * MAX_PODS_PER_NODE, "--endpoints " + endpoints + " (expected: 1.."
        + away * MAX_PODS_PER_NODE + ": the " + away + " nodes off h1 take at most " + MAX_PODS_PER_NODE + " pods each)");
    check(connections >= 1 && connections <= 1024, "--connections " + connections + " (expected: 1..1024)");
    check(warmup >= 0 && warmup <= 600, "--warmup " + warmup + " (expected: 0..600 seconds)");
    check(seconds >= 1 && seconds <= 3600, "--duration " + seconds + " (expected: 1..3600 seconds)");
    check(syncServices >= 0 && syncServices <= 50_000, "--sync-services " + syncServices + " (expected: 0..50000, 0 skips the sync timing)");
    check(syncEndpoints >= 1 && syncEndpoints <= 20, "--sync-endpoints " + syncEndpoints + " (expected: 1..20 per Service)");
    check(hostHeap.matches("[0-9]+[kmgKMG]?"), "--host-heap '" + hostHeap + "' (expected: a -Xmx size such as 1g)");
    check(List.of("auto", "wrk", "java").contains(loadClient), "--load-client " + loadClient + " (expected: auto, wrk, java)");
    check(traffic || syncServices > 0, "--skip-traffic with --sync-services 0 leaves nothing to measure");
  }

  /** {@code iptables,ipvs}: each a known mode, once. */
  public static List<String> parseModes(String text) {
    Set<String> modes = new LinkedHashSet<>();
    for (String m : text.split(",", -1)) {
      String mode = m.trim();
      check(Proxiers.modes().contains(mode), "--modes: unknown proxy mode '" + mode + "' (expected: a comma-separated list of "
          + String.join(", ", Proxiers.modes()) + ")");
      check(modes.add(mode), "--modes: " + mode + " twice");
    }
    return new ArrayList<>(modes);
  }

  /** Nodes on hosts h2..hN, as {@code kubemu up} places them round robin (w1 on h1, w2 on h2, ...). */
  static int nodesAwayFromH1(int hosts, int nodes) {
    int onH1 = hosts <= 0 ? nodes : (nodes + hosts - 1) / hosts;
    return nodes - onH1;
  }

  /** The setup in words, for the report. */
  String describe() {
    return hosts + " host JVMs (-Xmx" + hostHeap + "), " + nodes + " nodes; " + endpoints + " agnhost serve-hostname pods on the"
        + " nodes of " + (hosts == 2 ? "h2" : "h2..h" + hosts) + " behind a NodePort Service, the conn-load client pod on a node of h1; " + connections
        + " connections, " + warmup + " s warm-up + " + seconds + " s measured per phase";
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }
}
