package io.kubemu.emulator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code kubemu bench control-plane} runs: {@code pods} created on a cluster of {@code hosts}
 * JVMs and {@code nodes} nodes, either one REST create per pod (at most {@code rate} per second,
 * 0 for no limit, and at most {@code inFlight} unanswered) or by one Deployment of that many
 * replicas, after {@code warmup} pods created the same way and not measured (the JVMs' JIT warms
 * up on them); how long to wait for them to be Running; then, unless {@code failover} is off, the
 * failover of the API store. {@code csv}, when not null, gets each pod's times.
 */
public record ControlPlaneOptions(int pods, int warmup, int hosts, int nodes, double rate, int inFlight, boolean viaDeployment,
    boolean failover, Duration timeout, String hostHeap, Path csv) {
  /** kubelet's --max-pods default, which every emulated node offers and the scheduler enforces. */
  public static final int MAX_PODS_PER_NODE = 110;
  /** Pods per node that {@link #defaultNodes} aims at, leaving room below the limit. */
  public static final int PODS_PER_NODE = 100;

  /** One node per 100 pods, and at least one per host. */
  public static int defaultNodes(int pods, int hosts) {
    return Math.max(hosts, (pods + PODS_PER_NODE - 1) / PODS_PER_NODE);
  }

  /** The fewest nodes that can hold {@code pods}. */
  public static int fewestNodes(int pods) {
    return (pods + MAX_PODS_PER_NODE - 1) / MAX_PODS_PER_NODE;
  }

  /** h1 and h2 carry the API store (replicated, so it can fail over), or h1 alone in a 1-host cluster. */
  public List<String> controlPlane() {
    return hosts >= 2 ? List.of("h1", "h2") : List.of("h1");
  }

  /** The setup in words, for the report. */
  String describe() {
    String how = viaDeployment
        ? "one Deployment of " + pods + " replicas (POST /apis/apps/v1/namespaces/default/deployments)"
        : "one POST /api/v1/namespaces/default/pods each, " + (rate > 0 ? "at most " + fmt(rate) + " per second, " : "no rate limit, ")
            + "at most " + inFlight + " unanswered";
    return hosts + " host JVMs (control plane " + String.join(",", controlPlane()) + ", -Xmx" + hostHeap + "), " + nodes
        + " nodes (at most " + MAX_PODS_PER_NODE + " pods each), " + pods + " busybox pods ('sleep 3600'), created by " + how
        + (warmup > 0 ? ", after " + warmup + " pods of warm-up created the same way (not measured)" : ", no warm-up");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
