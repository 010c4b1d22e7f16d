package io.kubemu.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/**
 * The driver of {@code kubemu bench control-plane}. It starts a cluster of its own with
 * {@code kubemu up}, opens one watch on the bench's pods, creates them (a POST each, or one
 * Deployment), waits until they are Running with an IP, and then kills the host of the API store
 * with kill -9 and times how long the API is gone. Everything is measured from outside, through
 * the REST API, as a client sees it.
 */
public final class ControlPlaneBench {
  private static final String LABEL = "kubemu.io/bench";
  private static final long PROGRESS_EVERY = TimeUnit.SECONDS.toNanos(5);
  /** No pod came up for this long: the rest will not. */
  private static final long STALLED = TimeUnit.SECONDS.toNanos(60);
  private static final Duration FAILOVER_WITHIN = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ControlPlaneOptions options;
  private final PrintStream progress;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final String run = Long.toString(System.currentTimeMillis(), 36);

  public ControlPlaneBench(ControlPlaneOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  public ControlPlaneReport run() throws IOException, InterruptedException {
    progress.println("starting " + options.hosts() + " hosts with " + options.nodes() + " nodes (kubemu up)");
    try (BenchCluster cluster = BenchCluster.up(progress, options.hosts(), 300, "--hosts", Integer.toString(options.hosts()),
        "--nodes", Integer.toString(options.nodes()), "--control-plane", String.join(",", options.controlPlane()),
        "--heap", options.hostHeap(), "--timeout", "300")) {
      if (options.warmup() > 0) {
        progress.println("warm-up, not measured: " + options.warmup() + " pods");
        round(cluster, run + "-warmup", "warmup", options.warmup(), new PodTimes());
      }
      progress.println("measured: " + options.pods() + " pods");
      PodTimes times = new PodTimes();
      PodCreator.Outcome created = round(cluster, run, "cp", options.pods(), times);
      if (options.csv() != null) {
        Files.writeString(options.csv(), times.csv());
        progress.println("each pod's times in " + options.csv());
      }
      ControlPlaneReport.Pods pods = pods(times, created);
      ControlPlaneReport.FailoverResult failover = options.failover() ? failover(cluster, pods.running()) : null;
      if (pods.running() == options.pods()) {
        cluster.succeeded(); // else the hosts' logs stay, to find out why some pods never ran
      }
      return new ControlPlaneReport(Machine.describe(), LocalDate.now().toString(), options.describe(), options.viaDeployment(),
          options.pods(), pods, failover);
    }
  }

  /**
   * Creates {@code n} pods named {@code prefix}-..., labelled {@code labelValue}, as the options
   * say, and waits until they are Running; one watch of that label times them into {@code times}.
   */
  private PodCreator.Outcome round(BenchCluster cluster, String labelValue, String prefix, int n, PodTimes times)
      throws IOException, InterruptedException {
    try (PodWatcher watch = PodWatcher.open(http, cluster.api(), LABEL + "=" + labelValue, times)) {
      PodCreator creator = new PodCreator(http, cluster.api(), LABEL, labelValue, times, progress);
      PodCreator.Outcome created = new PodCreator.Outcome(0, 0, null);
      if (options.viaDeployment()) {
        creator.deployment(prefix, n);
      } else {
        created = creator.pods(prefix, n, options.rate(), options.inFlight());
      }
      awaitRunning(cluster, times, options.viaDeployment() ? n : created.acknowledged());
      return created;
    }
  }

  /** Waits until {@code expected} pods are Running, for at most the timeout, and not when none has come up for a minute. */
  private void awaitRunning(BenchCluster cluster, PodTimes times, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    long reported = System.nanoTime();
    long changed = System.nanoTime();
    int running = times.count(PodTimes.Mark.RUNNING);
    while (running < expected) {
      cluster.requireAlive();
      if (System.nanoTime() > deadline || System.nanoTime() - changed > STALLED) {
        progress.printf("gave up waiting: %,d of %,d pods Running, none more in the last %d s%n", running, expected,
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - changed));
        return;
      }
      if (System.nanoTime() - reported > PROGRESS_EVERY) {
        reported = System.nanoTime();
        progress.printf("  %,d pods seen, %,d bound, %,d Running of %,d%n", times.count(PodTimes.Mark.ADDED),
            times.count(PodTimes.Mark.BOUND), running, expected);
      }
      Thread.sleep(100);
      int now = times.count(PodTimes.Mark.RUNNING);
      if (now != running) {
        running = now;
        changed = System.nanoTime();
      }
    }
  }


  private ControlPlaneReport.Pods pods(PodTimes times, PodCreator.Outcome created) {
    PodTimes.Mark createdMark = options.viaDeployment() ? PodTimes.Mark.ADDED : PodTimes.Mark.ACKED;
    return new ControlPlaneReport.Pods(times.count(createdMark), created.failed(), created.firstFailure(),
        times.secondsToLast(createdMark), times.count(PodTimes.Mark.RUNNING), times.secondsToLast(PodTimes.Mark.RUNNING),
        times.latencies(PodTimes.Mark.ACKED), times.latencies(PodTimes.Mark.BOUND), times.latencies(PodTimes.Mark.RUNNING));
  }

  private ControlPlaneReport.FailoverResult failover(BenchCluster cluster, int podsBefore) throws IOException, InterruptedException {
    String api = cluster.api();
    String victim = Failover.storeHost(cluster.logs(), cluster.hostNames(), null)
        .orElseThrow(() -> new IllegalStateException("no host log (of " + cluster.hostNames() + ") shows the API store starting; logs in " + cluster.logs()));
    Failover.awaitStatus(http, () -> Failover.read(api), 200, System.nanoTime(), Duration.ofSeconds(30));
    progress.println("failover: kill -9 of " + victim + " (the API store's host), then asking " + api + " until it answers");
    long killed = System.nanoTime();
    cluster.kill(victim);
    long answered = Failover.awaitStatus(http, () -> Failover.read(api), 200, killed, FAILOVER_WITHIN);
    int[] attempt = {0};
    long written = Failover.awaitStatus(http, () -> Failover.write(api, "bench-after-failover-" + attempt[0]++), 201, killed,
        FAILOVER_WITHIN);
    String takeover = Failover.storeHost(cluster.logs(), cluster.hostNames(), victim).orElse("(unknown: no log shows it)");
    return new ControlPlaneReport.FailoverResult(victim, takeover, podsBefore, answered / 1e9, written / 1e9, countPods(api),
        failoverSettings());
  }

  private int countPods(String api) throws IOException, InterruptedException {
    URI uri = URI.create(api + "/api/v1/namespaces/default/pods?labelSelector=" + URLEncoder.encode(LABEL + "=" + run, StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("listing the pods after the failover answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode items = JSON.readTree(r.body()).path("items");
    return items.size();
  }

  /** The settings that time the failover, as every host reads them (the bench sets none). */
  private static String failoverSettings() {
    Config c = ConfigFactory.load().getConfig("kubemu.cluster.failover");
    return "kubemu.cluster.failover: heartbeat-pause " + c.getString("heartbeat-pause") + ", stable-after "
        + c.getString("stable-after") + ", removal-margin " + c.getString("removal-margin");
  }
}
