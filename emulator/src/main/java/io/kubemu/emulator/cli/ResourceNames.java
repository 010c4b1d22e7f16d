package io.kubemu.emulator.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resources the CLI's get and delete know, by the names and short names kubectl accepts. */
final class ResourceNames {
  /** A resource: its API path prefix, its plural, its singular (for "kind/name" output), whether it is namespaced. */
  record Resource(String prefix, String plural, String singular, boolean namespaced) {
    /** The collection's path, in {@code namespace} (null: all namespaces). */
    String collection(String namespace) {
      return prefix + "/" + (namespaced && namespace != null ? "namespaces/" + namespace + "/" : "") + plural;
    }
  }

  private static final Map<String, Resource> BY_NAME = new LinkedHashMap<>();

  static {
    add(new Resource("/api/v1", "pods", "pod", true), "po");
    add(new Resource("/api/v1", "nodes", "node", false), "no");
    add(new Resource("/api/v1", "namespaces", "namespace", false), "ns");
    add(new Resource("/api/v1", "services", "service", true), "svc");
    add(new Resource("/api/v1", "configmaps", "configmap", true), "cm");
    add(new Resource("/api/v1", "secrets", "secret", true));
    add(new Resource("/api/v1", "serviceaccounts", "serviceaccount", true), "sa");
    add(new Resource("/api/v1", "events", "event", true), "ev");
    add(new Resource("/apis/discovery.k8s.io/v1", "endpointslices", "endpointslice", true));
    add(new Resource("/apis/apps/v1", "deployments", "deployment", true), "deploy");
    add(new Resource("/apis/apps/v1", "replicasets", "replicaset", true), "rs");
    add(new Resource("/apis/apps/v1", "daemonsets", "daemonset", true), "ds");
    add(new Resource("/apis/apps/v1", "statefulsets", "statefulset", true), "sts");
    add(new Resource("/apis/batch/v1", "jobs", "job", true));
    add(new Resource("/apis/networking.k8s.io/v1", "ingresses", "ingress", true), "ing");
    add(new Resource("/apis/networking.k8s.io/v1", "ingressclasses", "ingressclass", false));
    add(new Resource("/apis/projectcalico.org/v3", "ippools", "ippool", false));
    add(new Resource("/apis/projectcalico.org/v3", "bgpconfigurations", "bgpconfiguration", false));
    add(new Resource("/apis/projectcalico.org/v3", "bgppeers", "bgppeer", false));
    add(new Resource("/apis/projectcalico.org/v3", "blockaffinities", "blockaffinity", false));
  }

  private ResourceNames() {}

  private static void add(Resource r, String... shortNames) {
    BY_NAME.put(r.plural(), r);
    BY_NAME.put(r.singular(), r);
    for (String s : shortNames) {
      BY_NAME.put(s, r);
    }
  }

  static Optional<Resource> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /** The plurals, for error messages. */
  static List<String> known() {
    return BY_NAME.values().stream().map(Resource::plural).distinct().toList();
  }
}
