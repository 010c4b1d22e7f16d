package io.kubemu.emulator.controlplane;

import java.util.Map;

/**
 * What a strategic merge patch needs to know of the built-in types: which lists merge (and by which
 * key) instead of being replaced, taken from the {@code patchStrategy} and {@code patchMergeKey} struct
 * tags of k8s.io/api. A field not listed here merges as JSON does: objects key by key, lists replaced.
 * Pure data.
 */
final class PatchSchema {
  /** A field: its patch strategy ("merge" or none), the merge key of a list of objects, and the type of its value (or elements). */
  record Field(boolean merge, String mergeKey, String type) {
    static final Field NONE = new Field(false, "", null);
  }

  /** A struct type: its fields that need more than JSON merge semantics, or that lead to one that does. */
  record Type(String name, Map<String, Field> fields) {
    static final Type UNKNOWN = new Type("", Map.of());

    Field field(String name) {
      return fields.getOrDefault(name, Field.NONE);
    }

    Type child(String name) {
      return of(field(name).type());
    }
  }

  private static final Map<String, Map<String, Field>> TYPES = Map.ofEntries(
      Map.entry("ObjectMeta", Map.of(
          "finalizers", list(""),
          "ownerReferences", list("uid"))),
      Map.entry("PodTemplateSpec", Map.of(
          "metadata", struct("ObjectMeta"),
          "spec", struct("PodSpec"))),
      Map.entry("PodSpec", Map.ofEntries(
          Map.entry("volumes", list("name")),
          Map.entry("initContainers", list("name", "Container")),
          Map.entry("containers", list("name", "Container")),
          Map.entry("ephemeralContainers", list("name", "Container")),
          Map.entry("imagePullSecrets", list("name")),
          Map.entry("hostAliases", list("ip")),
          Map.entry("topologySpreadConstraints", list("topologyKey")),
          Map.entry("resourceClaims", list("name")),
          Map.entry("schedulingGates", list("name")))),
      Map.entry("Container", Map.of(
          "ports", list("containerPort"),
          "env", list("name"),
          "volumeMounts", list("mountPath"),
          "volumeDevices", list("devicePath"))),
      Map.entry("PodStatus", Map.of(
          "conditions", list("type"),
          "podIPs", list("ip"),
          "hostIPs", list("ip"),
          "resourceClaimStatuses", list("name"))),
      Map.entry("Conditions", Map.of("conditions", list("type"))),
      Map.entry("ServiceSpec", Map.of("ports", list("port"))),
      Map.entry("NodeSpec", Map.of("podCIDRs", list(""))),
      Map.entry("NodeStatus", Map.of("conditions", list("type"), "addresses", list("type"))),
      Map.entry("WorkloadSpec", Map.of("template", struct("PodTemplateSpec"))),
      Map.entry("Pod", kind("PodSpec", "PodStatus")),
      Map.entry("Deployment", kind("WorkloadSpec", "Conditions")),
      Map.entry("ReplicaSet", kind("WorkloadSpec", "Conditions")),
      Map.entry("DaemonSet", kind("WorkloadSpec", "Conditions")),
      Map.entry("StatefulSet", kind("WorkloadSpec", "Conditions")),
      Map.entry("Job", kind("WorkloadSpec", "Conditions")),
      Map.entry("Service", kind("ServiceSpec", "Conditions")),
      Map.entry("Namespace", kind(null, "Conditions")),
      Map.entry("Node", kind("NodeSpec", "NodeStatus")),
      Map.entry("ServiceAccount", Map.of("metadata", struct("ObjectMeta"), "secrets", list("name"))));

  private PatchSchema() {}

  /** The type of a whole object of {@code kind}; a kind not listed still has ObjectMeta's merge lists. */
  static Type forKind(String kind) {
    return TYPES.containsKey(kind) ? of(kind) : new Type(kind, Map.of("metadata", struct("ObjectMeta")));
  }

  static Type of(String name) {
    return name == null || !TYPES.containsKey(name) ? Type.UNKNOWN : new Type(name, TYPES.get(name));
  }

  private static Map<String, Field> kind(String spec, String status) {
    return Map.of("metadata", struct("ObjectMeta"), "spec", struct(spec), "status", struct(status));
  }

  private static Field struct(String type) {
    return new Field(false, "", type);
  }

  private static Field list(String mergeKey) {
    return new Field(true, mergeKey, null);
  }

  private static Field list(String mergeKey, String elementType) {
    return new Field(true, mergeKey, elementType);
  }
}
