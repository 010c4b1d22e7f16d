package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.pod.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import io.kubemu.protocols.ClusterMessage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/** kubemu's own endpoints: apply (all-or-nothing), exec, capture, node statistics, kube-proxy's rules. */
final class KubemuHandler {
  private static final AtomicLong RELAYS = new AtomicLong();
  private final ActorSystem<?> system;
  private final ActorRef<StoreProtocol.Command> store;

  KubemuHandler(ActorSystem<?> system, ActorRef<StoreProtocol.Command> store) {
    this.system = system;
    this.store = store;
  }

  CompletionStage<HttpResponse> post(String what, String body) {
    JsonNode req = ApiServer.parse(body);
    return switch (what) {
      case "apply" -> apply(req);
      case "exec" -> exec(req);
      case "capture" -> capture(req);
      case "links" -> links(req);
      default -> ApiServer.done(Responses.status(404, "NotFound", "no such kubemu endpoint: " + what));
    };
  }

  private CompletionStage<HttpResponse> apply(JsonNode req) {
    List<String> objects = new ArrayList<>();
    req.path("objects").forEach(o -> objects.add(Json.write(o)));
    return AskPattern.<StoreProtocol.Command, StoreProtocol.ApplyResult>ask(store,
            replyTo -> new StoreProtocol.Apply(objects, replyTo), ApiServer.TIMEOUT, system.scheduler())
        .thenApply(r -> {
          if (r.status() != 200) {
            return Responses.json(r.status(), r.errorJson());
          }
          ObjectNode out = ApiServer.object();
          ArrayNode lines = out.putArray("results");
          r.lines().forEach(lines::add);
          return Responses.json(200, Json.write(out));
        });
  }

  private CompletionStage<HttpResponse> exec(JsonNode req) {
    List<String> argv = new ArrayList<>();
    req.path("command").forEach(a -> argv.add(a.asText()));
    byte[] stdin = Base64.getDecoder().decode(req.path("stdin").asText(""));
    long timeout = Math.max(1, req.path("timeoutSeconds").asLong(300)) * 1000;
    String ns = req.path("namespace").asText("default");
    String pod = req.path("pod").asText();
    String container = req.path("container").asText("");
    if (req.path("stream").asBoolean(false)) {
      return ApiServer.done(execStreamed(ns, pod, container, argv, stdin, timeout));
    }
    return AskPattern.<StoreProtocol.Command, ExecResult>ask(store,
            replyTo -> new StoreProtocol.Exec(ns, pod, container, argv, stdin, timeout, null, replyTo),
            Duration.ofMillis(timeout + 10_000), system.scheduler())
        .thenApply(r -> {
          ObjectNode out = ApiServer.object();
          out.put("stdout", r.stdout());
          out.put("stderr", r.stderr());
          out.put("exitCode", r.exitCode());
          return Responses.json(200, Json.write(out));
        });
  }

