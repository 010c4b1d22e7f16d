package io.kubemu.nodes.pod;

import io.kubemu.nodes.prober.Probe;
import io.kubemu.nodes.prober.ProbeKind;
import java.util.List;
import java.util.Map;

/**
 * What the kubelet needs of one container of a Pod: its name, image, command line, environment,
 * probes, and its preStop hook (null for none).
 */
public record ContainerSpec(String name, String image, List<String> command, List<String> args, Map<String, String> env,
    Map<ProbeKind, Probe> probes, Probe.Action preStop) {
  public ContainerSpec {
    probes = probes == null ? Map.of() : Map.copyOf(probes);
  }

  /** A container without a preStop hook. */
  public ContainerSpec(String name, String image, List<String> command, List<String> args, Map<String, String> env,
      Map<ProbeKind, Probe> probes) {
    this(name, image, command, args, env, probes, null);
  }

  /** A container without probes. */
  public ContainerSpec(String name, String image, List<String> command, List<String> args, Map<String, String> env) {
    this(name, image, command, args, env, Map.of());
  }
}
