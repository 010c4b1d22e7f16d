package io.kubemu.emulator.api;

import io.kubemu.emulator.controlplane.Admission;
import io.kubemu.emulator.controlplane.Strategies;
import io.kubemu.protocols.api.KnownKinds;
import io.kubemu.protocols.api.calico.CalicoResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST resources this API server knows, by group and version: the kinds of {@link KnownKinds},
 * each with its plural, short names, categories and subresources as the real API server lists them.
 * A resource is writable when the store serves its kind ({@link Admission#SERVED}); Nodes, which come
 * from the node registry, may be updated and patched only; the others are read-only until what acts
 * on them exists.
 */
final class ApiResources {
  static final List<String> WRITE_VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");
  static final List<String> READ_VERBS = List.of("get", "list", "watch");
  static final List<String> EDIT_VERBS = List.of("get", "list", "patch", "update", "watch");
  static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  /** A resource: where it is served, its kind and scope, and how kubectl may name it. */
  record Resource(String group, String version, String plural, String kind, boolean namespaced, String singular,
      List<String> shortNames, List<String> categories) {
    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code pods}, {@code deployments.apps}: how messages name the resource. */
    String qualified() {
      return group.isEmpty() ? plural : plural + "." + group;
    }

    boolean writable() {
      return Admission.SERVED.contains(kind);
    }

    /** Whether clients may update and patch objects: those of kinds served, and Nodes ({@link Admission#EDITABLE}). */
    boolean updatable() {
      return writable() || Admission.EDITABLE.contains(kind);
    }

    List<String> verbs() {
      return writable() ? WRITE_VERBS : updatable() ? EDIT_VERBS : READ_VERBS;
    }

    /** The subresources served: status for kinds with a status subresource, scale for the scalable workloads. */
    List<String> subresources() {
      List<String> out = new ArrayList<>();
      if (Strategies.WITH_STATUS.contains(kind)) {
        out.add("status");
      }
      if (Strategies.WITH_SCALE.contains(kind)) {
        out.add("scale");
      }
      return out;
    }
  }

  private static final List<String> ALL = List.of("all");

  /** Every resource, in the order discovery lists them (by group, then by plural). */
  static final List<Resource> RESOURCES = List.of(
      core("configmaps", "ConfigMap", "configmap", List.of("cm"), List.of()),
      core("endpoints", "Endpoints", "endpoints", List.of("ep"), List.of()),
      core("events", "Event", "event", List.of("ev"), List.of()),
      core("namespaces", "Namespace", "namespace", List.of("ns"), List.of()),
      core("nodes", "Node", "node", List.of("no"), List.of()),
      core("pods", "Pod", "pod", List.of("po"), ALL),
      core("secrets", "Secret", "secret", List.of(), List.of()),
      core("serviceaccounts", "ServiceAccount", "serviceaccount", List.of("sa"), List.of()),
      core("services", "Service", "service", List.of("svc"), ALL),
      named("apps", "daemonsets", "DaemonSet", "daemonset", List.of("ds"), ALL),
      named("apps", "deployments", "Deployment", "deployment", List.of("deploy"), ALL),
      named("apps", "replicasets", "ReplicaSet", "replicaset", List.of("rs"), ALL),
      named("apps", "statefulsets", "StatefulSet", "statefulset", List.of("sts"), ALL),
      named("batch", "jobs", "Job", "job", List.of(), ALL),
      named("discovery.k8s.io", "endpointslices", "EndpointSlice", "endpointslice", List.of(), List.of()),
      named("networking.k8s.io", "ingressclasses", "IngressClass", "ingressclass", List.of(), List.of()),
      named("networking.k8s.io", "ingresses", "Ingress", "ingress", List.of("ing"), List.of()),
      named("networking.k8s.io", "networkpolicies", "NetworkPolicy", "networkpolicy", List.of("netpol"), List.of()),
      calico("bgpconfigurations", "BGPConfiguration", "bgpconfiguration"),
      calico("bgppeers", "BGPPeer", "bgppeer"),
      calico("blockaffinities", "BlockAffinity", "blockaffinity"),
      calico("ippools", "IPPool", "ippool"));

  private ApiResources() {}

  private static Resource core(String plural, String kind, String singular, List<String> shortNames, List<String> categories) {
    return new Resource("", "v1", plural, kind, namespaced(kind), singular, shortNames, categories);
  }

  private static Resource named(String group, String plural, String kind, String singular, List<String> shortNames,
      List<String> categories) {
    return new Resource(group, "v1", plural, kind, namespaced(kind), singular, shortNames, categories);
  }

  /** A Calico resource of projectcalico.org/v3: cluster-scoped, and without short names, as Calico's CRDs have them. */
  private static Resource calico(String plural, String kind, String singular) {
    return new Resource(CalicoResource.GROUP, CalicoResource.VERSION, plural, kind, namespaced(kind), singular, List.of(), List.of());
  }

  private static boolean namespaced(String kind) {
    return KnownKinds.findKind(kind).orElseThrow(() -> new IllegalStateException("not a known kind: " + kind)).namespaced();
  }

  /** The resource {@code plural} in {@code groupVersion} ("v1", "apps/v1"). */
  static Optional<Resource> find(String groupVersion, String plural) {
    return RESOURCES.stream().filter(r -> r.groupVersion().equals(groupVersion) && r.plural().equals(plural)).findFirst();
  }

  /** The resource of a kind, for messages about it. */
  static Optional<Resource> ofKind(String kind) {
    return RESOURCES.stream().filter(r -> r.kind().equals(kind)).findFirst();
  }

  /** The named groups and their versions, in discovery order. */
  static Map<String, List<String>> groups() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    RESOURCES.stream().filter(r -> !r.group().isEmpty()).forEach(r -> {
      List<String> versions = out.computeIfAbsent(r.group(), g -> new ArrayList<>());
      if (!versions.contains(r.version())) {
        versions.add(r.version());
      }
    });
    return out;
  }

  static List<Resource> inGroupVersion(String groupVersion) {
    return RESOURCES.stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
  }
}
