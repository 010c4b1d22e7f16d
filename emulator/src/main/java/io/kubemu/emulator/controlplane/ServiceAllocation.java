package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.api.validation.FieldError;
import io.kubemu.protocols.api.validation.FieldPath;
import io.kubemu.protocols.api.validation.ServiceValidator;
import io.kubemu.protocols.api.validation.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One write's allocation, as the Service REST storage does it (pkg/registry/core/service/storage,
 * alloc.go) once the Service is valid: the IP family fields of a single-stack IPv4 cluster, the cluster
 * IP (the one asked for, or the next free one), node ports for NodePort and LoadBalancer Services (one
 * per port number, which its TCP and UDP ports share, as initNodePorts does), and the health check
 * node port of a LoadBalancer with externalTrafficPolicy Local. What it takes is reserved under the
 * Service's key; a refusal gives back what it took. The messages are the API server's.
 */
final class ServiceAllocation {
  private static final FieldPath SPEC = FieldPath.of("spec");

  private final Service svc;
  private final ServiceSpec spec;
  private final Service old;
  private final ServiceAllocations pool;
  private final String key;
  private final List<Integer> takenIps = new ArrayList<>();
  private final List<Integer> takenPorts = new ArrayList<>();

  private ServiceAllocation(Service svc, Service old, ServiceAllocations pool) {
    this.svc = svc;
    this.spec = svc.getSpec();
    this.old = old;
    this.pool = pool;
    this.key = ServiceAllocations.key(svc);
  }

  /** Checks the update, fills in what is allocated and reserves it; returns the refusal, or null. */
  static Admission.Refusal admit(Service svc, Service old, ServiceAllocations pool) {
    if (old != null) {
      List<FieldError> errors = ServiceValidator.validateUpdate(svc, old);
      if (!errors.isEmpty()) {
        return invalid(svc, errors);
      }
    }
    ServiceAllocation a = new ServiceAllocation(svc, old, pool);
    Admission.Refusal refused;
    try {
      refused = a.allocate();
    } catch (RuntimeException e) {
      a.giveBack();
      throw e;
    }
    if (refused != null) {
      a.giveBack();
    } else {
      pool.reserve(a.key, svc);
    }
    return refused;
  }

  private Admission.Refusal allocate() {
    if ("ExternalName".equals(spec.getType())) {
      return null;
    }
    List<FieldError> errors = IpFamilies.init(spec, old == null ? null : old.getSpec());
    if (!errors.isEmpty()) {
      return invalid(svc, errors);
    }
    Admission.Refusal refused = clusterIp();
    if (refused == null && (spec.getType().equals("NodePort") || spec.getType().equals("LoadBalancer"))) {
      refused = nodePorts();
    }
    return refused != null ? refused : healthCheckNodePort();
  }

  private Admission.Refusal clusterIp() {
    List<String> ips = spec.getClusterIPs();
    String want = ips.isEmpty() ? "" : ips.get(0);
    if (want.equals("None")) {
      return null;
    }
    ServiceNetwork net = pool.network();
    if (keptFromBefore(want)) {
      return null;
    }
    if (want.isEmpty()) {
      OptionalInt next = pool.clusterIps().next(key);
      if (next.isEmpty()) {
        return internal("failed to allocate a serviceIP: range is full");
      }
      takenIps.add(next.getAsInt());
      want = net.clusterIp(next.getAsInt()).toString();
    } else {
      Ipv4Address ip = ServiceAllocations.ipv4(want);
      int offset = ip == null ? -1 : net.clusterIpOffset(ip);
      String failed = "failed to allocate IP " + want + ": ";
      if (offset < 0) {
        return invalid(svc, List.of(ServiceValidator.clusterIPsInvalid(SPEC.child("clusterIPs"), ips,
            failed + "provided IP is not in the valid range. The range of valid IPs is " + net.serviceCidr())));
      }
      String owner = pool.clusterIps().owner(offset);
      if (owner != null && !owner.equals(key)) {
        return invalid(svc, List.of(ServiceValidator.clusterIPsInvalid(SPEC.child("clusterIPs"), ips,
            failed + "provided IP is already allocated")));
      }
      if (owner == null && pool.clusterIps().take(offset, key)) {
        takenIps.add(offset);
      }
    }
    spec.setClusterIP(want);
    spec.setClusterIPs(new ArrayList<>(List.of(want)));
    return null;
  }

