package io.kubemu.nodes.app.dns;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * The {@code forward FROM TO... { ... }} stanza: queries for names under {@code from} (but not
 * under {@code except}) are relayed to the upstream nameservers. A file name among the TOs (kubeadm
 * writes {@code /etc/resolv.conf}) stands for the nameservers of the pod's resolv.conf (or of the
 * variable {@value #RESOLV_CONF_ENV}, when set). Upstream health checks
 * are not emulated: {@code expire}, {@code health_check} and {@code max_fails} are accepted and
 * ignored.
 *
 * @param maxConcurrent queries in flight at most, 0 for no limit; beyond it the answer is REFUSED
 */
public record ForwardConfig(Name from, List<Upstream> to, List<Name> except, int maxConcurrent, Policy policy,
    boolean forceTcp, boolean preferUdp) {
  static final String PLUGIN = "forward";
  /** Where kubemu puts the nameservers of CoreDNS's resolv.conf: addresses separated by spaces or commas. */
  public static final String RESOLV_CONF_ENV = "KUBEMU_UPSTREAM_NAMESERVERS";
  private static final int MAX_UPSTREAMS = 15;

  /** The order upstreams are tried in. */
  public enum Policy { RANDOM, ROUND_ROBIN, SEQUENTIAL }

  /** One upstream nameserver. */
  public record Upstream(Ipv4Address address, int port) {
    @Override
    public String toString() {
      return address + ":" + port;
    }
  }

  public ForwardConfig {
    to = List.copyOf(to);
    except = List.copyOf(except);
  }

  /** Whether this stanza relays {@code name}. */
  public boolean covers(Name name) {
    return name.subdomain(from) && DnsNames.longestMatch(except, name).isEmpty();
  }

  /** Parses the stanza; {@code resolvConf} are the nameservers a file name among the TOs stands for. */
  static ForwardConfig parse(Directive d, List<String> resolvConf) {
    if (d.args().size() < 2) {
      throw d.wrongArguments(PLUGIN);
    }
    Name from = d.zone(PLUGIN, d.args().get(0));
    List<Upstream> to = new ArrayList<>();
    for (String t : d.args().subList(1, d.args().size())) {
      if (t.startsWith("/")) {
        if (resolvConf.isEmpty()) {
          throw d.error(PLUGIN, "no nameservers found in " + t + " (kubemu: the pod's resolv.conf, or the " + RESOLV_CONF_ENV
              + " variable, lists them)");
        }
        for (String ns : resolvConf) {
          to.add(upstream(d, ns));
        }
      } else {
        to.add(upstream(d, t));
      }
    }
    if (to.size() > MAX_UPSTREAMS) {
      throw d.error(PLUGIN, "more than " + MAX_UPSTREAMS + " TOs configured: " + to.size());
    }
    List<Name> except = List.of();
    int maxConcurrent = 0;
    Policy policy = Policy.RANDOM;
    boolean forceTcp = false;
    boolean preferUdp = false;
    for (Directive p : d.block()) {
      switch (p.name()) {
        case "except":
          if (p.args().isEmpty()) {
            throw p.wrongArguments(PLUGIN);
          }
          except = p.zones(PLUGIN, 0);
          break;
        case "max_concurrent":
          maxConcurrent = count(p, p.single(PLUGIN));
          break;
        case "policy":
          policy = policy(p);
          break;
        case "force_tcp":
          p.bare(PLUGIN);
          forceTcp = true;
          break;
        case "prefer_udp":
          p.bare(PLUGIN);
          preferUdp = true;
          break;
        case "expire":
          durationArgument(p);
          break;
        case "health_check":
          durationArgument(p);
          break;
        case "max_fails":
          count(p, p.single(PLUGIN));
          break;
        case "tls":
        case "tls_servername":
          throw p.error(PLUGIN, p.name() + " is not supported by kubemu (DNS over TLS is not emulated)");
        default:
          throw p.error(PLUGIN, "unknown property '" + p.name() + "'");
      }
    }
    if (forceTcp && preferUdp) {
      throw d.error(PLUGIN, "force_tcp and prefer_udp cannot both be set");
    }
    return new ForwardConfig(from, to, except, maxConcurrent, policy, forceTcp, preferUdp);
  }

  /** {@code 10.0.0.10}, {@code 10.0.0.10:5353} or {@code dns://10.0.0.10}; port 53 unless given. */
  private static Upstream upstream(Directive d, String text) {
    String hostPort = text.startsWith("dns://") ? text.substring("dns://".length()) : text;
    if (hostPort.contains("://")) {
      throw d.error(PLUGIN, "unsupported protocol in '" + text + "' (expected: dns:// or a plain address)");
    }
    int colon = hostPort.indexOf(':');
    try {
      Ipv4Address address = Ipv4Address.parse(colon < 0 ? hostPort : hostPort.substring(0, colon));
      int port = colon < 0 ? 53 : Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port);
      }
      return new Upstream(address, port);
    } catch (IllegalArgumentException e) {
      throw d.error(PLUGIN, "not an IP address or file: \"" + text + "\" (expected: an IPv4 address with an optional :port,"
          + " or /etc/resolv.conf)");
    }
  }

  private static int count(Directive p, String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw p.error(PLUGIN, p.name() + " must be a non-negative integer: " + text);
  }

  private static Policy policy(Directive p) {
    switch (p.single(PLUGIN)) {
      case "random":
        return Policy.RANDOM;
      case "round_robin":
        return Policy.ROUND_ROBIN;
      case "sequential":
        return Policy.SEQUENTIAL;
      default:
        throw p.error(PLUGIN, "unknown policy '" + p.args().get(0) + "' (expected: random, round_robin or sequential)");
    }
  }

  private static void durationArgument(Directive p) {
    if (p.args().isEmpty()) {
      throw p.wrongArguments(PLUGIN);
    }
    p.duration(PLUGIN, p.args().get(0));
  }
}
