package io.kubemu.nodes.app.dns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The {@code kubernetes} plugin's stanza: the zones it is authoritative for (the first forward zone
 * is the cluster domain), how it answers pod names, which NXDOMAIN answers fall through to the next
 * plugin, and the TTL of its records. Connection properties ({@code endpoint}, {@code tls},
 * {@code kubeconfig}) are accepted and ignored: in kubemu the node's informer feeds every pod.
 *
 * @param zones the plugin's zones; {@link #primaryZone()} names Services in PTR answers
 * @param pods {@code disabled} (CoreDNS's default) or {@code insecure} (kubeadm's)
 * @param ttl seconds, 0..3600, 5 unless the stanza says otherwise
 * @param namespaces the namespaces whose names are answered; empty means all
 * @param endpointPodNames endpoints without a hostname are named after their pod, not their address
 * @param ignoreEmptyService a ClusterIP Service without ready endpoints is NXDOMAIN
 */
public record KubernetesConfig(List<Name> zones, PodMode pods, Fallthrough fallthrough, long ttl, Set<String> namespaces,
    boolean endpointPodNames, boolean ignoreEmptyService) {
  static final String PLUGIN = "kubernetes";
  /** CoreDNS's kubernetes plugin answers with this TTL when the stanza sets none. */
  public static final long DEFAULT_TTL = 5;

  /** How {@code <a-b-c-d>.<ns>.pod.<zone>} names are answered. */
  public enum PodMode {
    /** No pod records: NXDOMAIN. */
    DISABLED,
    /** Any well-formed address is answered, whether a pod has it or not (kube-dns's old behaviour). */
    INSECURE
  }

  /**
   * {@code fallthrough [ZONES...]}: NXDOMAIN answers for names in these zones (all of the plugin's
   * when none are listed) go to the next plugin instead.
   */
  public record Fallthrough(boolean enabled, List<Name> zones) {
    public static final Fallthrough NONE = new Fallthrough(false, List.of());

    public Fallthrough {
      zones = List.copyOf(zones);
    }

    public boolean covers(Name name) {
      return enabled && (zones.isEmpty() || DnsNames.longestMatch(zones, name).isPresent());
    }
  }

  public KubernetesConfig {
    zones = List.copyOf(zones);
    namespaces = Set.copyOf(namespaces);
    if (zones.stream().allMatch(KubernetesConfig::isReverse)) {
      throw new IllegalArgumentException("non-reverse zone name must be used");
    }
  }

  /** kubeadm's stanza for {@code domain}: {@code kubernetes <domain> in-addr.arpa ip6.arpa}, pods insecure, reverse fallthrough. */
  public static KubernetesConfig kubeadm(String domain) {
    List<Name> reverse = List.of(DnsNames.zone("in-addr.arpa"), DnsNames.zone("ip6.arpa"));
    List<Name> zones = new ArrayList<>(List.of(DnsNames.zone(domain)));
    zones.addAll(reverse);
    return new KubernetesConfig(zones, PodMode.INSECURE, new Fallthrough(true, reverse), DEFAULT_TTL, Set.of(), false, false);
  }

  /** The cluster domain: the first zone that is not a reverse zone. */
  public Name primaryZone() {
    return zones.stream().filter(z -> !isReverse(z)).findFirst().orElseThrow();
  }

  static boolean isReverse(Name zone) {
    return zone.subdomain(DnsNames.zone("in-addr.arpa")) || zone.subdomain(DnsNames.zone("ip6.arpa"));
  }

  /** Parses the stanza; zones default to the server block's. */
  static KubernetesConfig parse(Directive d, List<Name> blockZones) {
    List<Name> zones = d.args().isEmpty() ? blockZones : d.zones(PLUGIN, 0);
    PodMode pods = PodMode.DISABLED;
    Fallthrough fall = Fallthrough.NONE;
    long ttl = DEFAULT_TTL;
    Set<String> namespaces = new LinkedHashSet<>();
    boolean podNames = false;
    boolean ignoreEmpty = false;
    for (Directive p : d.block()) {
      switch (p.name()) {
        case "pods":
          pods = pods(p);
          break;
        case "fallthrough":
          fall = new Fallthrough(true, p.zones(PLUGIN, 0));
          break;
        case "ttl":
          ttl = ttl(p);
          break;
        case "namespaces":
          if (p.args().isEmpty()) {
            throw p.wrongArguments(PLUGIN);
          }
          namespaces.addAll(p.args());
          break;
        case "endpoint_pod_names":
          p.bare(PLUGIN);
          podNames = true;
          break;
        case "ignore":
          if (!p.single(PLUGIN).equals("empty_service")) {
            throw p.error(PLUGIN, "unable to parse ignore value: '" + p.args().get(0) + "'");
          }
          ignoreEmpty = true;
          break;
        case "endpoint":
        case "tls":
        case "kubeconfig":
          break;
        default:
          throw p.error(PLUGIN, "unknown property '" + p.name() + "' (kubemu's kubernetes plugin knows: pods, fallthrough, ttl,"
              + " namespaces, endpoint_pod_names, ignore empty_service; endpoint, tls and kubeconfig are ignored)");
      }
    }
    try {
      return new KubernetesConfig(zones, pods, fall, ttl, namespaces, podNames, ignoreEmpty);
    } catch (IllegalArgumentException e) {
      throw d.error(PLUGIN, e.getMessage());
    }
  }

  private static PodMode pods(Directive p) {
    String mode = p.single(PLUGIN);
    switch (mode) {
      case "disabled":
        return PodMode.DISABLED;
      case "insecure":
        return PodMode.INSECURE;
      case "verified":
        throw p.error(PLUGIN, "pods verified is not supported by kubemu: its CoreDNS watches no Pods (expected: disabled or insecure)");
      default:
        throw p.error(PLUGIN, "wrong value for pods: " + mode + ", must be one of: disabled, verified, insecure");
    }
  }

  private static long ttl(Directive p) {
    String text = p.single(PLUGIN);
    long t;
    try {
      t = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw p.error(PLUGIN, "ttl must be an integer: " + text);
    }
    if (t < 0 || t > 3600) {
      throw p.error(PLUGIN, "ttl must be in range [0, 3600]: " + t);
    }
    return t;
  }
}
