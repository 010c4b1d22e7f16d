package io.kubemu.nodes.agent;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.kubemu.nodes.prober.Probe;
import java.util.List;
import java.util.Optional;

/** Reads a container's probe out of the Pod object, with the API's defaults for the fields it leaves out. */
final class ProbeSpecs {
  private ProbeSpecs() {}

  /** {@code ports}: the container's ports, which a probe may name instead of numbering. */
  static Optional<Probe> read(io.fabric8.kubernetes.api.model.Probe p, List<ContainerPort> ports) {
    if (p == null) {
      return Optional.empty();
    }
    return Optional.of(new Probe(action(p, ports), or(p.getInitialDelaySeconds(), 0), or(p.getPeriodSeconds(), Probe.DEFAULT_PERIOD),
        or(p.getTimeoutSeconds(), Probe.DEFAULT_TIMEOUT), or(p.getSuccessThreshold(), Probe.DEFAULT_SUCCESS),
        or(p.getFailureThreshold(), Probe.DEFAULT_FAILURE)));
  }

  /** A container's preStop hook as an action (exec, httpGet, tcpSocket or sleep), or null when it has none. */
  static Probe.Action preStop(io.fabric8.kubernetes.api.model.Lifecycle lifecycle, List<ContainerPort> ports) {
    if (lifecycle == null || lifecycle.getPreStop() == null) {
      return null;
    }
    var h = lifecycle.getPreStop();
    if (h.getSleep() != null) {
      return new Probe.Sleep(h.getSleep().getSeconds() == null ? 0 : h.getSleep().getSeconds().intValue());
    }
    io.fabric8.kubernetes.api.model.Probe asProbe = new io.fabric8.kubernetes.api.model.Probe();
    asProbe.setExec(h.getExec());
    asProbe.setHttpGet(h.getHttpGet());
    asProbe.setTcpSocket(h.getTcpSocket());
    return action(asProbe, ports);
  }

  private static Probe.Action action(io.fabric8.kubernetes.api.model.Probe p, List<ContainerPort> ports) {
    if (p.getExec() != null) {
      return new Probe.Exec(PodSpecs.strings(p.getExec().getCommand()));
    }
    if (p.getTcpSocket() != null) {
      return new Probe.TcpSocket(p.getTcpSocket().getHost(), port(p.getTcpSocket().getPort(), ports));
    }
    if (p.getHttpGet() != null) {
      var h = p.getHttpGet();
      return new Probe.HttpGet(h.getScheme(), h.getHost(), port(h.getPort(), ports), h.getPath());
    }
    if (p.getGrpc() != null) {
      return new Probe.Grpc(or(p.getGrpc().getPort(), 0), p.getGrpc().getService());
    }
    return new Probe.NoHandler();
  }

  /**
   * A port's number; a name is looked up among the container's ports as the kubelet does, and
   * kept as written when none has it (the probe then fails saying so).
   */
  private static String port(IntOrString port, List<ContainerPort> ports) {
    if (port == null) {
      return "";
    }
    if (port.getIntVal() != null) {
      return port.getIntVal().toString();
    }
    String name = String.valueOf(port.getStrVal());
    return (ports == null ? List.<ContainerPort>of() : ports).stream()
        .filter(cp -> name.equals(cp.getName()) && cp.getContainerPort() != null)
        .map(cp -> cp.getContainerPort().toString()).findFirst().orElse(name);
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
