package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.protocols.ClusterMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/** The core (v1) REST resources: list, watch, get and delete, in a namespace or across all of them. */
final class ResourceHandler {
  /** A watch's time when the client names none, and the most it may ask for (the API server's default minimum). */
  static final Duration WATCH_DEFAULT = Duration.ofMinutes(5);
  static final Duration WATCH_MAX = Duration.ofMinutes(30);
  private static final AtomicLong WATCHES = new AtomicLong();

  /** Resource (plural) → kind, and whether it lives in a namespace. */
  record Resource(String kind, boolean namespaced) {}

  static final Map<String, Resource> RESOURCES = Map.of(
      "pods", new Resource("Pod", true),
      "nodes", new Resource("Node", false),
      "namespaces", new Resource("Namespace", false),
      "services", new Resource("Service", true),
      "configmaps", new Resource("ConfigMap", true),
      "secrets", new Resource("Secret", true),
      "serviceaccounts", new Resource("ServiceAccount", true),
      "endpoints", new Resource("Endpoints", true));

  private final ActorSystem<?> system;
  private final ActorRef<StoreProtocol.Command> store;

  ResourceHandler(ActorSystem<?> system, ActorRef<StoreProtocol.Command> store) {
    this.system = system;
    this.store = store;
  }

  /** Handles {@code /api/...}; {@code path} is what follows "api". */
  CompletionStage<HttpResponse> handle(HttpRequest request, List<String> path) {
    if (path.isEmpty()) {
      return ApiServer.done(Responses.json(200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}"));
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
    if (rest.isEmpty() || rest.size() > 2 || !RESOURCES.containsKey(rest.get(0))) {
      return ApiServer.done(Responses.status(404, "NotFound", "the server could not find the requested resource"));
    }
    String plural = rest.get(0);
    Resource res = RESOURCES.get(plural);
    String name = rest.size() == 2 ? rest.get(1) : null;
    Query query = request.getUri().query();
    if (request.method() == HttpMethods.GET && name == null && List.of("true", "1").contains(query.getOrElse("watch", ""))) {
      return ApiServer.done(watch(res, namespace, query));
    }
    if (request.method() == HttpMethods.GET) {
      return get(res, plural, namespace, name);
    }
    if (request.method() == HttpMethods.DELETE && name != null) {
      String ns = res.namespaced() ? (namespace == null ? "default" : namespace) : null;
      return AskPattern.<StoreProtocol.Command, StoreProtocol.DeleteResult>ask(store,
              replyTo -> new StoreProtocol.Delete(res.kind(), ns, name, replyTo), ApiServer.TIMEOUT, system.scheduler())
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

  private CompletionStage<HttpResponse> get(Resource res, String plural, String namespace, String name) {
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
          ObjectNode out = ApiServer.object();
          out.put("kind", res.kind() + "List");
          out.put("apiVersion", "v1");
          out.putObject("metadata").put("resourceVersion", Long.toString(list.resourceVersion()));
          ArrayNode items = out.putArray("items");
          list.items().forEach(json -> items.add(ApiServer.parse(json)));
          return Responses.json(200, Json.write(out));
        });
  }
}
