package io.kubemu.nodes.bgp;

import io.kubemu.protocols.ClusterMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A node's BGP speaker as {@code kubemu bgp NODE} shows it: its sessions, as {@code calicoctl node
 * status} and {@code birdc show protocols} print them, and every path it holds, as
 * {@code birdc show route} prints them (the best one marked {@code *}).
 */
public record BgpStatus(String node, String routerId, long asn, String clusterId, List<Peer> peers, List<Route> routes,
    List<String> originated) implements ClusterMessage {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME_MS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** One neighbour: its protocol name, address, kind, AS, FSM state, since when, its last error, routes in and out. */
  public record Peer(String name, String address, int port, String type, long asn, String state, long sinceMillis,
      String lastError, int routesImported, int routesExported, long messagesReceived, long messagesSent, long holdTime,
      boolean rrClient) implements ClusterMessage {
    boolean up() {
      return "ESTABLISHED".equals(state);
    }

    /** BIRD's name for the state: Established, Active, Connect, OpenSent, OpenConfirm, Idle. */
    String info() {
      String s = switch (state) {
        case "ESTABLISHED" -> "Established";
        case "OPEN_SENT" -> "OpenSent";
        case "OPEN_CONFIRM" -> "OpenConfirm";
        default -> state.charAt(0) + state.substring(1).toLowerCase(Locale.ROOT);
      };
      return up() || lastError.isEmpty() ? s : s + " (" + lastError + ")";
    }
  }

  /** One path to a prefix: where it came from, its next hop, AS path, LOCAL_PREF, ORIGIN, reflection attributes. */
  public record Route(String prefix, String protocol, long sinceMillis, boolean best, String nextHop, String asPath,
      long localPref, int origin, String originatorId, String clusterList) implements ClusterMessage {
    static Route of(BgpPath p, boolean best) {
      StringBuilder as = new StringBuilder();
      p.asPath().segments().forEach(s -> s.asns().forEach(a -> as.append(as.length() == 0 ? "" : " ").append(a)));
      return new Route(p.prefix().toString(), p.from().protocol(), p.from().sinceMillis(), best,
          p.from().local() ? "" : String.valueOf(p.nextHop()), as.toString(), p.localPref(), p.origin(),
          p.originatorId() == null ? "" : p.originatorId().toString(),
          String.join(" ", p.clusterList().stream().map(Object::toString).toList()));
    }
  }

  public long established() {
    return peers.stream().filter(Peer::up).count();
  }

  /** The sessions, as {@code calicoctl node status}. */
  public String showStatus() {
    StringBuilder sb = new StringBuilder("BGP speaker of node " + node + ": router ID " + routerId + ", AS " + asn
        + (clusterId.isEmpty() ? "" : ", route reflector (cluster ID " + clusterId + ")") + "\n\nIPv4 BGP status\n");
    String[] head = {"PEER ADDRESS", "PEER TYPE", "STATE", "SINCE", "INFO"};
    List<String[]> rows = peers.stream().map(p -> new String[] {p.address() + (p.port() == PeerSpec.BGP_PORT ? "" : ":" + p.port()),
        p.type() + (p.rrClient() ? " (rr client)" : ""), p.up() ? "up" : "start", TIME.format(Instant.ofEpochMilli(p.sinceMillis())),
        p.info()}).toList();
    int[] w = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      w[i] = head[i].length();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder line = new StringBuilder("+");
    for (int width : w) {
      line.append("-".repeat(width + 2)).append('+');
    }
    sb.append(line).append('\n').append(row(head, w)).append(line).append('\n');
    rows.forEach(r -> sb.append(row(r, w)));
    return sb.append(line).append('\n').toString();
  }

  private static String row(String[] cells, int[] w) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      sb.append(' ').append(cells[i]).append(" ".repeat(w[i] - cells[i].length() + 1)).append('|');
    }
    return sb.append('\n').toString();
  }

  /** The protocols, as {@code birdc show protocols}. */
  public String showProtocols() {
    StringBuilder sb = new StringBuilder(String.format("%-20s %-10s %-10s %-6s %-13s %s%n", "Name", "Proto", "Table", "State",
        "Since", "Info"));
    for (Peer p : peers) {
      sb.append(String.format("%-20s %-10s %-10s %-6s %-13s %s%n", p.name(), "BGP", "---", p.up() ? "up" : "start",
          TIME_MS.format(Instant.ofEpochMilli(p.sinceMillis())), p.info()));
    }
    return sb.toString();
  }

  /** The table, as {@code birdc show route all}-lite: every path, the best one starred. */
  public String showRoutes() {
    StringBuilder sb = new StringBuilder("Table master4:\n");
    String last = "";
    for (Route r : routes) {
      String first = r.prefix().equals(last) ? "" : r.prefix();
      last = r.prefix();
      String when = TIME_MS.format(Instant.ofEpochMilli(r.sinceMillis()));
      if (r.nextHop().isEmpty()) {
        sb.append(String.format("%-20s blackhole [static1 %s]%s (200)%n", first, when, r.best() ? " *" : ""));
        continue;
      }
      String origin = r.origin() == 0 ? "i" : r.origin() == 1 ? "e" : "?";
      String path = r.asPath().isEmpty() ? origin : "AS" + r.asPath().replace(" ", " AS") + origin;
      sb.append(String.format("%-20s unicast [%s %s%s]%s (100) [%s]%n", first, r.protocol(), when,
          r.originatorId().isEmpty() ? "" : " from " + r.originatorId(), r.best() ? " *" : "", path));
      sb.append("\tvia ").append(r.nextHop()).append('\n');
      sb.append("\tBGP.local_pref: ").append(r.localPref()).append('\n');
      if (!r.clusterList().isEmpty()) {
        sb.append("\tBGP.originator_id: ").append(r.originatorId()).append("\n\tBGP.cluster_list: ").append(r.clusterList())
            .append('\n');
      }
    }
    return sb.toString();
  }
}
