package io.kubemu.nodes.app.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * CoreDNS's query routing over a Corefile: a query goes to the server block of its port whose zone
 * matches its name best (none: REFUSED, as CoreDNS answers a name it serves no zone for); there the
 * kubernetes plugin answers names in its zones, forward relays what falls through or lies outside
 * them, and a query that no plugin takes gets SERVFAIL ("no next plugin found"). {@code
 * loadbalance} shuffles the address records of each answer. Nothing is ever resolved recursively.
 */
final class CoreDnsServer implements DnsResponder {
  /** A server block with its kubernetes plugin as of the latest view. */
  record Served(ServerBlock block, KubernetesZone zone) {}

  /** The query-handling plugins kubemu knows, in the order of CoreDNS's plugin.cfg. */
  private static final List<String> CHAIN_ORDER = List.of("errors", "log", "loadbalance", "cache", "kubernetes", "loop", "forward");

  private final Forwarder forwarder;
  private final Random random;
  private final Consumer<String> log;
  private List<Served> served = List.of();

  CoreDnsServer(Forwarder forwarder, Random random, Consumer<String> log) {
    this.forwarder = forwarder;
    this.random = random;
    this.log = log;
  }

  /** Serves {@code corefile} over the cluster as {@code index} has it. */
  void configure(Corefile corefile, ClusterIndex index, long serial, boolean synced, List<String> localIps) {
    List<Served> next = new ArrayList<>();
    for (ServerBlock b : corefile.servers()) {
      next.add(new Served(b, b.kubernetes().map(k -> new KubernetesZone(k, index, serial, synced, localIps)).orElse(null)));
    }
    served = List.copyOf(next);
  }

  /** The server block a query on {@code port} for {@code name} goes to. */
  Optional<ServerBlock> blockFor(int port, Name name) {
    return select(port, name).map(Served::block);
  }

  @Override
  public void respond(DnsRequest request, Consumer<Message> reply) {
    Message query = request.query();
    Name name = query.getQuestion().getName();
    Optional<Served> target = select(request.serverPort(), name);
    if (target.isEmpty()) {
      reply.accept(DnsReplies.failure(query, Rcode.REFUSED));
      return;
    }
    ServerBlock block = target.get().block();
    KubernetesZone zone = target.get().zone();
    Optional<Message> answer = zone == null ? Optional.empty() : zone.answer(query);
    if (answer.isPresent()) {
      reply.accept(block.has("loadbalance") ? LoadBalance.shuffle(answer.get(), random) : answer.get());
      return;
    }
    Consumer<String> failed = error -> {
      if (block.has("errors")) {
        log.accept("[ERROR] plugin/errors: 2 " + DnsQueries.describe(query) + ": " + error);
      }
    };
    if (block.forward().isPresent() && block.forward().get().covers(name)) {
      forwarder.forward(block.forward().get(), request, reply, failed);
      return;
    }
    failed.accept("plugin/" + lastInChain(block) + ": no next plugin found");
    reply.accept(DnsReplies.failure(query, Rcode.SERVFAIL));
  }

  /** The plugin that ends the block's chain, in CoreDNS's compiled-in order: the one that finds no next plugin. */
  private static String lastInChain(ServerBlock block) {
    String last = "";
    for (String p : CHAIN_ORDER) {
      if (block.has(p)) {
        last = p;
      }
    }
    return last;
  }

  private Optional<Served> select(int port, Name name) {
    Served best = null;
    int bestLabels = -1;
    for (Served s : served) {
      if (s.block().port() != port) {
        continue;
      }
      Optional<Name> z = DnsNames.longestMatch(s.block().zones(), name);
      if (z.isPresent() && z.get().labels() > bestLabels) {
        best = s;
        bestLabels = z.get().labels();
      }
    }
    return Optional.ofNullable(best);
  }
}
