package io.kubemu.nodes.app.ingress;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pods behind an Ingress backend, as ingress-nginx finds them: not the Service's cluster IP but
 * its ready endpoints from the EndpointSlices, on the target port the slices give for the
 * Service port (so kube-proxy is not on this path; the pod IPs are). Each upstream's endpoints are
 * taken in turn (round robin, ingress-nginx's default balancer).
 */
public final class Upstreams {
  /** One endpoint: a pod's address and the port it listens on. */
  public record Endpoint(Ipv4Address address, int port) {
    @Override
    public String toString() {
      return address + ":" + port;
    }
  }

  /** Why an upstream has no endpoints, for the error log; null reason means it has some. */
  public record Resolved(List<Endpoint> endpoints, String reason) {}

  private final ClusterView view;
  private final Map<String, Integer> turn;

  public Upstreams(ClusterView view) {
    this(view, new HashMap<>());
  }

  private Upstreams(ClusterView view, Map<String, Integer> turn) {
    this.view = view;
    this.turn = turn;
  }

  /** The same balancer over a newer view: each upstream's turn goes on where it was, as a reload keeps it. */
  public Upstreams withView(ClusterView next) {
    return new Upstreams(next, turn);
  }

  /** The ready endpoints of {@code up}, or the reason there are none. */
  public Resolved resolve(IngressConfig.Upstream up) {
    Optional<Service> svc = view.services().stream()
        .filter(s -> up.namespace().equals(s.getMetadata().getNamespace()) && up.service().equals(s.getMetadata().getName()))
        .findFirst();
    if (svc.isEmpty()) {
      return new Resolved(List.of(), "service " + up.namespace() + "/" + up.service() + " not found");
    }
    Optional<ServicePort> port = svc.get().getSpec().getPorts() == null ? Optional.empty()
        : svc.get().getSpec().getPorts().stream().filter(p -> up.port().equals(p.getName())
            || up.port().equals(String.valueOf(p.getPort()))).findFirst();
    if (port.isEmpty()) {
      return new Resolved(List.of(), "service " + up.namespace() + "/" + up.service() + " does not have port " + up.port());
    }
    List<Endpoint> out = new ArrayList<>();
    for (EndpointSlice slice : view.endpointSlices()) {
      Map<String, String> labels = slice.getMetadata().getLabels();
      if (!up.namespace().equals(slice.getMetadata().getNamespace()) || labels == null
          || !up.service().equals(labels.get("kubernetes.io/service-name")) || !"IPv4".equals(slice.getAddressType())) {
        continue;
      }
      Optional<Integer> targetPort = (slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()).stream()
          .filter(ep -> Objects.equals(emptyToNull(ep.getName()), emptyToNull(port.get().getName())) && ep.getPort() != null)
          .map(EndpointPort::getPort).findFirst();
      if (targetPort.isEmpty()) {
        continue;
      }
      int target = targetPort.get();
      for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e : slice.getEndpoints()) {
        if (e.getConditions() != null && Boolean.FALSE.equals(e.getConditions().getReady())) {
          continue;
        }
        for (String a : e.getAddresses()) {
          address(a).ifPresent(ip -> out.add(new Endpoint(ip, target)));
        }
      }
    }
    return out.isEmpty()
        ? new Resolved(List.of(), "service " + up.namespace() + "/" + up.service() + " does not have any active endpoint")
        : new Resolved(List.copyOf(out), null);
  }

  /**
   * The endpoint the next request to {@code up} goes to, in turn; a retry ({@code tried} not empty)
   * takes the next one it has not tried yet, as nginx's proxy_next_upstream does.
   */
  public Endpoint pick(IngressConfig.Upstream up, List<Endpoint> endpoints, java.util.Set<Endpoint> tried) {
    int start = turn.merge(up.name(), 1, Integer::sum) - 1;
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get(Math.floorMod(start + i, endpoints.size()));
      if (!tried.contains(e)) {
        return e;
      }
    }
    return endpoints.get(Math.floorMod(start, endpoints.size()));
  }

  private static Optional<Ipv4Address> address(String text) {
    try {
      return Optional.of(Ipv4Address.parse(text));
    } catch (IllegalArgumentException notIpv4) {
      return Optional.empty();
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
