package io.kubemu.emulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Creates the control-plane bench's pods through the REST API, as a client would: one POST per pod,
 * paced to a rate and with a bound on unanswered requests, each timed into {@link PodTimes}; or one
 * Deployment whose ReplicaSet creates them. Every pod carries the bench's label.
 */
final class PodCreator {
  /** How many creates the API acknowledged (201), how many it did not, and the first reason. */
  record Outcome(int acknowledged, int failed, String firstFailure) {}

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** One busybox container that sleeps: the cheapest pod that runs. */
  private static final String SPEC = "\"spec\":{\"terminationGracePeriodSeconds\":0,\"containers\":"
      + "[{\"name\":\"main\",\"image\":\"busybox\",\"command\":[\"sleep\",\"3600\"]}]}";
  private static final long PROGRESS_EVERY = TimeUnit.SECONDS.toNanos(5);

  private final HttpClient http;
  private final String api;
  private final String labelKey;
  private final String labelValue;
  private final PodTimes times;
  private final PrintStream progress;

  PodCreator(HttpClient http, String api, String labelKey, String labelValue, PodTimes times, PrintStream progress) {
    this.http = http;
    this.api = api;
    this.labelKey = labelKey;
    this.labelValue = labelValue;
    this.times = times;
    this.progress = progress;
  }

  /** POSTs {@code n} pods {@code prefix}-0.., {@code rate} per second at most (0: no limit), at most {@code inFlight} unanswered. */
  Outcome pods(String prefix, int n, double rate, int inFlight) throws InterruptedException {
    Semaphore free = new Semaphore(inFlight);
    AtomicInteger acked = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    String format = prefix + "-%0" + Integer.toString(n - 1).length() + "d";
    long start = System.nanoTime();
    long reported = start;
    times.started(start);
    for (int i = 0; i < n; i++) {
      if (rate > 0) {
        TimeUnit.NANOSECONDS.sleep(start + (long) (i * 1e9 / rate) - System.nanoTime());
      }
      free.acquire();
      String name = String.format(format, i);
      HttpRequest post = post("/api/v1/namespaces/default/pods", podJson(name));
      times.mark(name, PodTimes.Mark.SENT, System.nanoTime());
      http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).whenComplete((r, error) -> {
        if (r != null && r.statusCode() == 201) {
          times.mark(name, PodTimes.Mark.ACKED, System.nanoTime());
          acked.incrementAndGet();
        } else {
          failed.incrementAndGet();
          firstFailure.compareAndSet(null, name + ": " + (r != null ? r.statusCode() + " " + r.body() : error.toString()));
        }
        free.release();
      });
      if (System.nanoTime() - reported > PROGRESS_EVERY) {
        reported = System.nanoTime();
        progress.printf("  sent %,d of %,d creates, %,d acknowledged%n", i + 1, n, acked.get());
      }
    }
    if (!free.tryAcquire(inFlight, REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("creates still unanswered " + (REQUEST_TIMEOUT.toSeconds() + 10) + " s after the last was sent");
    }
    return new Outcome(acked.get(), failed.get(), firstFailure.get());
  }

  /** POSTs one Deployment {@code name} of {@code replicas} pods; its ReplicaSet creates them. */
  void deployment(String name, int replicas) throws IOException, InterruptedException {
    String body = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"replicas\":"
        + replicas + ",\"selector\":{\"matchLabels\":" + labels() + "},\"template\":" + template() + "}}";
    times.started(System.nanoTime());
    HttpResponse<String> r = http.send(post("/apis/apps/v1/namespaces/default/deployments", body), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("creating the Deployment answered " + r.statusCode() + ": " + r.body());
    }
  }

  private HttpRequest post(String path, String json) {
    return HttpRequest.newBuilder(URI.create(api + path)).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private String podJson(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels() + "}," + SPEC + "}";
  }

  /** The Deployment's pod template: the same pod, unnamed. */
  private String template() {
    return "{\"metadata\":{\"labels\":" + labels() + "}," + SPEC + "}";
  }

  private String labels() {
    return "{\"" + labelKey + "\":\"" + labelValue + "\"}";
  }
}
