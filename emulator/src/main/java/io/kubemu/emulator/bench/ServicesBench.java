package io.kubemu.emulator.bench;

import io.kubemu.emulator.cli.ApiClient;
import io.kubemu.emulator.state.PortRecord;
import io.kubemu.nodes.app.ConnLoadReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The driver of {@code kubemu bench services}. For each proxy mode it starts a cluster of its own
 * with {@code kubemu up --proxy-mode}, runs {@link ServicesWorkload} in it, and measures one after
 * another: conn-load's new connections per second through the cluster IP (client on h1, endpoints
 * on the other JVMs), the load client on the node port's real listener, and the same client on a
 * plain HTTP server in this JVM answering the same body; then stops the cluster. Last, with every
 * cluster gone, it times kube-proxy's sync at scale in this JVM ({@link SyncTiming}).
 */
public final class ServicesBench {
  private static final Duration READY_WITHIN = Duration.ofSeconds(180);
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

  private final ServicesOptions options;
  private final PrintStream progress;

  public ServicesBench(ServicesOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  public ServicesReport run() throws IOException, InterruptedException {
    List<ModeResult> traffic = new ArrayList<>();
    String setup = "traffic not measured (--skip-traffic)";
    String client = "-";
    if (options.traffic()) {
      HttpLoad load = HttpLoad.choose(options.loadClient());
      setup = options.describe();
      client = load.describe();
      progress.println("load client: " + client);
      for (String mode : options.modes()) {
        traffic.add(mode(mode, load));
      }
    }
    List<SyncTiming.Result> sync = new ArrayList<>();
    if (options.syncServices() > 0) {
      progress.printf("kube-proxy sync: building %,d Services with %,d endpoints each%n", options.syncServices(), options.syncEndpoints());
      SyncTiming timing = new SyncTiming(options.syncServices(), options.syncEndpoints());
      for (String mode : options.modes()) {
        progress.println("kube-proxy sync: " + mode);
        sync.add(timing.time(mode));
      }
    }
    return new ServicesReport(Machine.describe(), LocalDate.now().toString(), setup, client, traffic, sync);
  }

  private ModeResult mode(String mode, HttpLoad load) throws IOException, InterruptedException {
    progress.println(mode + ": starting " + options.hosts() + " hosts with " + options.nodes() + " nodes (kubemu up --proxy-mode "
        + mode + ")");
    try (BenchCluster cluster = BenchCluster.up(progress, options.hosts(), 300, "--hosts", Integer.toString(options.hosts()),
        "--nodes", Integer.toString(options.nodes()), "--proxy-mode", mode, "--heap", options.hostHeap(), "--timeout", "300")) {
      ServicesWorkload workload = new ServicesWorkload(new ApiClient(cluster.api()));
      workload.apply(options.endpoints());
      ServicesWorkload.Deployed d = workload.awaitReady(options.endpoints(), READY_WITHIN, cluster::requireAlive);
      progress.println(mode + ": " + options.endpoints() + " endpoints ready on " + d.placement());
      URI url = nodePortUrl(cluster);
      byte[] body = firstAnswer(url);
      progress.printf("%s: conn-load through %s:%d, %d connections, %d s + %d s%n", mode, d.clusterIp(), d.port(),
          options.connections(), options.warmup(), options.seconds());
      ConnLoadReport conns = workload.connLoad(d, options.connections(), options.warmup(), options.seconds());
      progress.printf("%s: %,.1f connections/s; load client on the node port %s%n", mode, conns.perSecond(), url);
      HttpLoadResult nodePort = measure(load, url);
      HttpLoadResult reference;
      try (ReferenceServer server = ReferenceServer.start(body)) {
        progress.println(mode + ": the same client on a plain local server " + server.url());
        reference = measure(load, server.url());
      }
      cluster.succeeded();
      return new ModeResult(mode, d.placement(), List.copyOf(d.endpointNodes().keySet()), conns, nodePort, reference);
    }
  }

  /** A warm-up run, not kept, then the measured one. */
  private HttpLoadResult measure(HttpLoad load, URI url) throws IOException, InterruptedException {
    if (options.warmup() > 0) {
      load.run(url, options.connections(), options.warmup());
    }
    return load.run(url, options.connections(), options.seconds());
  }

  private static URI nodePortUrl(BenchCluster cluster) throws InterruptedException {
    String service = "default/" + ServicesWorkload.NAME + ":" + ServicesWorkload.PORT_NAME;
    long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      cluster.requireAlive();
      Optional<PortRecord> port = cluster.nodePort(service);
      if (port.isPresent()) {
        return URI.create("http://127.0.0.1:" + port.get().port() + "/");
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no host opened a real port for the node port of " + service + " within "
        + ANSWER_WITHIN.toSeconds() + " s");
  }

  /**
   * The node port's first 200 answer, each try on a connection of its own: it comes once node w1's
   * kube-proxy has synced the Service, so conn-load's cluster IP is programmed there too.
   */
  private static byte[] firstAnswer(URI url) throws InterruptedException {
    long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      // a client of its own per try: no try reuses a connection made before the rules were there
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
      try {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 200) {
          return r.body();
        }
        last = "status " + r.statusCode();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the node port " + url + " did not answer 200 within " + ANSWER_WITHIN.toSeconds() + " s (last: "
        + last + ")");
  }
}
