package io.kubemu.nodes.prober;

/**
 * One probe of one container: the kubelet's probe worker (pkg/kubelet/prober/worker.go) as a state
 * machine without its goroutine. The owner calls {@link #due} on every period tick (and on a manual
 * trigger), runs the probe when it says so, and hands the outcome to {@link #record}.
 */
final class ProbeWorker {
  /** What a recorded run changed: nothing, the standing result, or the container must be killed. */
  enum Outcome { NONE, CHANGED, KILL }

  private final ProbeKind kind;
  private final Probe probe;
  private ProbeResult result;
  private ProbeResult lastResult;
  private int resultRun;
  private boolean onHold;
  private boolean inFlight;
  private boolean delayElapsed;
  private String failure;

  ProbeWorker(ProbeKind kind, Probe probe) {
    this.kind = kind;
    this.probe = probe;
    reset();
  }

  /** A new container instance (a new container ID): the results of the old one no longer count. */
  void reset() {
    result = kind.initial();
    lastResult = ProbeResult.UNKNOWN;
    resultRun = 0;
    onHold = false;
    inFlight = false;
    delayElapsed = false;
    failure = "";
  }

  ProbeResult result() {
    return result;
  }

  /** The output of the last run while the probe is failing, else empty. */
  String failure() {
    return failure;
  }

  /**
   * Whether to run the probe now. A period tick marks the initial delay as over (the tick timer
   * starts after it); a manual trigger runs only after that. Liveness and readiness wait for the
   * container to have started; a startup probe stops once it has; a probe that killed its
   * container waits for the next instance; a run still in flight is not doubled.
   */
  boolean due(boolean running, boolean started, boolean manual) {
    if (!manual) {
      delayElapsed = true;
    }
    if (!running || onHold || inFlight || !delayElapsed) {
      return false;
    }
    if (kind == ProbeKind.STARTUP ? started : !started) {
      return false;
    }
    inFlight = true;
    return true;
  }

  /** The outcome of a run: thresholds count consecutive equal outcomes, as the kubelet's resultRun does. */
  Outcome record(boolean success, String output) {
    inFlight = false;
    if (onHold) {
      return Outcome.NONE;
    }
    ProbeResult now = success ? ProbeResult.SUCCESS : ProbeResult.FAILURE;
    failure = success ? "" : output;
    if (now == lastResult) {
      resultRun++;
    } else {
      lastResult = now;
      resultRun = 1;
    }
    int threshold = success ? successThreshold() : probe.failureThreshold();
    if (resultRun < threshold) {
      return Outcome.NONE;
    }
    ProbeResult before = result;
    result = now;
    if (!success && kind.kills()) {
      onHold = true;
      resultRun = 0;
      return Outcome.KILL;
    }
    return before == now ? Outcome.NONE : Outcome.CHANGED;
  }

  /** Liveness and startup probes must have a success threshold of 1 (the API server validates it). */
  private int successThreshold() {
    return kind.kills() ? 1 : probe.successThreshold();
  }
}
