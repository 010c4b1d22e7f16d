package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.io.Inet;
import org.apache.pekko.http.scaladsl.model.EntityStreamException;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;

/**
 * The API server: the Kubernetes REST API (discovery, the resources of the core and named groups,
 * errors as Status, never a stack trace) plus kubemu's own endpoints under {@code /kubemu/v1} for
 * apply (all-or-nothing), exec, capture and node statistics.
 */
public final class ApiServer {
  static final Duration TIMEOUT = Duration.ofSeconds(15);
  /** The largest request body taken, as the API server's limit (3 MiB); more is 413. */
  static final long MAX_BODY = 3L * 1024 * 1024;

  private final ActorSystem<?> system;
  private final Materializer materializer;
  private final ResourceHandler resources;
  private final KubemuHandler kubemu;

  private ApiServer(ActorSystem<?> system, ActorRef<StoreProtocol.Command> store) {
    this.system = system;
    this.materializer = Materializer.matFromSystem(system);
    this.resources = new ResourceHandler(system, store);
    this.kubemu = new KubemuHandler(system, store);
  }

  public static CompletionStage<ServerBinding> start(ActorSystem<?> system, ActorRef<StoreProtocol.Command> store,
      String host, int port) {
    return start(system, store, host, port, false);
  }

  /**
   * With {@code sharePort}, the port is bound with SO_REUSEPORT, so the API servers of several
   * control-plane hosts on one machine serve one address, as behind a load balancer: the kernel
   * spreads connections over the live ones, and the others keep serving when one host dies.
   */
  public static CompletionStage<ServerBinding> start(ActorSystem<?> system, ActorRef<StoreProtocol.Command> store,
      String host, int port, boolean sharePort) {
    ApiServer server = new ApiServer(system, store);
    ServerSettings settings = ServerSettings.create(system.settings().config());
    if (sharePort) {
      settings = settings.withSocketOptions(List.of(new ReusePort()));
    }
    return Http.get(system).newServerAt(host, port).withSettings(settings).bind(server::handle);
  }

