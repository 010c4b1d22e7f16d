package io.kubemu.emulator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The failover of the control plane, as a client sees it: which host runs the API store (a
 * cluster singleton on the oldest control-plane host), and how long after a kill -9 of that host
 * the API answers again on the same port, served by the store that another host started.
 */
public final class Failover {
  /** What the singleton manager logs on the host where the singleton (the API store) starts. */
  private static final String BECAME_OLDEST = "-> Oldest]";

  private Failover() {}

  /** The first of {@code hosts}, other than {@code except} (may be null), whose log shows the API store starting there. */
  public static Optional<String> storeHost(Path logs, Collection<String> hosts, String except) throws IOException {
    for (String h : hosts) {
      Path log = logs.resolve(h + ".log");
      if (!h.equals(except) && Files.exists(log) && Files.readString(log).contains(BECAME_OLDEST)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /**
   * Nanoseconds from {@code since} (System.nanoTime()) until a request from {@code requests} is
   * answered with {@code status}, asking every 100 ms with each request's own timeout; fails after
   * {@code within}. A new request each time, so that a write that timed out yet was done cannot
   * make the next one a conflict.
   */
  public static long awaitStatus(HttpClient http, Supplier<HttpRequest> requests, int status, long since, Duration within)
      throws InterruptedException {
    while (true) {
      HttpRequest request = requests.get();
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
          return System.nanoTime() - since;
        }
      } catch (IOException e) {
        // refused, reset or timed out while no store answers
      }
      if (System.nanoTime() - since > within.toNanos()) {
        throw new IllegalStateException(request.method() + " " + request.uri() + " not answered " + status + " within "
            + within.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }

  /** A cheap read that only the API store can answer: the default namespace. */
  static HttpRequest read(String api) {
    return HttpRequest.newBuilder(URI.create(api + "/api/v1/namespaces/default")).timeout(Duration.ofSeconds(1)).GET().build();
  }

  /** A write: a ConfigMap named {@code name}. */
  static HttpRequest write(String api, String name) {
    return HttpRequest.newBuilder(URI.create(api + "/api/v1/namespaces/default/configmaps")).timeout(Duration.ofSeconds(2))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
            + name + "\"},\"data\":{\"written\":\"after the failover\"}}")).build();
  }
}
