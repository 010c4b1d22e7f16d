package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.ArrayList;

/**
 * SetDefaults_Service (pkg/apis/core/v1/defaults.go): type ClusterIP, sessionAffinity None (ClientIP
 * gets its 10800 s timeout), protocol TCP and targetPort = port on each port, externalTrafficPolicy
 * Cluster when externally accessible, internalTrafficPolicy Cluster, allocateLoadBalancerNodePorts
 * true and ingress ipMode VIP for a LoadBalancer. Lists a client sent as null become empty. Pure, in place.
 */
final class ServiceDefaults {
  private static final int CLIENT_IP_TIMEOUT_SECONDS = 10800;

  private ServiceDefaults() {}

  static void apply(Service svc) {
    if (svc.getSpec() == null) {
      svc.setSpec(new ServiceSpec());
    }
    ServiceSpec spec = svc.getSpec();
    spec.setPorts(spec.getPorts() == null ? new ArrayList<>() : spec.getPorts());
    spec.setClusterIPs(spec.getClusterIPs() == null ? new ArrayList<>() : spec.getClusterIPs());
    spec.setIpFamilies(spec.getIpFamilies() == null ? new ArrayList<>() : spec.getIpFamilies());
    spec.setExternalIPs(spec.getExternalIPs() == null ? new ArrayList<>() : spec.getExternalIPs());
    if (empty(spec.getSessionAffinity())) {
      spec.setSessionAffinity("None");
    }
    if (spec.getSessionAffinity().equals("None")) {
      spec.setSessionAffinityConfig(null);
    } else if (spec.getSessionAffinity().equals("ClientIP") && (spec.getSessionAffinityConfig() == null
        || spec.getSessionAffinityConfig().getClientIP() == null || spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() == null)) {
      spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(CLIENT_IP_TIMEOUT_SECONDS)));
    }
    if (empty(spec.getType())) {
      spec.setType("ClusterIP");
    }
    for (ServicePort p : spec.getPorts()) {
      if (p == null) {
        continue;
      }
      if (empty(p.getProtocol())) {
        p.setProtocol("TCP");
      }
      IntOrString target = p.getTargetPort();
      if (p.getPort() != null && (target == null || (target.getStrVal() == null && (target.getIntVal() == null || target.getIntVal() == 0))
          || (target.getStrVal() != null && target.getStrVal().isEmpty()))) {
        p.setTargetPort(new IntOrString(p.getPort()));
      }
    }
    if (ServiceStrategy.externallyAccessible(spec) && empty(spec.getExternalTrafficPolicy())) {
      spec.setExternalTrafficPolicy("Cluster");
    }
    if (spec.getInternalTrafficPolicy() == null && !spec.getType().equals("ExternalName")) {
      spec.setInternalTrafficPolicy("Cluster");
    }
    if (spec.getType().equals("LoadBalancer")) {
      if (spec.getAllocateLoadBalancerNodePorts() == null) {
        spec.setAllocateLoadBalancerNodePorts(true);
      }
      if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && svc.getStatus().getLoadBalancer().getIngress() != null) {
        for (LoadBalancerIngress ingress : svc.getStatus().getLoadBalancer().getIngress()) {
          if (!empty(ingress.getIp()) && ingress.getIpMode() == null) {
            ingress.setIpMode("VIP");
          }
        }
      }
    }
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }
}
