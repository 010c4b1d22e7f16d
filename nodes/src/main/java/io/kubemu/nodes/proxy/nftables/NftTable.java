package io.kubemu.nodes.proxy.nftables;

import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ip kube-proxy} table: named sets, verdict maps and chains (base chains with their
 * hook). It prints itself as {@code nft list table ip kube-proxy} does and walks a packet through
 * a chain with nftables' semantics: jump returns, goto does not, a map miss goes on.
 */
final class NftTable {
  private static final int MAX_DEPTH = 32;

  /** A set: its type line, comment, elements, and for affinity sets their timeout in seconds. */
  record NftSet(String type, String comment, List<String> elements, int timeoutSeconds) {}

  /** A verdict map: its type line, comment, and key to verdict ("goto chain") with an element comment. */
  record NftMap(String type, String comment, Map<String, String[]> elements) {}

  /** What a walk reads and changes besides the table. */
  interface Walk {
    NftTable table();

    int random(int n);

    boolean inAffinity(String set, Ipv4Address source);

    void remember(String set, Ipv4Address source);

    void dnat(Ipv4Address address, int port);

    int mark();

    void mark(int mark);
  }

  final Map<String, NftSet> sets = new LinkedHashMap<>();
  final Map<String, NftMap> maps = new LinkedHashMap<>();
  private final Map<String, String> hooks = new LinkedHashMap<>();
  private final Map<String, List<Stmt>> chains = new LinkedHashMap<>();

  void baseChain(String name, String hook) {
    hooks.put(name, hook);
    chains.computeIfAbsent(name, n -> new ArrayList<>());
  }

  boolean hasChain(String name) {
    return chains.containsKey(name);
  }

  void add(String chain, Stmt s) {
    chains.computeIfAbsent(chain, n -> new ArrayList<>()).add(s);
  }

  void set(String name, String type, String comment, int timeoutSeconds) {
    sets.put(name, new NftSet(type, comment, new ArrayList<>(), timeoutSeconds));
  }

  void map(String name, String type, String comment) {
    maps.put(name, new NftMap(type, comment, new LinkedHashMap<>()));
  }

  boolean inSet(String set, Ipv4Address ip) {
    NftSet s = sets.get(set);
    return s != null && s.elements().contains(ip.toString());
  }

  int affinityTimeout(String set) {
    NftSet s = sets.get(set);
    return s == null ? 0 : s.timeoutSeconds();
  }

  Stmt.Next lookup(String map, String key) {
    NftMap m = maps.get(map);
    String[] element = m == null ? null : m.elements().get(key);
    if (element == null) {
      return Stmt.Next.CONTINUE;
    }
    if (element[0].equals("drop")) {
      return Stmt.Next.DROP;
    }
    String[] verdict = element[0].split(" ", 2);
    return verdict[0].equals("goto") ? Stmt.Next.goTo(verdict[1]) : Stmt.Next.jump(verdict[1]);
  }

  /** The verdict a packet meets from {@code chain}: null when it ran out (accept), else reject, dnat or masquerade. */
  Stmt.Next walk(String chain, PacketContext p, Walk walk) {
    return walk(chain, p, walk, 0);
  }

  private Stmt.Next walk(String chain, PacketContext p, Walk walk, int depth) {
    if (depth > MAX_DEPTH) {
      return Stmt.Next.REJECT; // nft refuses loops when loading; never here
    }
    for (Stmt s : chains.getOrDefault(chain, List.of())) {
      Stmt.Next n = s.apply(p, walk);
      switch (n.kind()) {
        case "continue" -> { }
        case "return" -> {
          return null;
        }
        case "jump" -> {
          Stmt.Next inner = walk(n.chain(), p, walk, depth + 1);
          if (inner != null) {
            return inner;
          }
        }
        case "goto" -> {
          return walk(n.chain(), p, walk, depth + 1);
        }
        default -> {
          return n;
        }
      }
    }
    return null;
  }

  /** As {@code nft list table ip kube-proxy} prints it. */
  String list() {
    StringBuilder b = new StringBuilder("table ip kube-proxy {\n\tcomment \"rules for kube-proxy\"\n");
    sets.forEach((name, s) -> {
      b.append("\n\tset ").append(name).append(" {\n\t\ttype ").append(s.type()).append('\n');
      if (s.timeoutSeconds() > 0) {
        b.append("\t\tflags dynamic,timeout\n\t\ttimeout ").append(s.timeoutSeconds()).append("s\n");
      }
      if (s.comment() != null) {
        b.append("\t\tcomment \"").append(s.comment()).append("\"\n");
      }
      if (!s.elements().isEmpty()) {
        b.append("\t\telements = { ").append(String.join(", ", s.elements())).append(" }\n");
      }
      b.append("\t}\n");
    });
    maps.forEach((name, m) -> {
      b.append("\n\tmap ").append(name).append(" {\n\t\ttype ").append(m.type()).append("\n\t\tcomment \"")
          .append(m.comment()).append("\"\n");
      if (!m.elements().isEmpty()) {
        List<String> items = new ArrayList<>();
        m.elements().forEach((k, v) -> items.add(k + " comment \"" + v[1] + "\" : " + v[0]));
        b.append("\t\telements = { ").append(String.join(",\n\t\t\t     ", items)).append(" }\n");
      }
      b.append("\t}\n");
    });
    chains.forEach((name, stmts) -> {
      b.append("\n\tchain ").append(name).append(" {\n");
      if (hooks.containsKey(name)) {
        b.append("\t\t").append(hooks.get(name)).append('\n');
      }
      stmts.forEach(s -> b.append("\t\t").append(s.render()).append('\n'));
      b.append("\t}\n");
    });
    return b.append("}\n").toString();
  }
}
