package io.kubemu.nodes.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.nodes.pod.ContainerSpec;
import io.kubemu.nodes.prober.Probe;
import io.kubemu.nodes.prober.ProbeKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads what the kubelet needs out of a Pod object sent as JSON. */
public final class PodSpecs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PodSpecs() {}

  public static Pod parse(String json) {
    try {
      return JSON.readValue(json, Pod.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("bad Pod JSON: " + e.getMessage(), e);
    }
  }

  public static List<ContainerSpec> containers(Pod pod) {
    return pod.getSpec().getContainers().stream().map(c -> container(c, pod)).toList();
  }

  private static ContainerSpec container(Container c, Pod pod) {
    Map<String, String> env = new LinkedHashMap<>();
    if (c.getEnv() != null) {
      for (EnvVar v : c.getEnv()) {
        boolean fromField = v.getValue() == null && v.getValueFrom() != null && v.getValueFrom().getFieldRef() != null;
        env.put(v.getName(), fromField ? field(pod, v.getValueFrom().getFieldRef().getFieldPath()) : v.getValue() == null ? "" : v.getValue());
      }
    }
    Map<ProbeKind, Probe> probes = new EnumMap<>(ProbeKind.class);
    ProbeSpecs.read(c.getStartupProbe(), c.getPorts()).ifPresent(p -> probes.put(ProbeKind.STARTUP, p));
    ProbeSpecs.read(c.getLivenessProbe(), c.getPorts()).ifPresent(p -> probes.put(ProbeKind.LIVENESS, p));
    ProbeSpecs.read(c.getReadinessProbe(), c.getPorts()).ifPresent(p -> probes.put(ProbeKind.READINESS, p));
    return new ContainerSpec(c.getName(), c.getImage(),
        strings(c.getCommand()), strings(c.getArgs()), env, probes, ProbeSpecs.preStop(c.getLifecycle(), c.getPorts()));
  }

  /** A list of strings as written, without the nulls a malformed object may hold. */
  static List<String> strings(List<String> list) {
    return list == null ? List.of() : List.copyOf(list.stream().filter(Objects::nonNull).toList());
  }

  /** How long the kubelet waits for the containers to stop once the pod is deleted: terminationGracePeriodSeconds, 30 s by default. */
  public static java.time.Duration gracePeriod(Pod pod) {
    Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    return java.time.Duration.ofSeconds(seconds == null ? 30 : Math.max(0, Math.min(seconds, Probe.MAX_SECONDS)));
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /**
   * The downward API's fieldRef values known when the containers start: the pod's name,
   * namespace, uid, node and service account, and one of its labels or annotations (an Indexed
   * Job's JOB_COMPLETION_INDEX comes from an annotation). Anything else is empty.
   */
  static String field(Pod pod, String path) {
    var meta = pod.getMetadata();
    String value = switch (path == null ? "" : path) {
      case "metadata.name" -> meta.getName();
      case "metadata.namespace" -> meta.getNamespace();
      case "metadata.uid" -> meta.getUid();
      case "spec.nodeName" -> pod.getSpec().getNodeName();
      case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
      default -> path.startsWith("metadata.labels")
          ? keyed(path, "metadata.labels", meta.getLabels()) : keyed(path, "metadata.annotations", meta.getAnnotations());
    };
    return value == null ? "" : value;
  }

  /** {@code map[key]} for a path {@code prefix['key']}, or null. */
  private static String keyed(String path, String prefix, Map<String, String> map) {
    if (map == null || !path.startsWith(prefix + "['") || !path.endsWith("']")) {
      return null;
    }
    return map.get(path.substring(prefix.length() + 2, path.length() - 2));
  }
}
