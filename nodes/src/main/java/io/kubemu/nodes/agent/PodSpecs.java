package io.kubemu.nodes.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.nodes.pod.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    return pod.getSpec().getContainers().stream().map(PodSpecs::container).toList();
  }

  private static ContainerSpec container(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    if (c.getEnv() != null) {
      for (EnvVar v : c.getEnv()) {
        env.put(v.getName(), v.getValue() == null ? "" : v.getValue());
      }
    }
    return new ContainerSpec(c.getName(), c.getImage(),
        c.getCommand() == null ? List.of() : List.copyOf(c.getCommand()),
        c.getArgs() == null ? List.of() : List.copyOf(c.getArgs()), env);
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
