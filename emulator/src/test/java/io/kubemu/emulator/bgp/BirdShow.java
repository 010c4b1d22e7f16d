package io.kubemu.emulator.bgp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code birdc show protocols all} and {@code birdc show route all} print, read into records.
 * The layout is BIRD 2's: a protocol is a header line (name, proto, table, state, since, info) and
 * indented {@code Key: value} lines; a route is a line that starts with its prefix (or with blanks,
 * for a further route to the prefix above), then tab-indented lines: the next hop and attributes.
 */
public final class BirdShow {
  private BirdShow() {}

  /** One protocol; {@code details} holds the first value of each {@code Key:} line, e.g. "Neighbor address". */
  public record Protocol(String name, String proto, String state, String info, Map<String, String> details) {
    /** The BGP state ("Established", "Passive", "Idle", ...), from the "BGP state" line. */
    public String bgpState() {
      return details.getOrDefault("BGP state", "");
    }

    public String neighbor() {
      return details.getOrDefault("Neighbor address", "");
    }

    public String lastError() {
      return details.getOrDefault("Last error", "");
    }
  }

  /**
   * One route: its kind ("unicast", "unreachable", "blackhole"), the protocol that gave it and the
   * neighbour it came from (empty for a static), whether it is the best, where it goes ("dev lo",
   * "via 127.0.0.2 on lo") and its attributes by name ("BGP.next_hop", "BGP.as_path", ...).
   */
  public record Route(String prefix, String kind, String protocol, String from, boolean best, List<String> nextHops,
      Map<String, String> attributes) {
    public String attribute(String name) {
      return attributes.getOrDefault(name, "");
    }
  }

  public static List<Protocol> protocols(String text) {
    List<Protocol> out = new ArrayList<>();
    String[] head = null;
    Map<String, String> details = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("BIRD ") || line.startsWith("Name ") || line.isBlank()) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        flushProtocol(out, head, details);
        head = line.trim().split("\\s+", 6);
        details = new LinkedHashMap<>();
      } else if (details != null) {
        keyValue(details, line);
      }
    }
    flushProtocol(out, head, details);
    return out;
  }

  private static void flushProtocol(List<Protocol> out, String[] head, Map<String, String> details) {
    if (head != null && head.length >= 4) {
      out.add(new Protocol(head[0], head[1], head[3], head.length > 5 ? head[5] : "", details));
    }
  }

  public static List<Route> routes(String text) {
    List<Route> out = new ArrayList<>();
    String prefix = null;
    RouteBuilder current = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("BIRD ") || line.startsWith("Table ") || line.isBlank()) {
        continue;
      }
      if (line.startsWith("\t")) {
        if (current != null) {
          current.detail(line.trim());
        }
        continue;
      }
      String rest = line.trim();
      if (!Character.isWhitespace(line.charAt(0))) {
        String[] split = rest.split("\\s+", 2);
        prefix = split[0];
        rest = split.length > 1 ? split[1] : "";
      }
      if (current != null) {
        out.add(current.build());
      }
      current = prefix == null ? null : new RouteBuilder(prefix, rest);
    }
    if (current != null) {
      out.add(current.build());
    }
    return out;
  }

  /** "unicast [node1 00:23:31.910 from 127.0.0.2] * (100/?) [AS64512i]" and the lines under it. */
  private static final class RouteBuilder {
    private final String prefix;
    private final String kind;
    private final String protocol;
    private final String from;
    private final boolean best;
    private final List<String> nextHops = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    RouteBuilder(String prefix, String rest) {
      this.prefix = prefix;
      this.kind = rest.split("\\s+", 2)[0];
      int open = rest.indexOf('[');
      int close = rest.indexOf(']', Math.max(open, 0));
      String source = open < 0 || close < 0 ? "" : rest.substring(open + 1, close);
      this.protocol = source.split("\\s+", 2)[0];
      int at = source.indexOf(" from ");
      this.from = at < 0 ? "" : source.substring(at + " from ".length()).trim();
      this.best = close >= 0 && rest.substring(close).startsWith("] *");
    }

    void detail(String line) {
      if (line.startsWith("via ") || line.startsWith("dev ")) {
        nextHops.add(line);
      } else {
        keyValue(attributes, line);
      }
    }

    Route build() {
      return new Route(prefix, kind, protocol, from, best, List.copyOf(nextHops), attributes);
    }
  }

  private static void keyValue(Map<String, String> into, String line) {
    int colon = line.indexOf(':');
    if (colon > 0) {
      into.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
  }
}
