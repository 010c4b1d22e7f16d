package io.kubemu.nodes.prober;

import java.util.Locale;

/**
 * The three probes of a container, with the result each holds before its first run (the
 * kubelet's initial values): not ready until a readiness probe succeeds, alive until a liveness
 * probe fails, and not started until a startup probe succeeds.
 */
public enum ProbeKind {
  STARTUP("Startup", ProbeResult.UNKNOWN),
  LIVENESS("Liveness", ProbeResult.SUCCESS),
  READINESS("Readiness", ProbeResult.FAILURE);

  private final String title;
  private final ProbeResult initial;

  ProbeKind(String title, ProbeResult initial) {
    this.title = title;
    this.initial = initial;
  }

  /** As the kubelet names it in its messages: {@code Readiness probe failed: ...}. */
  public String title() {
    return title;
  }

  /** The kubelet's words when this probe's failure kills a container. */
  public String killMessage(String container, boolean restarts) {
    return "Container " + container + " failed " + title.toLowerCase(Locale.ROOT) + " probe" + (restarts ? ", will be restarted" : "");
  }

  ProbeResult initial() {
    return initial;
  }

  /** Whether a failure past the threshold kills the container (liveness and startup do). */
  boolean kills() {
    return this != READINESS;
  }
}
