package io.kubemu.nodes.app.dns;

import io.kubemu.nodes.app.dns.ClusterIndex.Address;
import io.kubemu.nodes.app.dns.ClusterIndex.Port;
import io.kubemu.nodes.app.dns.ClusterIndex.Slice;
import io.kubemu.nodes.app.dns.ClusterIndex.Svc;
import io.kubemu.nodes.app.dns.KubernetesConfig.PodMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The kubernetes plugin's search, before records are made: which Services, endpoints or pod
 * addresses a name stands for, read as CoreDNS reads it ({@code [_port._proto.|endpoint.]service.
 * namespace.svc.zone}, {@code pod.namespace.pod.zone}), or that the name does not exist. Names
 * compare in lower case; the caller keeps the question's spelling for the answer.
 */
final class KubernetesLookup {
  /** One thing a name stands for: the name it is known by, and an address or (ExternalName) a host name; port -1 when none. */
  record Entry(Name key, String host, int port) {
    boolean isName() {
      return IpLiterals.canonical(host) == null;
    }

    boolean isIpv6() {
      return host.contains(":");
    }
  }

  /** What a lookup found: entries (possibly none: the name exists without data), or a name error (NXDOMAIN). */
  record Found(List<Entry> entries, boolean nameError) {
    static final Found EMPTY = new Found(List.of(), false);
    static final Found NAME_ERROR = new Found(List.of(), true);

    static Found of(List<Entry> entries) {
      return new Found(List.copyOf(entries), false);
    }
  }

  /** The labels of a name under the zone: {@code [_port._proto.|endpoint.]service.namespace.(svc|pod)}. */
  private record Request(String port, String protocol, String endpoint, String service, String namespace, String kind) {}

  private final KubernetesConfig config;
  private final ClusterIndex index;

  KubernetesLookup(KubernetesConfig config, ClusterIndex index) {
    this.config = config;
    this.index = index;
  }

  /** CoreDNS's {@code Records}: the Services, endpoints or pod that {@code name} (lower case, under {@code zone}) names. */
  Found records(Name name, Name zone) {
    String[] labels = DnsNames.labelsAbove(name, zone);
    if (labels.length == 0 || (labels.length == 1 && (labels[0].equals("svc") || labels[0].equals("pod")))) {
      return Found.EMPTY;
    }
    Optional<Request> parsed = parse(labels);
    if (parsed.isEmpty() || KubernetesConfig.isReverse(zone)) {
      return Found.NAME_ERROR;
    }
    Request r = parsed.get();
    if (!namespaceExposed(r.namespace())) {
      return Found.NAME_ERROR;
    }
    return r.kind().equals("pod") ? pod(r, zone) : services(r, zone);
  }

  /** The Service a cluster IP belongs to, else the endpoints with that IP, named under the primary zone. */
  Found reverse(String ip) {
    Name zone = config.primaryZone();
    for (Svc s : index.servicesWithClusterIp(ip)) {
      if (config.namespaces().isEmpty() || config.namespaces().contains(s.namespace())) {
        return name(s.name() + "." + s.namespace() + ".svc", zone).map(n -> Found.of(List.of(new Entry(n, n.toString(), -1))))
            .orElse(Found.NAME_ERROR);
      }
    }
    List<Entry> out = new ArrayList<>();
    for (Address a : index.endpointsWithIp(ip)) {
      if (config.namespaces().isEmpty() || config.namespaces().contains(a.namespace())) {
        name(hostname(a) + "." + a.service() + "." + a.namespace() + ".svc", zone).ifPresent(n -> out.add(new Entry(n, n.toString(), -1)));
      }
    }
    return out.isEmpty() ? Found.NAME_ERROR : Found.of(out);
  }

  /**
   * The name servers of {@code zone}: the Services whose endpoints are this server's own
   * addresses (kube-dns), by cluster IP; without one, {@code ns.dns.<zone>} at the own address.
   */
  List<Entry> nameServers(List<String> localIps, Name zone) {
    List<Entry> out = new ArrayList<>();
    boolean found = false;
    for (String local : localIps) {
      for (Address a : index.endpointsWithIp(local)) {
        found = true;
        Svc s = index.service(a.service(), a.namespace());
        if (s == null) {
          continue;
        }
        String svcName = s.name() + "." + s.namespace() + ".svc";
        if (s.headless()) {
          name(hostname(a) + "." + svcName, zone).ifPresent(n -> out.add(new Entry(n, a.ip(), -1)));
        } else {
          name(svcName, zone).ifPresent(n -> s.clusterIps().forEach(ip -> out.add(new Entry(n, ip, -1))));
        }
      }
    }
    if (!found) {
      name("ns.dns", zone).ifPresent(n -> localIps.forEach(ip -> out.add(new Entry(n, ip, -1))));
    }
    return out;
  }

