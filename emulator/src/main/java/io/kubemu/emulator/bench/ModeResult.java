package io.kubemu.emulator.bench;

import io.kubemu.nodes.app.ConnLoadReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One proxy mode's traffic in the services bench: where the endpoints ran, conn-load's connections
 * through the cluster IP and their spread over the endpoints, and the load client's requests per
 * second on the node port and on the plain local server.
 */
public record ModeResult(String mode, String placement, List<String> endpoints, ConnLoadReport conns, HttpLoadResult nodePort,
    HttpLoadResult reference) {
  public ModeResult {
    endpoints = List.copyOf(endpoints);
  }

  /** Each expected endpoint's completed connections, in {@link #endpoints}' order (0 for one that never answered). */
  public List<Long> counts() {
    return endpoints.stream().map(e -> conns.endpoints().getOrDefault(e, 0L)).toList();
  }

  /** Answers from names that are no endpoint of the Service (should be none). */
  public Map<String, Long> unexpected() {
    Map<String, Long> out = new TreeMap<>(conns.endpoints());
    out.keySet().removeAll(endpoints);
    return out;
  }

  /** The spread over the expected endpoints against an even one. */
  public ChiSquare spread() {
    return ChiSquare.uniform(counts());
  }

  /** Node port requests/s over the plain server's: the share of the machine's HTTP rate that survives kubemu. */
  public double ratio() {
    return reference.requestsPerSecond() > 0 ? nodePort.requestsPerSecond() / reference.requestsPerSecond() : Double.NaN;
  }

  /** "min..max" of the per-endpoint counts. */
  public String range() {
    List<Long> c = new ArrayList<>(counts());
    if (c.isEmpty()) {
      return "-";
    }
    c.sort(null);
    return BenchReport.n(c.get(0)) + ".." + BenchReport.n(c.get(c.size() - 1));
  }
}
