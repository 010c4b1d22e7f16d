package io.kubemu.nodes.app.dns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * A CoreDNS configuration: the server blocks of a Corefile, with the plugins of kubeadm's default
 * Corefile understood (errors, health, ready, kubernetes, prometheus, forward, cache, loop, reload,
 * loadbalance, and log). Anything else fails with the line it is on, as CoreDNS refuses to start on
 * an unknown directive. {@code cache} is accepted and does nothing: every answer is computed from
 * the current view, so the only difference is that a change shows at once rather than after the
 * cached TTL. {@code loop} is accepted and does not probe for forwarding loops.
 */
public record Corefile(String path, String text, List<ServerBlock> servers) {
  public static final String DEFAULT_PATH = "/etc/coredns/Corefile";
  private static final List<String> PLUGINS = List.of("errors", "log", "health", "ready", "kubernetes", "prometheus",
      "forward", "cache", "loop", "reload", "loadbalance");

  public Corefile {
    servers = List.copyOf(servers);
  }

  /**
   * kubeadm's Corefile for {@code domain}, less its {@code ttl 30}: answers carry the kubernetes
   * plugin's default TTL of 5 s, as the cluster's DNS specification page asks of kubemu.
   */
  public static String kubeadmDefault(String domain) {
    return ".:53 {\n"
        + "    errors\n"
        + "    health {\n"
        + "       lameduck 5s\n"
        + "    }\n"
        + "    ready\n"
        + "    kubernetes " + domain + " in-addr.arpa ip6.arpa {\n"
        + "       pods insecure\n"
        + "       fallthrough in-addr.arpa ip6.arpa\n"
        + "    }\n"
        + "    prometheus :9153\n"
        + "    forward . /etc/resolv.conf {\n"
        + "       max_concurrent 1000\n"
        + "    }\n"
        + "    cache 30\n"
        + "    loop\n"
        + "    reload\n"
        + "    loadbalance\n"
        + "}\n";
  }

  /**
   * Parses {@code text}, read from {@code path}. {@code resolvConf} are the nameservers that a file
   * name in {@code forward} stands for; {@code defaultPort} is CoreDNS's {@code -dns.port}.
   */
  public static Corefile parse(String path, String text, List<String> resolvConf, int defaultPort) {
    List<ServerBlock> servers = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (CorefileSyntax.ServerBlockText b : CorefileSyntax.parse(path, text)) {
      Map<Integer, List<Name>> zonesByPort = keys(path, b, defaultPort);
      for (Map.Entry<Integer, List<Name>> e : zonesByPort.entrySet()) {
        for (Name z : e.getValue()) {
          Integer before = seen.putIfAbsent(z + ":" + e.getKey(), b.line());
          if (before != null) {
            throw new CorefileException(path, b.line(), null, "cannot serve dns://" + z + ":" + e.getKey()
                + " - zone already defined for dns://" + z + ":" + e.getKey() + " on line " + before);
          }
        }
        servers.add(server(b, e.getValue(), e.getKey(), resolvConf));
      }
    }
    if (servers.isEmpty()) {
      throw new CorefileException(path, 1, null, "no server blocks (expected: such as .:53 { ... })");
    }
    return new Corefile(path, text, servers);
  }

  /** The SHA512 that the reload plugin logs for a configuration. */
  public String sha512() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }

  /** Whether any server block holds {@code plugin}. */
  public boolean has(String plugin) {
    return servers.stream().anyMatch(s -> s.has(plugin));
  }

  private static Map<Integer, List<Name>> keys(String path, CorefileSyntax.ServerBlockText b, int defaultPort) {
    Map<Integer, List<Name>> out = new LinkedHashMap<>();
    for (String key : b.keys()) {
      String k = key.startsWith("dns://") ? key.substring("dns://".length()) : key;
      if (k.contains("://")) {
        throw new CorefileException(path, b.line(), null, "unsupported server transport in '" + key + "' (expected: dns:// or none)");
      }
      int colon = k.lastIndexOf(':');
      int port = defaultPort;
      if (colon >= 0) {
        try {
          port = Integer.parseInt(k.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 1 || port > 65535) {
          throw new CorefileException(path, b.line(), null, "invalid port in server block key '" + key + "' (expected: 1..65535)");
        }
        k = k.substring(0, colon);
      }
      if (k.contains("/")) {
        throw new CorefileException(path, b.line(), null, "'" + key + "': zones written as a CIDR are not supported by kubemu"
            + " (expected: the in-addr.arpa zone itself)");
      }
      try {
        out.computeIfAbsent(port, p -> new ArrayList<>()).add(DnsNames.zone(k.isEmpty() ? "." : k));
      } catch (IllegalArgumentException e) {
        throw new CorefileException(path, b.line(), null, e.getMessage());
      }
    }
    return out;
  }

  private static ServerBlock server(CorefileSyntax.ServerBlockText b, List<Name> zones, int port, List<String> resolvConf) {
    Set<String> present = new HashSet<>();
    Optional<KubernetesConfig> kubernetes = Optional.empty();
    Optional<ForwardConfig> forward = Optional.empty();
    OptionalInt health = OptionalInt.empty();
    Duration lameduck = Duration.ZERO;
    OptionalInt ready = OptionalInt.empty();
    OptionalInt metrics = OptionalInt.empty();
    for (Directive d : b.directives()) {
      if (!PLUGINS.contains(d.name())) {
        throw d.error(null, "Unknown directive '" + d.name() + "' (kubemu's CoreDNS has: " + String.join(", ", PLUGINS) + ")");
      }
      if (!present.add(d.name())) {
        throw d.error(d.name(), "this plugin can only be used once per Server Block");
      }
      switch (d.name()) {
        case "kubernetes":
          kubernetes = Optional.of(KubernetesConfig.parse(d, zones));
          break;
        case "forward":
          forward = Optional.of(ForwardConfig.parse(d, resolvConf));
          break;
        case "health":
          health = OptionalInt.of(listenPort(d, 8080));
          lameduck = lameduck(d);
          break;
        case "ready":
          ready = OptionalInt.of(listenPort(d, 8181));
          break;
        case "prometheus":
          metrics = OptionalInt.of(listenPort(d, 9153));
          break;
        case "loop":
          d.bare(d.name());
          break;
        case "reload":
          for (String a : d.args()) {
            d.duration(d.name(), a);
          }
          break;
        default:
          // errors, log, cache, loadbalance: their options change nothing kubemu emulates
          break;
      }
    }
    return new ServerBlock(b.line(), zones, port, kubernetes, forward, present, health, lameduck, ready, metrics);
  }

  /** The port of a plugin's optional {@code [host]:port} argument. */
  private static int listenPort(Directive d, int fallback) {
    if (d.args().size() > 1) {
      throw d.wrongArguments(d.name());
    }
    if (d.args().isEmpty()) {
      return fallback;
    }
    String a = d.args().get(0);
    try {
      int port = Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw d.error(d.name(), "invalid address '" + a + "' (expected: [host]:port such as :8080)");
  }

  private static Duration lameduck(Directive d) {
    Duration out = Duration.ZERO;
    for (Directive p : d.block()) {
      if (!p.name().equals("lameduck")) {
        throw p.error("health", "unknown property '" + p.name() + "'");
      }
      out = p.duration("health", p.single("health"));
    }
    return out;
  }
}