  /** SO_REUSEPORT on the listening socket (Linux, BSD, macOS). */
  static final class ReusePort extends Inet.AbstractSocketOption {
    @Override
    public void beforeServerSocketBind(ServerSocket socket) {
      try {
        socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      } catch (IOException | UnsupportedOperationException e) {
        throw new IllegalStateException("cannot share the API port: SO_REUSEPORT: " + e.getMessage(), e);
      }
    }
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request) {
    CompletionStage<HttpResponse> answer;
    try {
      answer = route(request);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.exceptionally(e -> failure(request, e));
  }

  private CompletionStage<HttpResponse> route(HttpRequest request) {
    List<String> path = Arrays.stream(request.getUri().path().split("/")).filter(s -> !s.isEmpty()).toList();
    boolean get = request.method() == HttpMethods.GET;
    if (path.isEmpty() || path.equals(List.of("healthz")) || path.equals(List.of("readyz")) || path.equals(List.of("livez"))) {
      return done(Responses.text(200, "ok"));
    }
    if (path.equals(List.of("version"))) {
      return done(Responses.json(200, "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0-kubemu\","
          + "\"platform\":\"linux/amd64\",\"goVersion\":\"kubemu\",\"compiler\":\"kubemu\"}"));
    }
    if (get && path.get(0).equals("openapi") && path.size() >= 2 && path.get(1).equals("v3")) {
      String doc = path.size() == 2 ? OpenApi.index() : OpenApi.document(String.join("/", path.subList(2, path.size())));
      return done(doc == null ? Responses.notFound() : Responses.json(200, doc));
    }
    if (path.get(0).equals("api")) {
      if (path.size() == 1 && get) {
        return done(Responses.json(200, Discovery.apiVersions()));
      }
      if (path.size() == 2 && get && path.get(1).equals("v1")) {
        return done(Responses.json(200, Discovery.resources("v1")));
      }
      if (path.size() > 2 && path.get(1).equals("v1")) {
        return resources.handle(request, "v1", path.subList(2, path.size()));
      }
    }
    if (path.get(0).equals("apis")) {
      if (path.size() == 1 && get) {
        return done(Responses.json(200, Discovery.apiGroups()));
      }
      String discovery = !get ? null : path.size() == 2 ? Discovery.apiGroup(path.get(1))
          : path.size() == 3 ? Discovery.resources(path.get(1) + "/" + path.get(2)) : null;
      if (discovery != null) {
        return done(Responses.json(200, discovery));
      }
      if (path.size() > 3) {
        return resources.handle(request, path.get(1) + "/" + path.get(2), path.subList(3, path.size()));
      }
    }
    if (path.size() == 4 && get && path.get(0).equals("kubemu") && path.get(1).equals("v1") && path.get(2).equals("proxyrules")) {
      return kubemu.proxyRules(path.get(3));
    }
    if (path.size() == 4 && get && path.get(0).equals("kubemu") && path.get(1).equals("v1") && path.get(2).equals("bgp")) {
      return kubemu.bgp(path.get(3));
    }
    if (path.size() == 3 && path.get(0).equals("kubemu") && path.get(1).equals("v1")) {
      if (get && path.get(2).equals("nodestats")) {
        return kubemu.nodeStats();
      }
      if (request.method() == HttpMethods.POST) {
        return body(system, request).thenCompose(body -> kubemu.post(path.get(2), body));
      }
    }
    return done(Responses.notFound());
  }

  /** A failed request as the API server answers it: 400 for bad input, 413, 504 on a timeout, never a stack trace. */
  private HttpResponse failure(HttpRequest request, Throwable failure) {
    Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (e instanceof IllegalArgumentException) {
      return Responses.status(400, "BadRequest", e.getMessage());
    }
    if (e instanceof ProtoObjects.Unsupported) {
      return Responses.status(415, "UnsupportedMediaType", e.getMessage());
    }
    if (e instanceof Bodies.Invalid) {
      return Responses.status(422, "Invalid", e.getMessage());
    }
    if (e instanceof EntityStreamSizeException || (e instanceof EntityStreamException && String.valueOf(e.getMessage()).contains("exceed"))) {
      return Responses.status(413, "RequestEntityTooLarge", "Request entity too large: limit is " + MAX_BODY);
    }
    if (e instanceof EntityStreamException) {
      return Responses.status(400, "BadRequest", "the request body could not be read: " + e.getMessage());
    }
    if (e instanceof TimeoutException) {
      return Responses.status(504, "Timeout", "Timeout: request did not complete within the allowed duration");
    }
    system.log().warn("API request {} {} failed: {}", request.method().value(), request.getUri().path(), e.toString());
    return Responses.status(500, "InternalError", "an error on the server (\"" + e.getClass().getSimpleName()
        + "\") has prevented the request from succeeding");
  }

  /** The request body as text, at most {@link #MAX_BODY} bytes (more fails with EntityStreamSizeException). */
  static CompletionStage<String> body(ActorSystem<?> system, HttpRequest request) {
    return bytes(system, request).thenApply(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The request body, at most {@link #MAX_BODY} bytes. */
  static CompletionStage<byte[]> bytes(ActorSystem<?> system, HttpRequest request) {
    return request.entity().withSizeLimit(MAX_BODY).toStrict(TIMEOUT.toMillis(), Materializer.matFromSystem(system))
        .thenApply(strict -> strict.getData().toArray());
  }

  static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }

  static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("request body is not JSON: " + e.getMessage());
    }
  }

  static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return Json.MAPPER.createArrayNode();
  }

  static HttpResponse pcap(byte[] bytes) {
    return HttpResponse.create().withStatus(200).withEntity(ContentTypes.APPLICATION_OCTET_STREAM, bytes);
  }
}
