package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.api.ApiResources.Resource;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.Patches;
import io.kubemu.emulator.controlplane.Scales;
import io.kubemu.emulator.controlplane.StoreProtocol;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;

/**
 * The REST resources of every group version: list (selectors, limit, Table), watch, get (object,
 * status, scale), create, update and patch (object, status, scale) and delete, in a namespace or
 * across all of them, each through the API store.
 */
final class ResourceHandler {
  private final ActorSystem<?> system;
  private final ActorRef<StoreProtocol.Command> store;

  ResourceHandler(ActorSystem<?> system, ActorRef<StoreProtocol.Command> store) {
    this.system = system;
    this.store = store;
  }

  /** Handles the path after {@code /api/v1} or {@code /apis/{group}/{version}}. */
  CompletionStage<HttpResponse> handle(HttpRequest request, String groupVersion, List<String> rest) {
    ResourcePath path = ResourcePath.parse(groupVersion, rest).orElse(null);
    if (path == null) {
      return ApiServer.done(Responses.notFound());
    }
    HttpMethod method = request.method();
    Query query = request.getUri().query();
    if (!query.getOrElse("dryRun", "").isEmpty()) {
      return ApiServer.done(Responses.status(400, "BadRequest", "dryRun is not supported by kubemu's API server"));
    }
    if (method == HttpMethods.GET) {
      return path.isCollection() ? list(request, path, query) : get(request, path, query);
    }
    // A create of a kind the store does not serve goes on, to be refused with the store's reason (501).
    boolean allowed = method == HttpMethods.POST
        ? path.isCollection() && (path.namespace() != null || !path.resource().namespaced())
        : !path.isCollection() && (path.resource().writable()
            || (path.resource().updatable() && method != HttpMethods.DELETE && path.subresource().isEmpty()));
    if (!allowed || (method == HttpMethods.DELETE && !path.subresource().isEmpty())) {
      return ApiServer.done(Responses.status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
    }
    if (method == HttpMethods.DELETE) {
      return ApiServer.body(system, request).thenCompose(body -> delete(path, query, body));
    }
    if (method == HttpMethods.PATCH) {
      String type = request.entity().getContentType().mediaType().toString();
      if (!Patches.TYPES.contains(type)) {
        return ApiServer.done(Responses.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
            + "accepted media types include: " + String.join(", ", Patches.TYPES)));
      }
      return ApiServer.body(system, request).thenCompose(body -> write(path, body,
          r -> new StoreProtocol.Patch(kind(path), path.namespace(), path.name(), type, body, path.subresource(), r)));
    }
    if (method == HttpMethods.POST || method == HttpMethods.PUT) {
      String type = request.entity().getContentType().mediaType().toString();
      boolean protobuf = type.equals(ProtoObjects.MEDIA_TYPE);
      if (!type.equals("application/json") && !protobuf) {
        return ApiServer.done(Responses.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format ("
            + type + ") - accepted media types include: application/json, " + ProtoObjects.MEDIA_TYPE));
      }
      return ApiServer.bytes(system, request).thenCompose(bytes -> {
        String body = protobuf ? Json.write(ProtoObjects.decode(bytes)) : new String(bytes, StandardCharsets.UTF_8);
        JsonNode obj = Bodies.object(body, path, query.getOrElse("fieldValidation", ""));
        String json = Json.write(obj);
        return write(path, json, method == HttpMethods.POST
            ? r -> new StoreProtocol.Create(kind(path), path.namespace(), json, r)
            : r -> new StoreProtocol.Update(kind(path), path.namespace(), path.name(), json, path.subresource(), r));
      });
    }
    return ApiServer.done(Responses.status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
  }

  private static String kind(ResourcePath path) {
    return path.resource().kind();
  }

  private CompletionStage<HttpResponse> write(ResourcePath path, String body,
      Function<ActorRef<StoreProtocol.WriteResult>, StoreProtocol.Command> command) {
    return AskPattern.<StoreProtocol.Command, StoreProtocol.WriteResult>ask(store, command::apply, ApiServer.TIMEOUT, system.scheduler())
        .thenApply(r -> Responses.json(r.status(), r.json()));
  }

  private CompletionStage<HttpResponse> get(HttpRequest request, ResourcePath path, Query query) {
    String table = Tables.requested(request.getHeader("Accept").map(h -> h.value()).orElse(null));
    String include = Tables.includeObject(query.getOrElse("includeObject", ""));
    Resource res = path.resource();
    return AskPattern.<StoreProtocol.Command, StoreProtocol.WriteResult>ask(store,
            r -> new StoreProtocol.Get(res.kind(), path.namespace(), path.name(), r), ApiServer.TIMEOUT, system.scheduler())
        .thenApply(r -> {
          if (r.status() != 200) {
            return Responses.json(r.status(), r.json());
          }
          JsonNode obj = ApiServer.parse(r.json());
          if (path.subresource().equals("scale")) {
            return Responses.json(200, Json.write(Scales.of(obj)));
          }
          return Responses.json(200, Json.write(table == null ? obj
              : Tables.table(res.kind(), table, null, List.of(obj), include, Instant.now())));
        });
  }

  private CompletionStage<HttpResponse> list(HttpRequest request, ResourcePath path, Query query) {
    Resource res = path.resource();
    String table = Tables.requested(request.getHeader("Accept").map(h -> h.value()).orElse(null));
    String include = Tables.includeObject(query.getOrElse("includeObject", ""));
    ListQuery select = ListQuery.parse(res.kind(), query.getOrElse("labelSelector", ""), query.getOrElse("fieldSelector", ""),
        query.getOrElse("limit", ""), query.getOrElse("continue", ""));
    if (List.of("true", "1").contains(query.getOrElse("watch", ""))) {
      return ApiServer.done(Watches.open(system, store, request, path, query, select, table, include));
    }
    return AskPattern.<StoreProtocol.Command, StoreProtocol.ObjectList>ask(store,
            replyTo -> new StoreProtocol.ListObjects(res.kind(), res.namespaced() ? path.namespace() : null, replyTo),
            ApiServer.TIMEOUT, system.scheduler())
        .thenApply(list -> {
          ObjectNode out = select.apply(res.kind(), res.groupVersion(), list.resourceVersion(),
              list.items().stream().map(ApiServer::parse).toList());
          if (table == null) {
            return Responses.json(200, Json.write(out));
          }
          List<JsonNode> items = new ArrayList<>();
          out.path("items").forEach(items::add);
          return Responses.json(200, Json.write(Tables.table(res.kind(), table, out.get("metadata"), items, include, Instant.now())));
        });
  }

  /** DELETE of one object, with the propagation policy of the DeleteOptions body or the query; answers a Success Status. */
  private CompletionStage<HttpResponse> delete(ResourcePath path, Query query, String body) {
    String policy = Bodies.propagationPolicy(body, query.getOrElse("propagationPolicy", null));
    Long grace = Bodies.gracePeriodSeconds(body, query.getOrElse("gracePeriodSeconds", null));
    Resource res = path.resource();
    return AskPattern.<StoreProtocol.Command, StoreProtocol.DeleteResult>ask(store,
            replyTo -> new StoreProtocol.Delete(res.kind(), path.namespace(), path.name(), policy, grace, replyTo),
            ApiServer.TIMEOUT, system.scheduler())
        .thenApply(r -> {
          if (r.status() == 404) {
            return Responses.status(404, "NotFound", res.qualified() + " \"" + path.name() + "\" not found");
          }
          if (r.status() != 200) {
            return Responses.status(r.status(), "InternalError", r.message());
          }
          ObjectNode status = ApiServer.object();
          status.put("kind", "Status");
          status.put("apiVersion", "v1");
          status.putObject("metadata");
          status.put("status", "Success");
          ObjectNode details = status.putObject("details");
          details.put("name", path.name());
          if (!res.group().isEmpty()) {
            details.put("group", res.group());
          }
          details.put("kind", res.plural());
          return Responses.json(200, Json.write(status));
        });
  }
}
