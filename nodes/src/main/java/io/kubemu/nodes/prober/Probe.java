package io.kubemu.nodes.prober;

import java.time.Duration;
import java.util.List;

/**
 * One probe of a container as the kubelet runs it: what it checks and its timing, with the API's
 * defaults already applied (period 10 s, timeout 1 s, success 1, failure 3, no initial delay).
 */
public record Probe(Action action, int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int successThreshold,
    int failureThreshold) {
  public static final int DEFAULT_PERIOD = 10;
  public static final int DEFAULT_TIMEOUT = 1;
  public static final int DEFAULT_SUCCESS = 1;
  public static final int DEFAULT_FAILURE = 3;

  /** What the probe checks: one handler of the Probe object. */
  public sealed interface Action {}

  /** Runs the command in the container, as {@code kubectl exec} does; exit 0 is success. */
  public record Exec(List<String> command) implements Action {}

  /** Opens a TCP connection to {@code port} (a number or a container port's name) of {@code host}, the pod IP when empty. */
  public record TcpSocket(String host, String port) implements Action {}

  public record HttpGet(String scheme, String host, String port, String path) implements Action {}

  public record Grpc(int port, String service) implements Action {}

  /** A lifecycle hook's {@code sleep} action (preStop): waits, then the container is signalled. */
  public record Sleep(int seconds) implements Action {}

  /** A probe that names no handler; the API server would refuse it, the kubelet here fails it with a reason. */
  public record NoHandler() implements Action {}

  /**
   * The longest delay kept: Pekko's scheduler refuses delays of about 248 days and more, and an
   * emulation never runs that long, so longer values (valid in the API) are cut to this.
   */
  public static final int MAX_SECONDS = 30 * 24 * 3600;

  public Probe {
    initialDelaySeconds = Math.min(MAX_SECONDS, Math.max(0, initialDelaySeconds));
    periodSeconds = periodSeconds < 1 ? DEFAULT_PERIOD : Math.min(MAX_SECONDS, periodSeconds);
    timeoutSeconds = timeoutSeconds < 1 ? DEFAULT_TIMEOUT : Math.min(MAX_SECONDS, timeoutSeconds);
    successThreshold = Math.max(1, successThreshold);
    failureThreshold = Math.max(1, failureThreshold);
  }

  /** A probe with this action and every field at its default. */
  public static Probe of(Action action) {
    return new Probe(action, 0, DEFAULT_PERIOD, DEFAULT_TIMEOUT, DEFAULT_SUCCESS, DEFAULT_FAILURE);
  }

  /**
   * Why a probe whose handler kubemu cannot run fails: a grpc probe waits for a gRPC health
   * service in kubemu's apps, so it fails with this reason rather than a made-up result.
   */
  public static String unsupported(Action action, String podIp) {
    if (action instanceof Grpc g) {
      return "grpc probe to " + podIp + ":" + g.port() + ": grpc probes are not in kubemu yet";
    }
    return "the probe names no handler (expected one of: exec, httpGet, tcpSocket, grpc)";
  }

  /** What an exec probe printed, as the kubelet's event quotes it; its exit status when it printed nothing. */
  public static String execOutput(String stdout, String stderr, int exitCode) {
    String out = (stdout + stderr).strip();
    return out.isEmpty() && exitCode != 0 ? "exit status " + exitCode : out;
  }

  public Duration initialDelay() {
    return Duration.ofSeconds(initialDelaySeconds);
  }

  public Duration period() {
    return Duration.ofSeconds(periodSeconds);
  }

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }
}