  private static Optional<Request> parse(String[] labels) {
    int last = labels.length - 1;
    String kind = labels[last];
    if (!kind.equals("svc") && !kind.equals("pod")) {
      return Optional.empty();
    }
    String namespace = labels[last - 1];
    String service = last >= 2 ? labels[last - 2] : "";
    switch (last) {
      case 1:
      case 2:
        return Optional.of(new Request("", "", "", service, namespace, kind));
      case 3:
        return Optional.of(new Request("", "", labels[0], service, namespace, kind));
      case 4:
        return Optional.of(new Request(strip(labels[0]), strip(labels[1]), "", service, namespace, kind));
      default:
        return Optional.empty();
    }
  }

  private static String strip(String label) {
    return label.startsWith("_") ? label.substring(1) : label;
  }

  private boolean namespaceExposed(String namespace) {
    return (config.namespaces().isEmpty() || config.namespaces().contains(namespace)) && index.namespaceExists(namespace);
  }

  /** {@code pods insecure}: {@code 10-244-1-5.<ns>.pod.<zone>} is 10.244.1.5, whether a pod has it or not. */
  private Found pod(Request r, Name zone) {
    if (config.pods() == PodMode.DISABLED) {
      return Found.NAME_ERROR;
    }
    if (r.service().isEmpty()) {
      return Found.EMPTY;
    }
    String podName = r.service();
    boolean v4 = podName.chars().filter(c -> c == '-').count() == 3 && !podName.contains("--");
    String ip = IpLiterals.canonical(v4 ? podName.replace('-', '.') : podName.replace('-', ':'));
    if (ip == null) {
      return Found.NAME_ERROR;
    }
    return name(podName + "." + r.namespace() + ".pod", zone).map(n -> Found.of(List.of(new Entry(n, ip, -1))))
        .orElse(Found.NAME_ERROR);
  }

  private Found services(Request r, Name zone) {
    if (r.service().isEmpty()) {
      return Found.EMPTY;
    }
    Svc s = index.service(r.service(), r.namespace());
    if (s == null) {
      return Found.NAME_ERROR;
    }
    String svcName = s.name() + "." + s.namespace() + ".svc";
    if (s.externalName() != null) {
      boolean plain = r.endpoint().isEmpty() && r.port().isEmpty() && r.protocol().isEmpty();
      if (!plain || IpLiterals.canonical(s.externalName()) != null) {
        return Found.NAME_ERROR;
      }
      return name(svcName, zone).map(n -> Found.of(List.of(new Entry(n, s.externalName(), -1)))).orElse(Found.NAME_ERROR);
    }
    if (config.ignoreEmptyService() && !s.headless() && index.slices(s.name(), s.namespace()).stream()
        .allMatch(sl -> sl.addresses().isEmpty())) {
      return Found.NAME_ERROR;
    }
    List<Entry> out = new ArrayList<>();
    boolean matched = false;
    if (s.headless() || !r.endpoint().isEmpty()) {
      for (Slice slice : index.slices(s.name(), s.namespace())) {
        for (Address a : slice.addresses()) {
          if (!r.endpoint().isEmpty() && !r.endpoint().equalsIgnoreCase(hostname(a))) {
            continue;
          }
          for (Port p : slice.ports()) {
            if (matches(r, p)) {
              matched = true;
              name(hostname(a) + "." + svcName, zone).ifPresent(n -> out.add(new Entry(n, a.ip(), p.port())));
            }
          }
        }
      }
    } else {
      for (Port p : s.ports()) {
        if (matches(r, p)) {
          matched = true;
          name(svcName, zone).ifPresent(n -> s.clusterIps().forEach(ip -> out.add(new Entry(n, ip, p.port()))));
        }
      }
    }
    return matched ? Found.of(out) : Found.NAME_ERROR;
  }

  private static boolean matches(Request r, Port p) {
    return (r.port().isEmpty() || r.port().equalsIgnoreCase(p.name()))
        && (r.protocol().isEmpty() || r.protocol().equalsIgnoreCase(p.protocol()));
  }

  /** An endpoint's name: its hostname, else (endpoint_pod_names) its pod's, else its address with dashes. */
  private String hostname(Address a) {
    if (!a.hostname().isEmpty()) {
      return a.hostname();
    }
    if (config.endpointPodNames() && !a.podName().isEmpty()) {
      return a.podName();
    }
    return a.ip().replace('.', '-').replace(':', '-');
  }

  private static Optional<Name> name(String relative, Name zone) {
    return DnsNames.under(relative, zone);
  }
}
