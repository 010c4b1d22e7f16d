package io.kubemu.emulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The report of {@code kubemu bench control-plane}: how fast pods were created and came up, the
 * latency of each pod from its create request to Running with an IP (beside the Kubernetes pod
 * startup SLO and KWOK's published creation rate), and the failover time of the API store, as
 * text or as JSON. {@code failover} is null when it was not measured.
 */
public record ControlPlaneReport(String machine, String date, String setup, boolean viaDeployment, int requested, Pods pods,
    FailoverResult failover) {
  /** Kubernetes' pod startup SLO: p99 of create to running, observed through a watch, at most 5 s. */
  public static final double SLO_P99_MS = 5_000;
  /** KWOK's README: "Currently, KWOK can create 20 nodes or pods per second." */
  public static final double KWOK_PODS_PER_SECOND = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What became of the pods: created (acknowledged creates, or pods the watch saw for a Deployment)
   * and Running with an IP, each with the seconds from the first create to the last of them, and
   * the latencies from each pod's create request to acknowledged, bound to a node, and Running.
   */
  public record Pods(int created, int createFailures, String firstFailure, double createSeconds, int running,
      double runningSeconds, Latencies acknowledged, Latencies bound, Latencies started) {
    public double createdPerSecond() {
      return createSeconds > 0 ? created / createSeconds : 0;
    }

    public double runningPerSecond() {
      return runningSeconds > 0 ? running / runningSeconds : 0;
    }
  }

  /**
   * The failover: the host killed, the one that took the API store over, how many pods the store
   * held, the seconds from kill -9 until the API answered a read and took a write on the same port,
   * the bench's pods listed afterwards, and the failover settings in force.
   */
  public record FailoverResult(String victim, String takeover, int podsBefore, double answeredSeconds, double writtenSeconds,
      int podsAfter, String settings) {}

  /** Every pod Running, and the p99 of their startup within the SLO. */
  public boolean sloMet() {
    return pods.running() == requested && pods.started().count() > 0 && pods.started().p99() <= SLO_P99_MS;
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("kubemu bench control-plane\n");
    sb.append("machine: ").append(machine).append(", ").append(date).append('\n');
    sb.append("setup:   ").append(setup).append("\n\n");
    sb.append(String.format(Locale.ROOT, "pods created:  %s of %s in %.1f s = %.1f pods/s   (KWOK: %.0f pods/s per controller; %.1fx)%n",
        n(pods.created()), n(requested), pods.createSeconds(), pods.createdPerSecond(), KWOK_PODS_PER_SECOND,
        pods.createdPerSecond() / KWOK_PODS_PER_SECOND));
    sb.append(String.format(Locale.ROOT, "pods Running:  %s of %s in %.1f s = %.1f pods/s%n", n(pods.running()), n(requested),
        pods.runningSeconds(), pods.runningPerSecond()));
    if (pods.createFailures() > 0) {
      sb.append("creates refused or failed: ").append(n(pods.createFailures())).append("; the first: ").append(pods.firstFailure()).append('\n');
    }
    sb.append('\n');
    String row = "  %-30s %8s %9s %9s %9s %9s%n";
    sb.append(viaDeployment ? "latency (ms) from when the watch first saw the pod (the ReplicaSet controller created it) to\n"
        : "latency (ms) from the pod's create request to\n");
    sb.append(String.format(Locale.ROOT, row, "", "pods", "p50", "p90", "p99", "max"));
    if (!viaDeployment) {
      latencyRow(sb, row, "acknowledged (201 Created)", pods.acknowledged());
    }
    latencyRow(sb, row, "bound to a node (watch)", pods.bound());
    latencyRow(sb, row, "Running with a pod IP (watch)", pods.started());
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "Kubernetes pod startup SLO, p99 <= %.0f s: %s%n", SLO_P99_MS / 1000, sloMet() ? "met"
        : pods.running() < requested ? "NOT met (" + n(requested - pods.running()) + " pods never Running)" : "NOT met"));
    sb.append('\n');
    if (failover == null) {
      sb.append("failover: not measured (--skip-failover)\n");
    } else {
      sb.append(String.format(Locale.ROOT, "failover: kill -9 of %s, the API store's host, with %s pods in the store; %s took the store over%n",
          failover.victim(), n(failover.podsBefore()), failover.takeover()));
      sb.append(String.format(Locale.ROOT, "  the API answered again on the same port after %.1f s and took a write after %.1f s;"
          + " %s of %s pods listed afterwards%n", failover.answeredSeconds(), failover.writtenSeconds(), n(failover.podsAfter()),
          n(failover.podsBefore())));
      sb.append("  (").append(failover.settings()).append(")\n");
    }
    sb.append("Numbers vary with the machine's load, CPU frequency and JIT: compare runs on the same machine, not across machines.\n");
    return sb.toString();
  }

  private static void latencyRow(StringBuilder sb, String row, String label, Latencies l) {
    sb.append(l.count() == 0 ? String.format(Locale.ROOT, row, label, "0", "-", "-", "-", "-")
        : String.format(Locale.ROOT, row, label, n(l.count()), ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.max())));
  }

  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("bench", "control-plane").put("machine", machine).put("date", date).put("setup", setup)
        .put("createdBy", viaDeployment ? "deployment" : "pods").put("requested", requested);
    ObjectNode p = root.putObject("pods");
    p.put("created", pods.created()).put("createFailures", pods.createFailures()).put("firstFailure", pods.firstFailure())
        .put("createSeconds", pods.createSeconds()).put("createdPerSecond", pods.createdPerSecond())
        .put("running", pods.running()).put("runningSeconds", pods.runningSeconds()).put("runningPerSecond", pods.runningPerSecond());
    ObjectNode latency = root.putObject("latencyMs");
    if (!viaDeployment) {
      latency.set("acknowledged", JSON.valueToTree(pods.acknowledged()));
    }
    latency.set("bound", JSON.valueToTree(pods.bound()));
    latency.set("running", JSON.valueToTree(pods.started()));
    root.putObject("reference").put("sloP99Ms", SLO_P99_MS).put("sloMet", sloMet()).put("kwokPodsPerSecond", KWOK_PODS_PER_SECOND);
    root.set("failover", failover == null ? null : JSON.valueToTree(failover));
    return root;
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, millis < 10 ? "%.1f" : "%,.0f", millis);
  }

  private static String n(long v) {
    return BenchReport.n(v);
  }
}
