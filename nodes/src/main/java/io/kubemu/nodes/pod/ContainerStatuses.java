package io.kubemu.nodes.pod;

import io.kubemu.nodes.prober.Prober;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of each container of one pod as the kubelet tracks it: the current state, the restart
 * count, how the previous instance ended, and the back-off before a restart under restartPolicy.
 * Readiness and started come from the pod's {@link Prober} when the states are listed.
 */
final class ContainerStatuses {
  private static final long MAX_BACKOFF_SECONDS = 300;

  private final String restartPolicy;
  private final Map<String, ContainerState> states = new HashMap<>();
  private final Map<String, Integer> restarts = new HashMap<>();
  private final Map<String, ContainerState.Terminated> last = new HashMap<>();

  ContainerStatuses(String restartPolicy) {
    this.restartPolicy = restartPolicy == null ? "Always" : restartPolicy;
  }

  void waiting(ContainerSpec c, String reason, String message) {
    states.put(c.name(), state(c.name(), c.image(), "waiting", reason, message, 0));
  }

  void running(ContainerSpec c) {
    states.put(c.name(), state(c.name(), c.image(), "running", "", "", 0));
  }

  /**
   * The container's main process ended with {@code status}; {@code message} says why when the
   * kubelet ended it. Returns the back-off before the restart, or empty when restartPolicy leaves it
   * terminated. The back-off doubles from 10 s per restart, up to 5 minutes.
   */
  Optional<Duration> exited(String name, int status, String message, long nowMillis) {
    String image = states.containsKey(name) ? states.get(name).image() : "";
    String reason = status == 0 ? "Completed" : "Error";
    int count = restarts.getOrDefault(name, 0);
    if (!restarts(status)) {
      states.put(name, state(name, image, "terminated", reason, message, status));
      return Optional.empty();
    }
    Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF_SECONDS, 10L << Math.min(count, 5)));
    restarts.put(name, count + 1);
    last.put(name, new ContainerState.Terminated(reason, message, status, nowMillis));
    states.put(name, state(name, image, "waiting", "CrashLoopBackOff",
        "back-off " + backoff.toSeconds() + "s restarting failed container " + name, status));
    return Optional.of(backoff);
  }

  /** The container's main process ended while its pod terminates: terminated, never restarted, whatever restartPolicy says. */
  void stopped(String name, int status, String message) {
    String image = states.containsKey(name) ? states.get(name).image() : "";
    states.put(name, state(name, image, "terminated", status == 0 ? "Completed" : "Error", message, status));
  }

  /** Whether restartPolicy restarts a container whose main process ends with {@code status}. */
  boolean restarts(int status) {
    return restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && status != 0);
  }

  /** The states in the pod's container order, with started, ready and probe failures from {@code prober}. */
  List<ContainerState> list(List<ContainerSpec> order, Prober prober) {
    List<ContainerState> list = new ArrayList<>();
    for (ContainerSpec c : order) {
      ContainerState s = states.get(c.name());
      if (s == null) {
        continue;
      }
      if (s.running()) {
        String unhealthy = prober.unhealthy(c.name());
        s = new ContainerState(s.name(), s.image(), s.state(), unhealthy.isEmpty() ? "" : "Unhealthy", unhealthy, 0,
            s.restartCount(), prober.started(c.name()), prober.ready(c.name()), s.lastState());
      }
      list.add(s);
    }
    return list;
  }

  private ContainerState state(String name, String image, String state, String reason, String message, int exitCode) {
    return new ContainerState(name, image, state, reason, message, exitCode, restarts.getOrDefault(name, 0), false, false,
        last.get(name));
  }
}
