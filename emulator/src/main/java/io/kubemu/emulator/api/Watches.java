package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.api.ApiResources.Resource;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreProtocol.WatchEvent;
import io.kubemu.protocols.ClusterMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A watch as a chunked HTTP response, one JSON event per line, or over a WebSocket, one event per
 * message, through a {@link WatchRelay}, until timeoutSeconds or the client leaves. Events are filtered by the list's selectors, and their objects
 * are Table rows when the client asked for a Table.
 */
final class Watches {
  /** A watch's time when the client names none, and the most it may ask for (the API server's default minimum). */
  static final Duration WATCH_DEFAULT = Duration.ofMinutes(5);
  static final Duration WATCH_MAX = Duration.ofMinutes(30);
  private static final AtomicLong WATCHES = new AtomicLong();

  private Watches() {}

  static HttpResponse open(ActorSystem<?> system, ActorRef<StoreProtocol.Command> store, HttpRequest request, ResourcePath path,
      Query query, ListQuery select, String table, String includeObject) {
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
    Resource res = path.resource();
    StoreProtocol.Watch watch = new StoreProtocol.Watch(res.kind(), res.namespaced() ? path.namespace() : null, from, null);
    ActorRef<ClusterMessage> relay = system.systemActorOf(
        WatchRelay.create(store, watch, stream.first(), limit, format(res.kind(), select, table, includeObject)),
        "watch-" + WATCHES.incrementAndGet(), Props.empty());
    Source<ByteString, NotUsed> body = stream.second().watchTermination((mat, done) -> {
      done.whenComplete((d, e) -> relay.tell(new WatchRelay.ResponseEnded()));
      return mat;
    });
    Optional<WebSocketUpgrade> upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
    if (upgrade.isPresent()) {
      // Clients that watch over a WebSocket (the fabric8 client does) get one text message per event.
      // Coupled, so that the client closing the socket ends the watch at once.
      return upgrade.get().handleMessagesWith(Flow.fromSinkAndSourceCoupled(Sink.<Message>ignore(),
          body.map(line -> (Message) TextMessage.create(line.utf8String()))));
    }
    return HttpResponse.create().withStatus(200).withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, body));
  }

  /** The line of an event whose object matches the selectors (null for one that does not), its object a Table if asked. */
  static Function<WatchEvent, String> format(String kind, ListQuery select, String table, String includeObject) {
    return e -> {
      try {
        JsonNode obj = ApiServer.parse(e.objectJson());
        if (!select.matches(obj)) {
          return null;
        }
        JsonNode out = table == null ? obj : Tables.table(kind, table, null, List.of(obj), includeObject, Instant.now());
        return "{\"type\":\"" + e.type() + "\",\"object\":" + Json.write(out) + "}\n";
      } catch (RuntimeException notJson) {
        return null;
      }
    };
  }
}
