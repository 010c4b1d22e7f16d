package io.kubemu.nodes.app.dns;

import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.app.http.GoHttp;
import io.kubemu.nodes.app.http.HttpServerConnection;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * CoreDNS's HTTP side: {@code health} answers {@code /health} with 200 "OK" while the process runs;
 * {@code ready} answers {@code /ready} with 200 "OK" once the kubernetes plugin has synced, else 503
 * naming it; {@code prometheus} serves the counters on {@code /metrics}. Each listens on the port
 * its Corefile line names; a reload may add ports but never closes one (kubemu's processes close
 * their sockets only when they end).
 */
final class CoreDnsHttp {
  private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final AppContext ctx;
  private final BooleanSupplier ready;
  private final Supplier<String> metrics;
  private final Map<Integer, Map<String, String>> routes = new HashMap<>();

  CoreDnsHttp(AppContext ctx, BooleanSupplier ready, Supplier<String> metrics) {
    this.ctx = ctx;
    this.ready = ready;
    this.metrics = metrics;
  }

  /** Serves the paths {@code corefile} asks for; the port that could not be listened on, or -1. */
  int configure(Corefile corefile) {
    Map<Integer, Map<String, String>> next = new HashMap<>();
    for (ServerBlock b : corefile.servers()) {
      b.healthPort().ifPresent(p -> next.computeIfAbsent(p, k -> new HashMap<>()).putIfAbsent("/health", "health"));
      b.readyPort().ifPresent(p -> next.computeIfAbsent(p, k -> new HashMap<>()).putIfAbsent("/ready", "ready"));
      b.metricsPort().ifPresent(p -> next.computeIfAbsent(p, k -> new HashMap<>()).putIfAbsent("/metrics", "metrics"));
    }
    for (int port : next.keySet()) {
      if (!routes.containsKey(port) && !ctx.listenTcp(port, 128,
          s -> new HttpServerConnection(HttpLimits.DEFAULT, (req, from) -> handle(port, req, from), HttpServerConnection.PLAIN))) {
        return port;
      }
    }
    routes.keySet().forEach(p -> next.putIfAbsent(p, Map.of()));
    routes.clear();
    routes.putAll(next);
    return -1;
  }

  private HttpResponse handle(int port, HttpRequest req, TcpSocket from) {
    String what = routes.getOrDefault(port, Map.of()).get(req.path());
    if (what == null) {
      return GoHttp.notFound();
    }
    switch (what) {
      case "health":
        return GoHttp.text(200, HttpHeaders.of(), "OK");
      case "ready":
        return ready.getAsBoolean() ? GoHttp.text(200, HttpHeaders.of(), "OK")
            : GoHttp.text(503, HttpHeaders.of("X-Content-Type-Options", "nosniff"), "kubernetes\n");
      default:
        HttpResponse r = GoHttp.text(200, HttpHeaders.of(), metrics.get());
        return r.withHeaders(r.headers().set("Content-Type", METRICS_TYPE));
    }
  }
}
