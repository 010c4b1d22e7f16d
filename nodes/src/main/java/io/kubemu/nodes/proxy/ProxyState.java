package io.kubemu.nodes.proxy;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every Service port and its endpoints, as kube-proxy's change trackers accumulate them from
 * Services and EndpointSlices (pkg/proxy/servicechangetracker.go, endpointschangetracker.go).
 * A proxier syncs its whole dataplane from one of these.
 */
public record ProxyState(Map<ServicePortName, ServiceInfo> services, Map<ServicePortName, List<EndpointInfo>> endpoints) {
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  private static final int DEFAULT_AFFINITY_SECONDS = 10800;

  public ProxyState {
    services = new TreeMap<>(services);
    endpoints = Map.copyOf(endpoints);
  }

  public static ProxyState empty() {
    return new ProxyState(Map.of(), Map.of());
  }

  /** The state the given objects describe; objects kube-proxy would ignore (headless, ExternalName, IPv6) are left out. */
  public static ProxyState from(Collection<Service> services, Collection<EndpointSlice> slices) {
    Map<ServicePortName, ServiceInfo> ports = new LinkedHashMap<>();
    for (Service s : services) {
      servicePorts(s).forEach(p -> ports.put(p.name(), p));
    }
    Map<ServicePortName, Map<String, EndpointInfo>> eps = new LinkedHashMap<>();
    for (EndpointSlice slice : slices) {
      addSlice(slice, eps);
    }
    Map<ServicePortName, List<EndpointInfo>> endpoints = new LinkedHashMap<>();
    eps.forEach((k, v) -> endpoints.put(k, List.copyOf(v.values())));
    return new ProxyState(ports, endpoints);
  }

  static List<ServiceInfo> servicePorts(Service s) {
    var spec = s.getSpec();
    if (spec == null || spec.getPorts() == null || "ExternalName".equals(spec.getType())) {
      return List.of();
    }
    Optional<Ipv4Address> clusterIp = ipv4(spec.getClusterIP());
    if (clusterIp.isEmpty()) {
      return List.of(); // headless: DNS only
    }
    List<Ipv4Address> lbIps = new ArrayList<>();
    if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null && s.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress in : s.getStatus().getLoadBalancer().getIngress()) {
        ipv4(in.getIp()).ifPresent(lbIps::add);
      }
    }
    List<Ipv4Address> externalIps = spec.getExternalIPs() == null ? List.of()
        : spec.getExternalIPs().stream().map(ProxyState::ipv4).flatMap(Optional::stream).toList();
    int affinity = 0;
    if ("ClientIP".equals(spec.getSessionAffinity())) {
      affinity = DEFAULT_AFFINITY_SECONDS;
      var cfg = spec.getSessionAffinityConfig();
      if (cfg != null && cfg.getClientIP() != null && cfg.getClientIP().getTimeoutSeconds() != null) {
        affinity = cfg.getClientIP().getTimeoutSeconds();
      }
    }
    boolean externalLocal = "Local".equals(spec.getExternalTrafficPolicy())
        && ("NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType()));
    boolean internalLocal = "Local".equals(spec.getInternalTrafficPolicy());
    List<ServiceInfo> out = new ArrayList<>();
    for (ServicePort p : spec.getPorts()) {
      if (p.getPort() == null) {
        continue;
      }
      ServicePortName name = new ServicePortName(s.getMetadata().getNamespace(), s.getMetadata().getName(), p.getName());
      out.add(new ServiceInfo(name, p.getProtocol() == null ? "TCP" : p.getProtocol(), clusterIp.get(), p.getPort(),
          p.getNodePort() == null ? 0 : p.getNodePort(), externalIps, lbIps, affinity, externalLocal, internalLocal));
    }
    return out;
  }

  private static void addSlice(EndpointSlice slice, Map<ServicePortName, Map<String, EndpointInfo>> eps) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
    if (service == null || !"IPv4".equals(slice.getAddressType()) || slice.getPorts() == null || slice.getEndpoints() == null) {
      return;
    }
    for (EndpointPort port : slice.getPorts()) {
      if (port.getPort() == null) {
        continue;
      }
      ServicePortName name = new ServicePortName(slice.getMetadata().getNamespace(), service, port.getName());
      Map<String, EndpointInfo> byAddress = eps.computeIfAbsent(name, k -> new LinkedHashMap<>());
      for (Endpoint e : slice.getEndpoints()) {
        if (e.getAddresses() == null || e.getAddresses().isEmpty()) {
          continue;
        }
        ipv4(e.getAddresses().get(0)).ifPresent(ip -> {
          var c = e.getConditions();
          boolean ready = c == null || c.getReady() == null || c.getReady();
          boolean serving = c == null || c.getServing() == null ? ready : c.getServing();
          boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
          EndpointInfo info = new EndpointInfo(ip, port.getPort(), ready, serving, terminating, e.getNodeName());
          byAddress.putIfAbsent(info.toString(), info);
        });
      }
    }
  }

  private static Optional<Ipv4Address> ipv4(String text) {
    if (text == null || text.isEmpty() || "None".equals(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Ipv4Address.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The endpoints traffic through the cluster IP may use (pkg/proxy/topology.go without hints):
   * the ready ones, or, when none is ready, the serving terminating ones.
   */
  public List<EndpointInfo> clusterEndpoints(ServicePortName name) {
    return usable(endpoints.getOrDefault(name, List.of()), e -> true);
  }

  /** The same, among the endpoints on {@code node}, for the Local traffic policies. */
  public List<EndpointInfo> localEndpoints(ServicePortName name, String node) {
    return usable(endpoints.getOrDefault(name, List.of()), e -> node.equals(e.nodeName()));
  }

  private static List<EndpointInfo> usable(List<EndpointInfo> all, Predicate<EndpointInfo> where) {
    List<EndpointInfo> ready = all.stream().filter(where).filter(EndpointInfo::ready).toList();
    if (!ready.isEmpty()) {
      return ready;
    }
    return all.stream().filter(where).filter(e -> e.serving() && e.terminating()).toList();
  }
}
