package io.kubemu.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The control-plane bench's one watch of its pods ({@code GET .../pods?watch=true&resourceVersion=N}
 * with the bench's label selector), on a thread of its own: every event goes to {@link PodTimes},
 * timed as it is read. When the server ends the watch it watches again from the last version seen;
 * when that version is too old (410), it lists the pods again and goes on from the list.
 */
final class PodWatcher implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String pods;
  private final String selector;
  private final PodTimes times;
  private final Thread thread = new Thread(this::run, "kubemu-bench-watch");
  private volatile boolean closed;
  private volatile InputStream body;
  /** Where the watch goes on from; null: list first. Used by the watch thread only, once started. */
  private String version;

  private PodWatcher(HttpClient http, String api, String labelSelector, PodTimes times) {
    this.http = http;
    this.pods = api + "/api/v1/namespaces/default/pods";
    this.selector = URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
    this.times = times;
  }

  /** Lists the pods the selector matches, then watches them from the list's version. */
  static PodWatcher open(HttpClient http, String api, String labelSelector, PodTimes times) throws IOException, InterruptedException {
    PodWatcher w = new PodWatcher(http, api, labelSelector, times);
    w.list();
    w.thread.setDaemon(true);
    w.thread.start();
    return w;
  }

  private void list() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(pods + "?labelSelector=" + selector))
        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("listing the pods answered " + r.statusCode() + ": " + r.body());
    }
    long now = System.nanoTime();
    JsonNode list = JSON.readTree(r.body());
    for (JsonNode pod : list.path("items")) {
      times.seen(PodEvent.of("ADDED", pod), now);
    }
    version = list.path("metadata").path("resourceVersion").asText();
  }

  private void run() {
    while (!closed) {
      try {
        if (version == null) {
          list();
        }
        watch();
      } catch (IOException | RuntimeException e) {
        pause();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void watch() throws IOException, InterruptedException {
    URI uri = URI.create(pods + "?watch=true&resourceVersion=" + version + "&labelSelector=" + selector + "&timeoutSeconds=1800");
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    body = r.body();
    if (closed) {
      body.close();
      return;
    }
    if (r.statusCode() == 410) {
      version = null;
    }
    if (r.statusCode() != 200) {
      body.close();
      pause();
      return;
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && !closed; line = in.readLine()) {
        long now = System.nanoTime();
        if (line.isBlank()) {
          continue;
        }
        PodEvent e = PodEvent.parse(line);
        if (e.type().equals("ERROR")) {
          version = e.errorCode() == 410 ? null : version;
          return;
        }
        times.seen(e, now);
        version = e.resourceVersion() != null ? e.resourceVersion() : version;
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Ends the watch: closing the response's stream wakes the watch thread, which then stops. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    InputStream b = body;
    if (b != null) {
      try {
        b.close();
      } catch (IOException e) {
        // ending anyway
      }
    }
    thread.join(5_000);
  }
}
