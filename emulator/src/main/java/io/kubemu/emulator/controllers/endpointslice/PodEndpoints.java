package io.kubemu.emulator.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.kubemu.emulator.controllers.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Service's pods contribute to its EndpointSlices (pkg/controller/endpointslice, utils.go): each
 * pod that is not finished and has an IPv4 address is an endpoint whose conditions say serving (its Ready
 * condition), terminating (a deletionTimestamp) and ready (serving and not terminating, or always with
 * publishNotReadyAddresses), with its node, a reference to it, and its hostname when its subdomain names
 * the Service. Each pod's ports are the Service's ports resolved against its containers (a named
 * targetPort is looked up per pod), so pods that resolve differently are grouped apart. Pure.
 */
final class PodEndpoints {
  private PodEndpoints() {}

  /** One group: the ports its pods resolve to, and their endpoints in pod name order. */
  record Group(List<EndpointPort> ports, List<Endpoint> endpoints) {}

  /** The groups of {@code pods} (those the Service selects) by their resolved ports. */
  static Map<String, Group> byPorts(Service svc, List<Pod> pods) {
    Map<String, Group> out = new LinkedHashMap<>();
    for (Pod p : pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList()) {
      List<String> addresses = addresses(p);
      if (terminal(p) || addresses.isEmpty()) {
        continue;
      }
      List<EndpointPort> ports = ports(svc, p);
      out.computeIfAbsent(portsKey(ports), k -> new Group(ports, new ArrayList<>())).endpoints().add(endpoint(svc, p, addresses));
    }
    return out;
  }

  /** NewPortMapKey: the same ports in any order give the same key. */
  static String portsKey(List<EndpointPort> ports) {
    return ports.stream().map(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort() + "/" + p.getAppProtocol())
        .sorted().toList().toString();
  }

  private static boolean terminal(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** The pod's IPv4 addresses (status.podIPs, or status.podIP when a kubelet wrote only that). */
  private static List<String> addresses(Pod p) {
    if (p.getStatus() == null) {
      return List.of();
    }
    List<String> ips = p.getStatus().getPodIPs() == null ? List.of()
        : p.getStatus().getPodIPs().stream().map(PodIP::getIp).filter(ip -> ip != null && !ip.isEmpty() && !ip.contains(":")).toList();
    String single = p.getStatus().getPodIP();
    return !ips.isEmpty() || single == null || single.isEmpty() || single.contains(":") ? ips : List.of(single);
  }

  /** getEndpointPorts: a Service port whose targetPort a pod cannot resolve is left out for that pod. */
  private static List<EndpointPort> ports(Service svc, Pod p) {
    List<EndpointPort> out = new ArrayList<>();
    for (ServicePort sp : svc.getSpec().getPorts()) {
      Integer number = findPort(p, sp);
      if (number != null) {
        out.add(new EndpointPortBuilder().withName(sp.getName() == null ? "" : sp.getName()).withPort(number)
            .withProtocol(sp.getProtocol()).withAppProtocol(sp.getAppProtocol()).build());
      }
    }
    return out;
  }

  /** podutil.FindPort: a number is itself; a name is the container port of that name and the Service port's protocol. */
  private static Integer findPort(Pod p, ServicePort sp) {
    IntOrString target = sp.getTargetPort();
    if (target == null || (target.getStrVal() == null && target.getIntVal() == null)) {
      return sp.getPort();
    }
    if (target.getStrVal() == null) {
      return target.getIntVal();
    }
    List<Container> containers = new ArrayList<>(p.getSpec().getContainers());
    p.getSpec().getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy())).forEach(containers::add);
    for (Container c : containers) {
      for (ContainerPort cp : c.getPorts()) {
        String protocol = cp.getProtocol() == null ? "TCP" : cp.getProtocol();
        if (target.getStrVal().equals(cp.getName()) && protocol.equals(sp.getProtocol())) {
          return cp.getContainerPort();
        }
      }
    }
    return null;
  }

  /** podToEndpoint. */
  private static Endpoint endpoint(Service svc, Pod p, List<String> addresses) {
    boolean serving = Pods.isReady(p);
    boolean terminating = p.getMetadata().getDeletionTimestamp() != null;
    boolean ready = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses()) || (serving && !terminating);
    String node = p.getSpec().getNodeName();
    String hostname = p.getSpec().getHostname();
    boolean named = hostname != null && !hostname.isEmpty() && svc.getMetadata().getName().equals(p.getSpec().getSubdomain())
        && svc.getMetadata().getNamespace().equals(p.getMetadata().getNamespace());
    return new EndpointBuilder().withAddresses(addresses)
        .withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating).endConditions()
        .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(p.getMetadata().getNamespace())
            .withName(p.getMetadata().getName()).withUid(p.getMetadata().getUid()).build())
        .withNodeName(node == null || node.isEmpty() ? null : node).withHostname(named ? hostname : null).build();
  }

  /** The identity of an endpoint across updates (endpointsliceutil's hash): its addresses, hostname and pod. */
  static String identity(Endpoint e) {
    List<String> addresses = new ArrayList<>(e.getAddresses() == null ? List.of() : e.getAddresses());
    addresses.sort(null);
    String pod = e.getTargetRef() == null ? "" : e.getTargetRef().getNamespace() + "/" + e.getTargetRef().getName();
    return addresses + "|" + e.getHostname() + "|" + pod;
  }
}