  /** Output as newline-delimited JSON while the program runs, the exit code last. */
  private HttpResponse execStreamed(String ns, String pod, String container, List<String> argv, byte[] stdin, long timeout) {
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> stream =
        Source.<ByteString>queue(4096).preMaterialize(Materializer.matFromSystem(system));
    ActorRef<ClusterMessage> relay = system.systemActorOf(ExecRelay.create(stream.first(), Duration.ofMillis(timeout + 10_000)),
        "exec-" + RELAYS.incrementAndGet(), Props.empty());
    store.tell(new StoreProtocol.Exec(ns, pod, container, argv, stdin, timeout, relay.narrow(), relay.narrow()));
    return HttpResponse.create().withStatus(200)
        .withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, stream.second()));
  }

  private CompletionStage<HttpResponse> capture(JsonNode req) {
    long millis = (long) (req.path("seconds").asDouble(5) * 1000);
    String pod = req.hasNonNull("pod") ? req.get("pod").asText() : null;
    return AskPattern.<StoreProtocol.Command, NodeAgent.CaptureResult>ask(store,
            replyTo -> new StoreProtocol.Capture(req.path("node").asText(null), req.path("namespace").asText("default"),
                pod, req.path("iface").asText("eth0"), millis, replyTo),
            Duration.ofMillis(millis + 15_000), system.scheduler())
        .thenApply(r -> r.error() != null ? Responses.status(404, "NotFound", r.error()) : ApiServer.pcap(r.pcap()));
  }

  /** What {@code node}'s kube-proxy programmed and its conntrack table, asked of the node agent itself. */
  CompletionStage<HttpResponse> proxyRules(String node) {
    return askNode(node, agent -> AskPattern.<NodeAgent.Command, NodeAgent.ProxyRules>ask(agent, NodeAgent.GetProxyRules::new,
        Duration.ofSeconds(5), system.scheduler()).thenApply(r -> {
          ObjectNode out = ApiServer.object();
          out.put("node", r.node());
          out.put("mode", r.mode());
          out.put("rules", r.rules());
          out.put("conntrack", r.conntrack());
          return Responses.json(200, Json.write(out));
        }));
  }

  /** {@code node}'s BGP speaker: its sessions and routes, as data and as calicoctl and birdc print them. */
  CompletionStage<HttpResponse> bgp(String node) {
    return askNode(node, agent -> AskPattern.<NodeAgent.Command, NodeAgent.BgpReply>ask(agent, NodeAgent.GetBgpStatus::new,
        Duration.ofSeconds(5), system.scheduler()).thenApply(r -> {
          if (r.error() != null) {
            return Responses.status(400, "BadRequest", r.error());
          }
          ObjectNode out = Json.MAPPER.valueToTree(r.status());
          out.put("statusText", r.status().showStatus());
          out.put("protocolsText", r.status().showProtocols());
          out.put("routesText", r.status().showRoutes());
          return Responses.json(200, Json.write(out));
        }));
  }

  /**
   * Cuts ({@code up} false) or mends the underlay links between every node of {@code a} and every node of
   * {@code b}, both ways; answers each node's cut links. Nodes that do not exist are refused before anything changes.
   */
  private CompletionStage<HttpResponse> links(JsonNode req) {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    req.path("a").forEach(n -> a.add(n.asText()));
    req.path("b").forEach(n -> b.add(n.asText()));
    boolean up = req.path("up").asBoolean(false);
    return AskPattern.<StoreProtocol.Command, StoreProtocol.NodeAgents>ask(store,
            StoreProtocol.GetNodeAgents::new, ApiServer.TIMEOUT, system.scheduler())
        .thenCompose(agents -> {
          List<String> unknown = new ArrayList<>(a);
          unknown.addAll(b);
          unknown.removeAll(agents.names());
          if (a.isEmpty() || b.isEmpty() || !unknown.isEmpty()) {
            return ApiServer.done(Responses.status(400, "BadRequest", (a.isEmpty() || b.isEmpty()
                ? "two groups of nodes are needed, e.g. w1,w2 w3" : "no such node: " + String.join(", ", unknown))
                + " (nodes: " + String.join(", ", agents.names()) + ")"));
          }
          List<CompletableFuture<NodeAgent.LinkSet>> all = new ArrayList<>();
          for (String x : a) {
            for (String y : b) {
              all.add(setLink(agents, x, y, up));
              all.add(setLink(agents, y, x, up));
            }
          }
          return CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).thenApply(v -> {
            ObjectNode out = ApiServer.object();
            all.stream().map(CompletableFuture::join).forEach(r -> out.set(r.node(), Json.MAPPER.valueToTree(r.cut())));
            return Responses.json(200, Json.write(out));
          });
        });
  }

  private CompletableFuture<NodeAgent.LinkSet> setLink(StoreProtocol.NodeAgents agents, String node, String peer, boolean up) {
    return AskPattern.<NodeAgent.Command, NodeAgent.LinkSet>ask(agents.agents().get(agents.names().indexOf(node)),
        replyTo -> new NodeAgent.SetLink(peer, up, replyTo), Duration.ofSeconds(5), system.scheduler()).toCompletableFuture();
  }

  /** Asks the agent of {@code node}; 404 naming the nodes there are when it has none. */
  private CompletionStage<HttpResponse> askNode(String node,
      java.util.function.Function<ActorRef<NodeAgent.Command>, CompletionStage<HttpResponse>> ask) {
    return AskPattern.<StoreProtocol.Command, StoreProtocol.NodeAgents>ask(store,
            StoreProtocol.GetNodeAgents::new, ApiServer.TIMEOUT, system.scheduler())
        .thenCompose(agents -> {
          int at = agents.names().indexOf(node);
          if (at < 0) {
            return ApiServer.done(Responses.status(404, "NotFound", "node " + node + " not found (nodes: "
                + String.join(", ", agents.names()) + ")"));
          }
          return ask.apply(agents.agents().get(at));
        });
  }

  CompletionStage<HttpResponse> nodeStats() {
    return AskPattern.<StoreProtocol.Command, StoreProtocol.NodeAgents>ask(store,
            StoreProtocol.GetNodeAgents::new, ApiServer.TIMEOUT, system.scheduler())
        .thenCompose(agents -> {
          List<CompletableFuture<NodeAgent.NodeStats>> all = new ArrayList<>();
          for (ActorRef<NodeAgent.Command> a : agents.agents()) {
            all.add(AskPattern.<NodeAgent.Command, NodeAgent.NodeStats>ask(a, NodeAgent.GetStats::new,
                Duration.ofSeconds(3), system.scheduler()).toCompletableFuture()
                .exceptionally(e -> null));
          }
          return CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).thenApply(v -> {
            ArrayNode out = ApiServer.array();
            all.stream().map(CompletableFuture::join).filter(s -> s != null)
                .forEach(s -> out.add(Json.MAPPER.valueToTree(s)));
            return Responses.json(200, Json.write(out));
          });
        });
  }
}
