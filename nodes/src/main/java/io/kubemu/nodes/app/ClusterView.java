package io.kubemu.nodes.app;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.List;

/**
 * What an in-cluster controller's informers hold: the API objects it watches, as of the host's
 * last sync. A program that watches the cluster (an ingress controller, CoreDNS) gets a new view
 * each time one of them changes. The objects are shared between pods: treat them as read-only.
 *
 * <p>In a real cluster these come from a watch on the API server through the {@code kubernetes}
 * Service; in kubemu the API server listens on the host, so the host's watch hands them over.
 */
public record ClusterView(List<Service> services, List<EndpointSlice> endpointSlices, List<Ingress> ingresses,
    List<IngressClass> ingressClasses, List<Secret> secrets, List<ConfigMap> configMaps) {
  public static final ClusterView EMPTY = new ClusterView(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  /** A view without ConfigMaps. */
  public ClusterView(List<Service> services, List<EndpointSlice> endpointSlices, List<Ingress> ingresses,
      List<IngressClass> ingressClasses, List<Secret> secrets) {
    this(services, endpointSlices, ingresses, ingressClasses, secrets, List.of());
  }

  public ClusterView {
    configMaps = List.copyOf(configMaps);
    services = List.copyOf(services);
    endpointSlices = List.copyOf(endpointSlices);
    ingresses = List.copyOf(ingresses);
    ingressClasses = List.copyOf(ingressClasses);
    secrets = List.copyOf(secrets);
  }
}
