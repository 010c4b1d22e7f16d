package io.kubemu.nodes.app.dns;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.nodes.app.ClusterView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What CoreDNS's informers keep of the cluster, indexed for lookups, as its {@code object}
 * package strips the API objects: Services by {@code name.namespace}, the ready addresses of their
 * EndpointSlices, and both by IP for reverse lookups. An endpoint counts when its {@code ready}
 * condition is true or unset; the EndpointSlice controller already marks every endpoint of a
 * Service with {@code publishNotReadyAddresses} ready. Built once per cluster view, so that a query
 * costs a map lookup.
 */
final class ClusterIndex {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  /** Namespaces every cluster has, whether or not they hold anything kubemu's view shows. */
  private static final Set<String> BUILT_IN = Set.of("default", "kube-system", "kube-public", "kube-node-lease");
  /** Stands for "no ports", as CoreDNS's sentinel port -1 does: such a Service has A records and no SRV. */
  static final Port NO_PORT = new Port("", "", -1);

  static final ClusterIndex EMPTY = of(ClusterView.EMPTY);

  /** A port of a Service or an EndpointSlice; the protocol defaults to TCP as the API server's does. */
  record Port(String name, String protocol, int port) {}

  /** A Service as CoreDNS keeps it. {@code clusterIps} is empty for ExternalName and headless Services. */
  record Svc(String name, String namespace, boolean headless, String externalName, List<String> clusterIps, List<Port> ports) {}

  /** A ready endpoint address of {@code service}, with its hostname and pod name when set. */
  record Address(String ip, String hostname, String podName, String service, String namespace) {}

  /** The ready addresses and the ports of one EndpointSlice. */
  record Slice(List<Port> ports, List<Address> addresses) {}

  private final Map<String, Svc> services = new HashMap<>();
  private final Map<String, List<Slice>> slices = new HashMap<>();
  private final Map<String, List<Svc>> byClusterIp = new HashMap<>();
  private final Map<String, List<Address>> byEndpointIp = new HashMap<>();
  private final Set<String> namespaces = new HashSet<>(BUILT_IN);

  private ClusterIndex() {}

  static ClusterIndex of(ClusterView view) {
    ClusterIndex index = new ClusterIndex();
    view.services().forEach(index::addService);
    view.endpointSlices().forEach(index::addSlice);
    Stream.concat(Stream.concat(view.services().stream(), view.endpointSlices().stream()), view.configMaps().stream())
        .map(HasMetadata::getMetadata).filter(m -> m != null && m.getNamespace() != null)
        .forEach(m -> index.namespaces.add(m.getNamespace()));
    return index;
  }

  Svc service(String name, String namespace) {
    return services.get(name + "." + namespace);
  }

  List<Slice> slices(String service, String namespace) {
    return slices.getOrDefault(service + "." + namespace, List.of());
  }

  List<Svc> servicesWithClusterIp(String ip) {
    return byClusterIp.getOrDefault(ip, List.of());
  }

  List<Address> endpointsWithIp(String ip) {
    return byEndpointIp.getOrDefault(ip, List.of());
  }

  /**
   * Whether {@code namespace} exists. kubemu's view carries no Namespace objects, so a namespace
   * exists when it is a built-in one or holds a Service, an EndpointSlice or a ConfigMap.
   */
  boolean namespaceExists(String namespace) {
    return namespaces.contains(namespace);
  }

  private void addService(Service s) {
    if (s.getMetadata() == null || s.getSpec() == null || s.getMetadata().getName() == null) {
      return;
    }
    String name = s.getMetadata().getName();
    String ns = s.getMetadata().getNamespace();
    var spec = s.getSpec();
    List<String> declared = spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty() ? spec.getClusterIPs()
        : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP());
    boolean headless = !declared.isEmpty() && "None".equals(declared.get(0));
    List<String> ips = new ArrayList<>();
    for (String ip : declared) {
      String canonical = IpLiterals.canonical(ip);
      if (canonical != null) {
        ips.add(canonical);
      }
    }
    List<Port> ports = new ArrayList<>();
    for (ServicePort p : spec.getPorts() == null ? List.<ServicePort>of() : spec.getPorts()) {
      ports.add(new Port(p.getName() == null ? "" : p.getName(), protocol(p.getProtocol()), p.getPort() == null ? -1 : p.getPort()));
    }
    String external = "ExternalName".equals(spec.getType()) ? spec.getExternalName() : null;
    Svc svc = new Svc(name, ns, headless, external, List.copyOf(ips), ports.isEmpty() ? List.of(NO_PORT) : List.copyOf(ports));
    services.put(name + "." + ns, svc);
    if (external == null) {
      ips.forEach(ip -> byClusterIp.computeIfAbsent(ip, k -> new ArrayList<>()).add(svc));
    }
  }

  private void addSlice(EndpointSlice es) {
    if (es.getMetadata() == null || es.getMetadata().getLabels() == null) {
      return;
    }
    String service = es.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
    String ns = es.getMetadata().getNamespace();
    if (service == null || "FQDN".equals(es.getAddressType())) {
      return;
    }
    List<Port> ports = new ArrayList<>();
    for (EndpointPort p : es.getPorts() == null ? List.<EndpointPort>of() : es.getPorts()) {
      ports.add(new Port(p.getName() == null ? "" : p.getName(), protocol(p.getProtocol()), p.getPort() == null ? -1 : p.getPort()));
    }
    List<Address> ready = new ArrayList<>();
    for (Endpoint e : es.getEndpoints() == null ? List.<Endpoint>of() : es.getEndpoints()) {
      if (e.getConditions() != null && Boolean.FALSE.equals(e.getConditions().getReady())) {
        continue;
      }
      String pod = e.getTargetRef() != null && e.getTargetRef().getName() != null && e.getTargetRef().getName().length() < 64
          ? e.getTargetRef().getName() : "";
      for (String a : e.getAddresses() == null ? List.<String>of() : e.getAddresses()) {
        String ip = IpLiterals.canonical(a);
        if (ip != null) {
          Address addr = new Address(ip, e.getHostname() == null ? "" : e.getHostname(), pod, service, ns);
          ready.add(addr);
          byEndpointIp.computeIfAbsent(ip, k -> new ArrayList<>()).add(addr);
        }
      }
    }
    slices.computeIfAbsent(service + "." + ns, k -> new ArrayList<>())
        .add(new Slice(ports.isEmpty() ? List.of(NO_PORT) : List.copyOf(ports), List.copyOf(ready)));
  }

  private static String protocol(String p) {
    return p == null ? "TCP" : p;
  }
}
