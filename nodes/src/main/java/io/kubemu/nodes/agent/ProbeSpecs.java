package io.kubemu.nodes.agent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.kubemu.nodes.prober.Probe;
import java.util.Optional;

/** Reads a container's probe out of the Pod object, with the API's defaults for the fields it leaves out. */
final class ProbeSpecs {
  private ProbeSpecs() {}

  static Optional<Probe> read(io.fabric8.kubernetes.api.model.Probe p) {
    if (p == null) {
      return Optional.empty();
    }
    return Optional.of(new Probe(action(p), or(p.getInitialDelaySeconds(), 0), or(p.getPeriodSeconds(), Probe.DEFAULT_PERIOD),
        or(p.getTimeoutSeconds(), Probe.DEFAULT_TIMEOUT), or(p.getSuccessThreshold(), Probe.DEFAULT_SUCCESS),
        or(p.getFailureThreshold(), Probe.DEFAULT_FAILURE)));
  }

  private static Probe.Action action(io.fabric8.kubernetes.api.model.Probe p) {
    if (p.getExec() != null) {
      return new Probe.Exec(PodSpecs.strings(p.getExec().getCommand()));
    }
    if (p.getTcpSocket() != null) {
      return new Probe.TcpSocket(p.getTcpSocket().getHost(), port(p.getTcpSocket().getPort()));
    }
    if (p.getHttpGet() != null) {
      var h = p.getHttpGet();
      return new Probe.HttpGet(h.getScheme(), h.getHost(), port(h.getPort()), h.getPath());
    }
    if (p.getGrpc() != null) {
      return new Probe.Grpc(or(p.getGrpc().getPort(), 0), p.getGrpc().getService());
    }
    return new Probe.NoHandler();
  }

  /** A port by number or by a container port's name, as written. */
  private static String port(IntOrString port) {
    if (port == null) {
      return "";
    }
    return port.getIntVal() != null ? port.getIntVal().toString() : String.valueOf(port.getStrVal());
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