  /**
   * An update that keeps the cluster IP it had is not allocated again (updateClusterIPs only acts on type
   * and family changes), so a Service keeps working after the service CIDR changed under it.
   */
  private boolean keptFromBefore(String ip) {
    return old != null && old.getSpec() != null && ServiceStrategy.needsClusterIP(old.getSpec())
        && !old.getSpec().getClusterIPs().isEmpty() && old.getSpec().getClusterIPs().get(0).equals(ip);
  }

  /** initNodePorts and updateNodePorts: asked-for ports are taken, zero ones allocated unless allocateLoadBalancerNodePorts is false. */
  private Admission.Refusal nodePorts() {
    boolean allocate = spec.getType().equals("NodePort") || !Boolean.FALSE.equals(spec.getAllocateLoadBalancerNodePorts());
    Map<Integer, Integer> byPortNumber = new HashMap<>();
    List<ServicePort> ports = spec.getPorts();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      int nodePort = p.getNodePort() == null ? 0 : p.getNodePort();
      if (nodePort == 0 && !allocate) {
        continue;
      }
      if (nodePort == 0 && old == null && byPortNumber.containsKey(p.getPort())) {
        nodePort = byPortNumber.get(p.getPort());
      } else if (nodePort == 0) {
        OptionalInt next = pool.nodePorts().next(key);
        if (next.isEmpty()) {
          return internal("failed to allocate a nodePort: range is full");
        }
        takenPorts.add(next.getAsInt());
        nodePort = ServiceNetwork.NODE_PORT_MIN + next.getAsInt();
      } else {
        String refused = takePort(nodePort);
        if (refused != null) {
          return invalid(svc, List.of(FieldError.invalid(SPEC.child("ports").index(i).child("nodePort"), nodePort, refused)));
        }
      }
      p.setNodePort(nodePort);
      byPortNumber.putIfAbsent(p.getPort(), nodePort);
    }
    return null;
  }

  /** allocHealthCheckNodePort: a LoadBalancer with externalTrafficPolicy Local gets one, or keeps the one asked for. */
  private Admission.Refusal healthCheckNodePort() {
    boolean needs = spec.getType().equals("LoadBalancer") && "Local".equals(spec.getExternalTrafficPolicy());
    int asked = spec.getHealthCheckNodePort() == null ? 0 : spec.getHealthCheckNodePort();
    if (!needs) {
      return asked == 0 ? null : invalid(svc, List.of(FieldError.invalid(SPEC.child("healthCheckNodePort"), asked,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'")));
    }
    if (asked != 0) {
      String refused = takePort(asked);
      return refused == null ? null : internal("failed to allocate requested HealthCheck NodePort " + asked + ": " + refused);
    }
    OptionalInt next = pool.nodePorts().next(key);
    if (next.isEmpty()) {
      return internal("failed to allocate a HealthCheck NodePort 0: range is full");
    }
    takenPorts.add(next.getAsInt());
    spec.setHealthCheckNodePort(ServiceNetwork.NODE_PORT_MIN + next.getAsInt());
    return null;
  }

  /** Takes a node port asked for by number (it may hold it already); returns why it cannot, or null. */
  private String takePort(int port) {
    if (!ServiceAllocations.inNodePortRange(port)) {
      return "provided port is not in the valid range. The range of valid ports is " + ServiceNetwork.NODE_PORT_MIN + "-"
          + ServiceNetwork.NODE_PORT_MAX;
    }
    String owner = pool.nodePortOwner(port);
    if (owner != null) {
      return owner.equals(key) ? null : "provided port is already allocated";
    }
    int offset = port - ServiceNetwork.NODE_PORT_MIN;
    pool.nodePorts().take(offset, key);
    takenPorts.add(offset);
    return null;
  }

  private void giveBack() {
    takenIps.forEach(o -> pool.clusterIps().release(o, key));
    takenPorts.forEach(o -> pool.nodePorts().release(o, key));
  }

  private static Admission.Refusal invalid(Service svc, List<FieldError> errors) {
    return new Admission.Refusal(422, Json.write(Validation.invalidStatus(svc, errors)));
  }

  private static Admission.Refusal internal(String message) {
    return Admission.status(500, "InternalError", "Internal error occurred: " + message);
  }
}
