package io.kubemu.emulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code kubemu bench services}: per proxy mode, new connections per second through
 * a cluster IP across JVMs with their spread over the endpoints (chi-square against an even
 * split), and HTTP requests per second of one load client on a node port and on a plain local
 * server (the ratio); then kube-proxy's sync time at scale. As text, JSON or Markdown tables.
 */
public record ServicesReport(String machine, String date, String setup, String loadClient, List<ModeResult> modes,
    List<SyncTiming.Result> sync) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ServicesReport {
    modes = List.copyOf(modes);
    sync = List.copyOf(sync);
  }

  public String render() {
    StringBuilder sb = new StringBuilder("kubemu bench services\n");
    sb.append("machine: ").append(machine).append(", ").append(date).append('\n');
    if (!modes.isEmpty()) {
      sb.append("setup:   ").append(setup).append('\n');
      sb.append("client:  ").append(loadClient).append("\n\n");
      sb.append("new connections through the cluster IP (conn-load on h1, one GET each; endpoints on other JVMs)\n");
      String row = "  %-9s %9s %10s %7s %10s %11s %4s %9s  %s%n";
      sb.append(String.format(Locale.ROOT, row, "mode", "conns/s", "completed", "failed", "endpoints", "chi-square", "dof",
          "p-value", "per endpoint (min..max)"));
      for (ModeResult m : modes) {
        ChiSquare x = m.spread();
        sb.append(String.format(Locale.ROOT, row, m.mode(), fixed(m.conns().perSecond(), 1), BenchReport.n(m.conns().completed()),
            BenchReport.n(m.conns().failed()), m.endpoints().size(), fixed(x.statistic(), 2), x.degreesOfFreedom(),
            p(x.pValue()), m.range()));
      }
      for (ModeResult m : modes) {
        sb.append("  ").append(m.mode()).append(": endpoints on ").append(m.placement());
        if (!m.conns().failures().isEmpty()) {
          sb.append("; failures ").append(counts(m.conns().failures()));
        }
        if (!m.unexpected().isEmpty()) {
          sb.append("; answers from no endpoint ").append(counts(m.unexpected()));
        }
        sb.append('\n');
      }
      if (modes.stream().anyMatch(m -> m.mode().equals("ipvs"))) {
        sb.append("  (ipvs uses its rr scheduler: its spread is even by construction, not by chance)\n");
      }
      sb.append('\n');
      sb.append("HTTP requests/s from the load client on 127.0.0.1, kept-alive connections\n");
      String http = "  %-9s %15s %10s %7s %15s %9s%n";
      sb.append(String.format(Locale.ROOT, http, "mode", "node port req/s", "mean ms", "errors", "plain req/s", "ratio"));
      for (ModeResult m : modes) {
        sb.append(String.format(Locale.ROOT, http, m.mode(), fixed(m.nodePort().requestsPerSecond(), 0),
            fixed(m.nodePort().latencyMs(), 2), BenchReport.n(m.nodePort().errors()), fixed(m.reference().requestsPerSecond(), 0),
            fixed(m.ratio(), 3)));
      }
      sb.append("  (node port: a real listener on 127.0.0.1 into node w1, then kube-proxy to the pods; plain: the JDK's HTTP"
          + " server in the bench's JVM answering the same body)\n\n");
    }
    if (!sync.isEmpty()) {
      SyncTiming.Result first = sync.get(0);
      sb.append(String.format(Locale.ROOT, "kube-proxy sync at %s Services and %s endpoints (in the bench's JVM, one node's"
          + " proxier)%n", BenchReport.n(first.services()), BenchReport.n(first.endpoints())));
      String row = "  %-9s %15s %15s %22s %12s%n";
      sb.append(String.format(Locale.ROOT, row, "mode", "build state ms", "first sync ms", "re-sync ms (med/max)", "heap MB"));
      for (SyncTiming.Result r : sync) {
        sb.append(String.format(Locale.ROOT, row, r.mode(), fixed(r.stateMs(), 0), fixed(r.firstSyncMs(), 0),
            fixed(r.resyncMedianMs(), 0) + " / " + fixed(r.resyncMaxMs(), 0), fixed(r.heapMb(), 1)));
      }
      sb.append("  (re-sync: after one Service's endpoints were replaced, the state rebuilt from every object and the whole"
          + " dataplane rewritten, as kubemu's feed does; " + SyncTiming.RESYNCS + " times)\n");
    }
    sb.append("Numbers vary with the machine's load, CPU frequency and JIT: compare runs on the same machine, not across machines.\n");
    return sb.toString();
  }

  /** The tables as Markdown, for docs/bench.md. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    if (!modes.isEmpty()) {
      sb.append("| mode | conns/s | failed | chi-square (dof) | p-value | node port req/s | plain req/s | ratio |\n");
      sb.append("|---|---|---|---|---|---|---|---|\n");
      for (ModeResult m : modes) {
        ChiSquare x = m.spread();
        sb.append("| ").append(m.mode()).append(" | ").append(fixed(m.conns().perSecond(), 1)).append(" | ")
            .append(m.conns().failed()).append(" | ").append(fixed(x.statistic(), 2)).append(" (").append(x.degreesOfFreedom())
            .append(") | ").append(p(x.pValue())).append(" | ").append(fixed(m.nodePort().requestsPerSecond(), 0)).append(" | ")
            .append(fixed(m.reference().requestsPerSecond(), 0)).append(" | ").append(fixed(m.ratio(), 3)).append(" |\n");
      }
    }
    if (!sync.isEmpty()) {
      sb.append(modes.isEmpty() ? "" : "\n").append("| mode | Services | endpoints | build state ms | first sync ms | re-sync ms"
          + " (median / max) | heap MB |\n|---|---|---|---|---|---|---|\n");
      for (SyncTiming.Result r : sync) {
        sb.append("| ").append(r.mode()).append(" | ").append(BenchReport.n(r.services())).append(" | ")
            .append(BenchReport.n(r.endpoints())).append(" | ").append(fixed(r.stateMs(), 0)).append(" | ")
            .append(fixed(r.firstSyncMs(), 0)).append(" | ").append(fixed(r.resyncMedianMs(), 0)).append(" / ")
            .append(fixed(r.resyncMaxMs(), 0)).append(" | ").append(fixed(r.heapMb(), 1)).append(" |\n");
      }
    }
    return sb.toString();
  }

  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("bench", "services").put("machine", machine).put("date", date).put("setup", setup).put("loadClient", loadClient);
    ArrayNode traffic = root.putArray("modes");
    for (ModeResult m : modes) {
      ObjectNode o = traffic.addObject().put("mode", m.mode()).put("placement", m.placement());
      ObjectNode c = o.putObject("clusterIp").put("connections", m.conns().connections()).put("completed", m.conns().completed())
          .put("failed", m.conns().failed()).put("seconds", m.conns().seconds()).put("perSecond", m.conns().perSecond())
          .put("aborted", m.conns().aborted());
      c.set("failures", JSON.valueToTree(m.conns().failures()));
      c.set("perEndpoint", JSON.valueToTree(m.conns().endpoints()));
      ChiSquare x = m.spread();
      ObjectNode spread = o.putObject("spread").put("degreesOfFreedom", x.degreesOfFreedom());
      number(spread, "chiSquare", x.statistic());
      number(spread, "pValue", x.pValue());
      http(o.putObject("nodePort"), m.nodePort());
      http(o.putObject("reference"), m.reference());
      number(o, "ratio", m.ratio());
    }
    ArrayNode timings = root.putArray("sync");
    for (SyncTiming.Result r : sync) {
      timings.addObject().put("mode", r.mode()).put("services", r.services()).put("endpoints", r.endpoints())
          .put("stateMs", r.stateMs()).put("firstSyncMs", r.firstSyncMs()).put("resyncMedianMs", r.resyncMedianMs())
          .put("resyncMaxMs", r.resyncMaxMs()).put("heapMb", r.heapMb());
    }
    return root;
  }

  private static void http(ObjectNode o, HttpLoadResult r) {
    o.put("client", r.client()).put("requestsPerSecond", r.requestsPerSecond()).put("requests", r.requests())
        .put("seconds", r.seconds()).put("errors", r.errors());
    number(o, "latencyMs", r.latencyMs());
  }

  /** JSON has no NaN: a number that could not be measured is null. */
  private static void number(ObjectNode o, String key, double v) {
    if (Double.isNaN(v)) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }

  private static String counts(Map<String, Long> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(BenchReport.n(v)));
    return sb.toString();
  }

  private static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  private static String p(double v) {
    return Double.isNaN(v) ? "-" : v < 0.001 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
