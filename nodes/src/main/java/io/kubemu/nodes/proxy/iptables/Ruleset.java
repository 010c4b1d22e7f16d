package io.kubemu.nodes.proxy.iptables;

import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The nat and filter tables kube-proxy writes with one iptables-restore: chains in order, each a
 * list of rules. It prints itself as iptables-save does and walks a packet through a chain as
 * netfilter would: jumps, RETURN, non-terminating MARK, and terminal DNAT, MASQUERADE, REJECT,
 * DROP and ACCEPT.
 */
final class Ruleset {
  static final List<String> BUILT_IN = List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
  private static final int MAX_DEPTH = 32;

  /** Where a walk ended: the terminal target met (null when the chains just ran out) and the mark it left. */
  record Outcome(Target target, int mark) {}

  /** The state one walk reads and writes besides the rules: the random draws and the recent module's lists. */
  interface Walk {
    /** A uniform draw in [0, 2^31), compared with a statistic rule's stored probability. */
    long draw();

    boolean recentlySeen(String list, Ipv4Address source, int seconds);

    void remember(String list, Ipv4Address source);
  }

  private final Map<String, Map<String, List<Rule>>> tables = new LinkedHashMap<>();

  Ruleset() {
    tables.put("filter", new LinkedHashMap<>());
    tables.put("nat", new LinkedHashMap<>());
  }

  /** Declares a chain (kept even while empty, as kube-proxy declares every chain it owns). */
  void chain(String table, String chain) {
    tables.get(table).computeIfAbsent(chain, c -> new ArrayList<>());
  }

  Rule add(String table, Rule rule) {
    tables.get(table).computeIfAbsent(rule.chain, c -> new ArrayList<>()).add(rule);
    return rule;
  }

  List<Rule> rules(String table, String chain) {
    return tables.get(table).getOrDefault(chain, List.of());
  }

  /** The packet's way through {@code chain} of {@code table}, starting with {@code mark}. */
  Outcome walk(String table, String chain, PacketContext p, int mark, Walk walk) {
    int[] markNow = {mark};
    Target end = walk(table, chain, p, markNow, walk, 0);
    return new Outcome(end instanceof Target.Return ? null : end, markNow[0]);
  }

  private Target walk(String table, String chain, PacketContext p, int[] mark, Walk walk, int depth) {
    if (depth > MAX_DEPTH) {
      return new Target.Drop(); // a loop in the rules: the kernel refuses such a ruleset; never here
    }
    for (Rule r : rules(table, chain)) {
      if (!r.matches(p, mark[0], walk)) {
        continue;
      }
      Target t = r.target;
      if (t instanceof Target.Mark m) {
        mark[0] = m.xor() ? mark[0] ^ m.bits() : mark[0] | m.bits();
      } else if (t instanceof Target.Jump j) {
        Target inner = walk(table, j.chain(), p, mark, walk, depth + 1);
        if (inner != null && !(inner instanceof Target.Return)) {
          return inner;
        }
      } else {
        return t;
      }
    }
    return null;
  }

  /** The tables as {@code iptables-save} prints them. */
  String save() {
    StringBuilder b = new StringBuilder();
    tables.forEach((table, chains) -> {
      b.append("*").append(table).append('\n');
      for (String builtIn : BUILT_IN) {
        if (chains.containsKey(builtIn)) {
          b.append(':').append(builtIn).append(" ACCEPT [0:0]\n");
        }
      }
      chains.keySet().stream().filter(c -> !BUILT_IN.contains(c))
          .forEach(c -> b.append(':').append(c).append(" - [0:0]\n"));
      BUILT_IN.forEach(c -> chains.getOrDefault(c, List.of()).forEach(r -> b.append(r.render()).append('\n')));
      chains.forEach((c, rules) -> {
        if (!BUILT_IN.contains(c)) {
          rules.forEach(r -> b.append(r.render()).append('\n'));
        }
      });
      b.append("COMMIT\n");
    });
    return b.toString();
  }

  /** A {@link Walk} over a clock and a random source, keeping the recent module's lists between walks. */
  static final class RecentLists {
    private final Map<String, Map<Ipv4Address, Long>> lists = new HashMap<>();
    private final LongSupplier nanos;

    RecentLists(LongSupplier nanos) {
      this.nanos = nanos;
    }

    Walk walk(java.util.Random random) {
      return new Walk() {
        @Override
        public long draw() {
          return random.nextInt() & 0x7FFFFFFFL;
        }

        @Override
        public boolean recentlySeen(String list, Ipv4Address source, int seconds) {
          Map<Ipv4Address, Long> seen = lists.get(list);
          Long at = seen == null ? null : seen.get(source);
          if (at == null) {
            return false;
          }
          if (nanos.getAsLong() - at > seconds * 1_000_000_000L) {
            seen.remove(source); // --reap
            return false;
          }
          return true;
        }

        @Override
        public void remember(String list, Ipv4Address source) {
          lists.computeIfAbsent(list, l -> new HashMap<>()).put(source, nanos.getAsLong());
        }
      };
    }

    /** Lists of endpoints that are gone go with them, as kube-proxy's restore drops their chains. */
    void retain(java.util.Set<String> names) {
      lists.keySet().retainAll(names);
    }
  }
}
