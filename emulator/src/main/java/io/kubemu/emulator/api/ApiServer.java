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
import java.util.concurrent.CompletionStage;
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
import org.apache.pekko.stream.Materializer;

/**
 * The API server: the Kubernetes REST API for the resources this stage serves (get, list, delete;
 * objects as the real API server shapes them, errors as Status) plus kubemu's own endpoints under
 * {@code /kubemu/v1} for apply (all-or-nothing), exec, capture and node statistics.
 */
public final class ApiServer {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

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
    List<String> path = Arrays.stream(request.getUri().path().split("/")).filter(s -> !s.isEmpty()).toList();
    try {
      if (path.isEmpty() || path.equals(List.of("healthz")) || path.equals(List.of("readyz"))) {
        return done(Responses.text(200, "ok"));
      }
      if (path.equals(List.of("version"))) {
        return done(Responses.json(200, "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0-kubemu\","
            + "\"platform\":\"linux/amd64\",\"goVersion\":\"kubemu\",\"compiler\":\"kubemu\"}"));
      }
      if (path.equals(List.of("apis")) && request.method() == HttpMethods.GET) {
        return done(Responses.json(200, Discovery.apiGroups()));
      }
      if (path.get(0).equals("api")) {
        return resources.handle(request, path.subList(1, path.size()));
      }
      if (path.size() == 3 && path.get(0).equals("kubemu") && path.get(1).equals("v1")) {
        if (request.method() == HttpMethods.GET && path.get(2).equals("nodestats")) {
          return kubemu.nodeStats();
        }
        if (request.method() == HttpMethods.POST) {
          return request.entity().toStrict(TIMEOUT.toMillis(), materializer)
              .thenCompose(strict -> kubemu.post(path.get(2), strict.getData().utf8String()));
        }
      }
      return done(Responses.status(404, "NotFound", "the server could not find the requested resource"));
    } catch (RuntimeException e) {
      system.log().warn("API request {} {} failed: {}", request.method().value(), request.getUri().path(), e.toString());
      return done(Responses.status(500, "InternalError", e.toString()));
    }
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
