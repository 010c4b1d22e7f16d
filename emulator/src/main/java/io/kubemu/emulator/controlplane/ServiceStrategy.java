package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the API server does to a Service before validating it, after defaulting: a create starts with an
 * empty status (strategy.go PrepareForCreate) and a lone clusterIP is copied into clusterIPs; an update
 * keeps what was allocated when the client leaves it out (patchAllocatedValues, so re-applying the same
 * YAML works), keeps clusterIP and clusterIPs in step (normalizeClusterIPs), and clears what the new type
 * no longer uses, if the client did not change it, so that it is released (dropTypeDependentFields),
 * the load balancer status of a Service that is no longer a LoadBalancer included. Pure, in place.
 */
final class ServiceStrategy {
  private ServiceStrategy() {}

  static void prepare(Service svc, Service old) {
    ServiceSpec spec = svc.getSpec();
    if (old == null || old.getSpec() == null) {
      ServiceStatus status = new ServiceStatus();
      status.setLoadBalancer(new LoadBalancerStatus());
      svc.setStatus(status);
      if (!orEmpty(spec.getClusterIP()).isEmpty() && spec.getClusterIPs().isEmpty()) {
        spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
      }
      return;
    }
    ServiceSpec was = old.getSpec();
    patchAllocatedValues(spec, was);
    normalizeClusterIPs(spec, was);
    dropTypeDependentFields(svc, spec, was);
  }

  private static void patchAllocatedValues(ServiceSpec spec, ServiceSpec was) {
    if (needsClusterIP(was) && needsClusterIP(spec)) {
      if (orEmpty(spec.getClusterIP()).isEmpty()) {
        spec.setClusterIP(was.getClusterIP());
      }
      if (spec.getClusterIPs().isEmpty() && !was.getClusterIPs().isEmpty()) {
        spec.setClusterIPs(new ArrayList<>(was.getClusterIPs()));
      }
    }
    if (needsNodePort(was) && needsNodePort(spec)) {
      Set<Integer> used = nodePorts(was);
      used.retainAll(nodePorts(spec));
      Map<String, Integer> byName = new HashMap<>();
      was.getPorts().forEach(p -> byName.put(orEmpty(p.getName()), p.getNodePort()));
      for (ServicePort p : spec.getPorts()) {
        Integer before = byName.get(orEmpty(p.getName()));
        if (zero(p.getNodePort()) && before != null && !used.contains(before)) {
          p.setNodePort(before);
        }
      }
    }
    if (needsHealthCheckPort(was) && needsHealthCheckPort(spec) && zero(spec.getHealthCheckNodePort())) {
      spec.setHealthCheckNodePort(was.getHealthCheckNodePort());
    }
  }

  private static void normalizeClusterIPs(ServiceSpec spec, ServiceSpec was) {
    boolean samePlural = spec.getClusterIPs().equals(was.getClusterIPs());
    if (!was.getClusterIPs().isEmpty() && spec.getClusterIPs().isEmpty()
        && orEmpty(was.getClusterIP()).equals(orEmpty(spec.getClusterIP()))) {
      spec.setClusterIPs(new ArrayList<>(was.getClusterIPs()));
    } else if (!orEmpty(was.getClusterIP()).equals(orEmpty(spec.getClusterIP())) && samePlural) {
      boolean cleared = !orEmpty(was.getClusterIP()).isEmpty() && orEmpty(spec.getClusterIP()).isEmpty();
      spec.setClusterIPs(cleared ? new ArrayList<>() : new ArrayList<>(List.of(spec.getClusterIP())));
    }
  }

  private static void dropTypeDependentFields(Service svc, ServiceSpec spec, ServiceSpec was) {
    if (needsClusterIP(was) && !needsClusterIP(spec)) {
      if (orEmpty(was.getClusterIP()).equals(orEmpty(spec.getClusterIP())) && was.getClusterIPs().equals(spec.getClusterIPs())) {
        spec.setClusterIP(null);
        spec.setClusterIPs(new ArrayList<>());
      }
      if (was.getIpFamilies().equals(spec.getIpFamilies())) {
        spec.setIpFamilies(new ArrayList<>());
      }
      if (Objects.equals(was.getIpFamilyPolicy(), spec.getIpFamilyPolicy())) {
        spec.setIpFamilyPolicy(null);
      }
    }
    if (needsNodePort(was) && !needsNodePort(spec) && nodePorts(was).containsAll(nodePorts(spec))) {
      spec.getPorts().forEach(p -> p.setNodePort(null));
    }
    if (needsHealthCheckPort(was) && !needsHealthCheckPort(spec)
        && Objects.equals(was.getHealthCheckNodePort(), spec.getHealthCheckNodePort())) {
      spec.setHealthCheckNodePort(null);
    }
    boolean wasLoadBalancer = "LoadBalancer".equals(was.getType());
    boolean isLoadBalancer = "LoadBalancer".equals(spec.getType());
    if (wasLoadBalancer && !isLoadBalancer) {
      if (spec.getAllocateLoadBalancerNodePorts() != null && spec.getAllocateLoadBalancerNodePorts().equals(was.getAllocateLoadBalancerNodePorts())) {
        spec.setAllocateLoadBalancerNodePorts(null);
      }
      if (Objects.equals(was.getLoadBalancerClass(), spec.getLoadBalancerClass())) {
        spec.setLoadBalancerClass(null);
      }
    }
    if (externallyAccessible(was) && !externallyAccessible(spec) && Objects.equals(was.getExternalTrafficPolicy(), spec.getExternalTrafficPolicy())) {
      spec.setExternalTrafficPolicy(null);
    }
    if (!isLoadBalancer && svc.getStatus() != null) {
      svc.getStatus().setLoadBalancer(new LoadBalancerStatus());
    }
  }

  static boolean needsClusterIP(ServiceSpec spec) {
    return !"ExternalName".equals(spec.getType());
  }

  static boolean needsNodePort(ServiceSpec spec) {
    return "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
  }

  private static boolean needsHealthCheckPort(ServiceSpec spec) {
    return "LoadBalancer".equals(spec.getType()) && "Local".equals(spec.getExternalTrafficPolicy());
  }

  /** service.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
  static boolean externallyAccessible(ServiceSpec spec) {
    return needsNodePort(spec) || ("ClusterIP".equals(spec.getType()) && !spec.getExternalIPs().isEmpty());
  }

  private static Set<Integer> nodePorts(ServiceSpec spec) {
    Set<Integer> out = new HashSet<>();
    spec.getPorts().stream().map(ServicePort::getNodePort).filter(p -> !zero(p)).forEach(out::add);
    return out;
  }

  private static boolean zero(Integer i) {
    return i == null || i == 0;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
