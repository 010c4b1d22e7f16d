package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemu.emulator.state.ClusterRecord;
import io.kubemu.emulator.state.HostRecord;
import io.kubemu.emulator.state.StateDir;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CLI's client to the cluster's API server, found through the state folder. */
public final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(String base) {
    this.base = base;
  }

  /**
   * The API server of the cluster in {@code state}: {@code KUBEMU_API} when set, else what 'up'
   * recorded, else the first control-plane host that recorded an API port (hosts started by hand).
   */
  public static ApiClient forState(StateDir state) {
    String explicit = System.getenv("KUBEMU_API");
    if (explicit != null && !explicit.isBlank()) {
      return new ApiClient(explicit.replaceAll("/+$", ""));
    }
    ClusterRecord c = state.running() ? state.cluster() : null;
    if (c != null && c.apiUrl() != null) {
      return new ApiClient(c.apiUrl());
    }
    if (state.running()) {
      for (HostRecord h : state.hosts()) {
        if (h.apiPort() > 0) {
          return new ApiClient("http://" + h.bind() + ":" + h.apiPort());
        }
      }
    }
    throw new CliException("no cluster is running in " + state.root() + " (start one with 'kubemu up', or set KUBEMU_HOME or KUBEMU_API)");
  }

  public String base() {
    return base;
  }

  /** A response: status code and body. */
  public record Reply(int status, byte[] body) {
    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new CliException("the API server sent something that is not JSON (status " + status + "): " + text());
      }
    }

    /** The message of a Kubernetes Status error, or the body. */
    public String error() {
      try {
        JsonNode n = JSON.readTree(body);
        return n.has("message") ? n.get("message").asText() : text();
      } catch (IOException e) {
        return text();
      }
    }
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Duration.ofSeconds(20));
  }

  /** GETs a list or object as the API server's Table (the columns kubectl prints). */
  public Reply getTable(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
        .GET(), Duration.ofSeconds(20));
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), Duration.ofSeconds(20));
  }

  public Reply post(String path, Object body, Duration timeout) {
    try {
      return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), timeout);
    } catch (IOException e) {
      throw new CliException("cannot encode request: " + e.getMessage());
    }
  }

  /** POSTs and hands each line of a streamed (chunked) answer to {@code onLine} as it arrives; returns the status. */
  public int postStreaming(String path, Object body, Duration timeout, java.util.function.Consumer<String> onLine) {
    try {
      return stream(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .timeout(timeout).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), onLine);
    } catch (IOException e) {
      throw new CliException("cannot encode request: " + e.getMessage());
    }
  }

  /**
   * GETs a streamed answer (a watch) and hands each line to {@code onLine} as it arrives, until the
   * server ends it; returns the status. {@code timeout} bounds the wait for the answer to begin.
   */
  public int getStreaming(String path, Duration timeout, java.util.function.Consumer<String> onLine) {
    return stream(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build(), onLine);
  }

  private int stream(HttpRequest request, java.util.function.Consumer<String> onLine) {
    try {
      HttpResponse<java.util.stream.Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
      try (java.util.stream.Stream<String> lines = r.body()) {
        lines.forEach(onLine);
      }
      return r.statusCode();
    } catch (IOException e) {
      throw new CliException("cannot reach the API server at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  private Reply send(HttpRequest.Builder request, Duration timeout) {
    try {
      HttpResponse<byte[]> r = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new CliException("cannot reach the API server at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
