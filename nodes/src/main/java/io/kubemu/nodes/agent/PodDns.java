package io.kubemu.nodes.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The resolver configuration the kubelet gives a pod ({@code pkg/kubelet/network/dns}, GetPodDNS)
 * and the {@code /etc/resolv.conf} containerd writes from it. The dnsPolicy picks the base:
 * ClusterFirst (the default, and ClusterFirstWithHostNet) the cluster DNS Service with the
 * namespace's search list and {@code ndots:5}; Default the node's own resolv.conf; None nothing.
 * The pod's dnsConfig is then appended, duplicates dropped, its options overriding ones of the same
 * name; last the libc limits are applied (3 nameservers; 32 search domains of at most 253
 * characters, 2048 characters in all), the kubelet warning about what it left out.
 */
final class PodDns {
  static final int MAX_NAMESERVERS = 3;
  static final int MAX_SEARCH_PATHS = 32;
  static final int MAX_SEARCH_CHARS = 2048;
  /** A search domain longer than a DNS name can be makes some libcs (glibc 2.28) abort: the kubelet leaves it out. */
  private static final int MAX_DOMAIN_CHARS = 253;

  private enum Policy { CLUSTER_FIRST, DEFAULT, NONE }

  /**
   * What the kubelet hands the runtime for a pod, and the warnings it records as DNSConfigForming
   * events when the pod asked for more than a resolver takes.
   */
  record Config(List<String> servers, List<String> searches, List<String> options, List<String> warnings) {
    Config {
      servers = List.copyOf(servers);
      searches = List.copyOf(searches);
      options = List.copyOf(options);
      warnings = List.copyOf(warnings);
    }

    /** The file as containerd writes it: the search line, a nameserver line each, the options line; empty lines left out. */
    String resolvConf() {
      StringBuilder sb = new StringBuilder();
      if (!searches.isEmpty()) {
        sb.append("search ").append(String.join(" ", searches)).append('\n');
      }
      servers.forEach(s -> sb.append("nameserver ").append(s).append('\n'));
      if (!options.isEmpty()) {
        sb.append("options ").append(String.join(" ", options)).append('\n');
      }
      return sb.toString();
    }
  }

  private PodDns() {}

  static Config of(Pod pod, NodeDns node) {
    List<String> warnings = new ArrayList<>();
    List<String> servers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    List<String> options = new ArrayList<>();
    switch (policy(pod, warnings)) {
      case CLUSTER_FIRST -> {
        // The cluster DNS alone: CoreDNS forwards what it does not know to the node's nameservers.
        servers.add(node.clusterDns().toString());
        String domain = node.clusterDomain();
        searches.addAll(List.of(namespace(pod) + ".svc." + domain, "svc." + domain, domain));
        options.add("ndots:5");
      }
      case DEFAULT -> node.upstream().stream().map(Ipv4Address::toString).forEach(servers::add);
      case NONE -> { }
    }
    PodDNSConfig asked = pod.getSpec().getDnsConfig();
    if (asked != null) {
      servers = distinct(servers, asked.getNameservers());
      searches = distinct(searches, asked.getSearches());
      options = merge(options, asked.getOptions());
    }
    return new Config(fitServers(servers, warnings), fitSearches(searches, warnings), options, warnings);
  }

  /** getPodDNSType: ClusterFirst falls back to Default for a hostNetwork pod; an unknown policy counts as ClusterFirst. */
  private static Policy policy(Pod pod, List<String> warnings) {
    String policy = pod.getSpec().getDnsPolicy() == null ? "ClusterFirst" : pod.getSpec().getDnsPolicy();
    boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    switch (policy) {
      case "None":
        return Policy.NONE;
      case "ClusterFirstWithHostNet":
        return Policy.CLUSTER_FIRST;
      case "ClusterFirst":
        return hostNetwork ? Policy.DEFAULT : Policy.CLUSTER_FIRST;
      case "Default":
        return Policy.DEFAULT;
      default:
        warnings.add("invalid DNSPolicy=" + policy + " (expected: ClusterFirst, ClusterFirstWithHostNet, Default or None);"
            + " falling back to ClusterFirst");
        return Policy.CLUSTER_FIRST;
    }
  }

  private static String namespace(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    return ns == null ? "default" : ns;
  }

  /** omitDuplicates(append(base, more...)): the first of equal entries stays where it was. */
  private static List<String> distinct(List<String> base, List<String> more) {
    LinkedHashSet<String> all = new LinkedHashSet<>(base);
    if (more != null) {
      more.stream().filter(s -> s != null && !s.isEmpty()).forEach(all::add);
    }
    return new ArrayList<>(all);
  }

  /**
   * mergeDNSOptions: an option the pod names replaces the base's of the same name. The kubelet
   * reads them back out of a Go map, in no fixed order; here they keep the order they came in.
   */
  private static List<String> merge(List<String> base, List<PodDNSConfigOption> more) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String o : base) {
      int colon = o.indexOf(':');
      byName.put(colon < 0 ? o : o.substring(0, colon), colon < 0 ? "" : o.substring(colon + 1));
    }
    if (more != null) {
      for (PodDNSConfigOption o : more) {
        if (o != null && o.getName() != null) {
          byName.put(o.getName(), o.getValue() == null ? "" : o.getValue());
        }
      }
    }
    List<String> options = new ArrayList<>();
    byName.forEach((name, value) -> options.add(value.isEmpty() ? name : name + ":" + value));
    return options;
  }

  private static List<String> fitServers(List<String> servers, List<String> warnings) {
    if (servers.size() <= MAX_NAMESERVERS) {
      return servers;
    }
    List<String> kept = servers.subList(0, MAX_NAMESERVERS);
    warnings.add("Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: "
        + String.join(" ", kept));
    return kept;
  }

  /** formDNSSearchFitsLimits: at most 32 domains, none over 253 characters, then domains cut from the end to 2048 characters. */
  private static List<String> fitSearches(List<String> searches, List<String> warnings) {
    List<String> kept = new ArrayList<>(searches.subList(0, Math.min(searches.size(), MAX_SEARCH_PATHS)));
    boolean exceeded = kept.size() < searches.size();
    exceeded |= kept.removeIf(s -> s.length() > MAX_DOMAIN_CHARS);
    int chars = String.join(" ", kept).length();
    while (chars > MAX_SEARCH_CHARS) {
      chars -= kept.remove(kept.size() - 1).length() + 1;
      exceeded = true;
    }
    if (exceeded) {
      warnings.add("Search Line limits were exceeded, some search paths have been omitted, the applied search line is: "
          + String.join(" ", kept));
    }
    return kept;
  }
}
