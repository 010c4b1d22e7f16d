package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.api.Discovery.Resource;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.protocols.ClusterMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The core (v1) REST resources: discovery, list (selectors, limit), watch, get, create, update,
 * merge patch and delete, in a namespace or across all of them.
 */
final class ResourceHandler {
  /** A watch's time when the client names none, and the most it may ask for (the API server's default minimum). */
  static final Duration WATCH_DEFAULT = Duration.ofMinutes(5);
  static final Duration WATCH_MAX = Duration.ofMinutes(30);
  private static final AtomicLong WATCHES = new AtomicLong();

  private final ActorSystem<?> system;
  private final ActorRef<StoreProtocol.Command> store;

  ResourceHandler(ActorSystem<?> system, ActorRef<StoreProtocol.Command> store) {
    this.system = system;
    this.store = store;
  }

  /** Handles {@code /api/...}; {@code path} is what follows "api". */
  CompletionStage<HttpResponse> handle(HttpRequest request, List<String> path) {
    if (path.isEmpty()) {
      return ApiServer.done(Responses.json(200, Discovery.apiVersions()));
    }
    if (path.equals(List.of("v1")) && request.method() == HttpMethods.GET) {
      return ApiServer.done(Responses.json(200, Discovery.coreResources()));
    }
    if (!path.get(0).equals("v1")) {
      return ApiServer.done(Responses.status(404, "NotFound", "the server could not find the requested resource"));
    }
    List<String> rest = path.subList(1, path.size());
    String namespace = null;
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty() || rest.size() > 2 || !Discovery.RESOURCES.containsKey(rest.get(0))) {
      return ApiServer.done(Responses.status(404, "NotFound", "the server could not find the requested resource"));
    }
    String plural = rest.get(0);
    Resource res = Discovery.RESOURCES.get(plural);
    String name = rest.size() == 2 ? rest.get(1) : null;
    Query query = request.getUri().query();
    if (request.method() == HttpMethods.GET && name == null && List.of("true", "1").contains(query.getOrElse("watch", ""))) {
      return ApiServer.done(watch(res, namespace, query));
    }
    if (request.method() == HttpMethods.GET) {
      return get(res, plural, namespace, name, query);
    }
    if (List.of(HttpMethods.POST, HttpMethods.PUT, HttpMethods.PATCH).contains(request.method())) {
      return write(request, res, namespace, name);
    }
    if (request.method() == HttpMethods.DELETE && name != null) {
      String ns = res.namespaced() ? (namespace == null ? "default" : namespace) : null;
      return AskPattern.<StoreProtocol.Command, StoreProtocol.DeleteResult>ask(store,
              replyTo -> new StoreProtocol.Delete(res.kind(), ns, name, query.getOrElse("propagationPolicy", null), replyTo), ApiServer.TIMEOUT, system.scheduler())
          .thenApply(r -> r.status() == 200
              ? Responses.json(200, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"message\":" + Json.write(r.message()) + "}")
              : Responses.status(r.status(), "NotFound", r.message()));
    }
    return ApiServer.done(Responses.status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
  }

  /** A chunked stream of watch events, one JSON object per line, until timeoutSeconds or the client leaves. */
  private HttpResponse watch(Resource res, String namespace, Query query) {
    long from;
    long seconds;
    try {
      String version = query.getOrElse("resourceVersion", "");
      from = version.isEmpty() ? 0 : Long.parseLong(version);
      seconds = Long.parseLong(query.getOrElse("timeoutSeconds", Long.toString(WATCH_DEFAULT.toSeconds())));
    } catch (NumberFormatException e) {
      return Responses.status(400, "BadRequest", "resourceVersion and timeoutSeconds must be integers: " + e.getMessage());
    }
    Duration limit = seconds <= 0 ? WATCH_DEFAULT : Duration.ofSeconds(Math.min(seconds, WATCH_MAX.toSeconds()));
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> stream =
        Source.<ByteString>queue(4096).preMaterialize(Materializer.matFromSystem(system));
    StoreProtocol.Watch watch = new StoreProtocol.Watch(res.kind(), res.namespaced() ? namespace : null, from, null);
    ActorRef<ClusterMessage> relay = system.systemActorOf(WatchRelay.create(store, watch, stream.first(), limit),
        "watch-" + WATCHES.incrementAndGet(), Props.empty());
    Source<ByteString, NotUsed> body = stream.second().watchTermination((mat, done) -> {
      done.whenComplete((d, e) -> relay.tell(new WatchRelay.ResponseEnded()));
      return mat;
    });
    return HttpResponse.create().withStatus(200).withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, body));
  }

  /** POST to a collection, PUT or PATCH (JSON merge patch) to an object, each through the store's admission. */
  private CompletionStage<HttpResponse> write(HttpRequest request, Resource res, String namespace, String name) {
    HttpMethod method = request.method();
    boolean create = method == HttpMethods.POST;
    if (!res.writable() || create != (name == null) || (create && res.namespaced() && namespace == null)) {
      return ApiServer.done(Responses.status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
    }
    String mediaType = request.entity().getContentType().mediaType().toString();
    if (method == HttpMethods.PATCH && !mediaType.equals("application/merge-patch+json")) {
      return ApiServer.done(Responses.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format ("
          + mediaType + ") - accepted media types include: application/merge-patch+json (kubemu does not do strategic merge,"
          + " JSON patch or server-side apply yet)"));
    }
    String ns = res.namespaced() ? (namespace == null ? "default" : namespace) : null;
    Function<String, Function<ActorRef<StoreProtocol.WriteResult>, StoreProtocol.Command>> command = body -> replyTo -> create
        ? new StoreProtocol.Create(res.kind(), ns, body, replyTo)
        : method == HttpMethods.PUT
            ? new StoreProtocol.Update(res.kind(), ns, name, body, replyTo)
            : new StoreProtocol.Patch(res.kind(), ns, name, body, replyTo);
    return request.entity().toStrict(ApiServer.TIMEOUT.toMillis(), Materializer.matFromSystem(system))
        .thenCompose(strict -> AskPattern.<StoreProtocol.Command, StoreProtocol.WriteResult>ask(store,
            replyTo -> command.apply(strict.getData().utf8String()).apply(replyTo), ApiServer.TIMEOUT, system.scheduler()))
        .thenApply(r -> Responses.json(r.status(), r.json()));
  }

  private CompletionStage<HttpResponse> get(Resource res, String plural, String namespace, String name, Query query) {
    ListQuery select;
    try {
      select = ListQuery.parse(query.getOrElse("labelSelector", ""), query.getOrElse("fieldSelector", ""),
          query.getOrElse("limit", ""), query.getOrElse("continue", ""));
    } catch (IllegalArgumentException e) {
      return ApiServer.done(Responses.status(400, "BadRequest", e.getMessage()));
    }
    return AskPattern.<StoreProtocol.Command, StoreProtocol.ObjectList>ask(store,
            replyTo -> new StoreProtocol.ListObjects(res.kind(), res.namespaced() ? namespace : null, replyTo),
            ApiServer.TIMEOUT, system.scheduler())
        .thenApply(list -> {
          if (name != null) {
            return list.items().stream()
                .filter(json -> name.equals(ApiServer.parse(json).path("metadata").path("name").asText()))
                .findFirst()
                .map(json -> Responses.json(200, json))
                .orElse(Responses.status(404, "NotFound", plural + " \"" + name + "\" not found"));
          }
          ObjectNode out = select.apply(res.kind(), list.resourceVersion(), list.items().stream().map(ApiServer::parse).toList());
          return Responses.json(200, Json.write(out));
        });
  }
}
