package io.kubemu.nodes.prober;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The probes of one pod's containers and what they make of each container: whether it has started
 * and whether it is ready, as the kubelet's prober manager (pkg/kubelet/prober/prober_manager.go)
 * derives them. Each container instance gets a number; results of an earlier instance are ignored.
 */
public final class Prober {
  /** What a recorded result means for the container. */
  public enum Outcome {
    /** Nothing that the pod's status shows changed. */
    NONE,
    /** Readiness, or the latest probe failure message, changed. */
    CHANGED,
    /** The startup probe succeeded: the container has started, and its other probes begin. */
    STARTED,
    /** A liveness or startup probe failed past its threshold: the container must be killed. */
    KILL
  }

  private final Map<String, Map<ProbeKind, ProbeWorker>> workers = new HashMap<>();
  private final Map<String, Integer> instances = new HashMap<>();
  private int nextInstance = 1;

  /** {@code probes}: per container, the probes it declares. */
  public Prober(Map<String, Map<ProbeKind, Probe>> probes) {
    probes.forEach((container, byKind) -> {
      Map<ProbeKind, ProbeWorker> w = new EnumMap<>(ProbeKind.class);
      byKind.forEach((kind, probe) -> w.put(kind, new ProbeWorker(kind, probe)));
      workers.put(container, w);
    });
  }

  /** The probes this container declares, whose timers run while it runs. */
  public Set<ProbeKind> kinds(String container) {
    return workers(container).keySet();
  }

  /** A new instance of the container runs: probes start over. Returns its instance number. */
  public int containerStarted(String container) {
    workers(container).values().forEach(ProbeWorker::reset);
    int instance = nextInstance++;
    instances.put(container, instance);
    return instance;
  }

  public void containerStopped(String container) {
    instances.remove(container);
  }

  /** The instance to probe now, or empty when this probe should not run (see {@link ProbeWorker#due}). */
  public OptionalInt due(String container, ProbeKind kind, boolean manual) {
    ProbeWorker w = workers(container).get(kind);
    Integer instance = instances.get(container);
    boolean running = instance != null;
    if (w == null || !w.due(running, running && started(container), manual)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(instance);
  }

  /** Records a run's outcome for the instance it ran against; {@code output} says why it failed. */
  public Outcome record(String container, ProbeKind kind, int instance, boolean success, String output) {
    ProbeWorker w = workers(container).get(kind);
    Integer current = instances.get(container);
    if (w == null || current == null || current != instance) {
      return Outcome.NONE;
    }
    boolean wasReady = ready(container);
    String message = unhealthy(container);
    ProbeWorker.Outcome o = w.record(success, output == null || output.isBlank() ? "(no output)" : output);
    if (o == ProbeWorker.Outcome.KILL) {
      return Outcome.KILL;
    }
    if (o == ProbeWorker.Outcome.CHANGED && kind == ProbeKind.STARTUP) {
      return Outcome.STARTED;
    }
    return wasReady != ready(container) || !message.equals(unhealthy(container)) ? Outcome.CHANGED : Outcome.NONE;
  }

  /** Running, and past its startup probe if it has one. */
  public boolean started(String container) {
    ProbeWorker startup = workers(container).get(ProbeKind.STARTUP);
    return instances.containsKey(container) && (startup == null || startup.result() == ProbeResult.SUCCESS);
  }

  /** Started, and its readiness probe succeeded if it has one: a container without one is ready when running. */
  public boolean ready(String container) {
    ProbeWorker readiness = workers(container).get(ProbeKind.READINESS);
    return started(container) && (readiness == null || readiness.result() == ProbeResult.SUCCESS);
  }

  /** The latest failure of a probe that is failing, as the kubelet words its event, or empty. */
  public String unhealthy(String container) {
    if (!instances.containsKey(container)) {
      return "";
    }
    for (Map.Entry<ProbeKind, ProbeWorker> e : workers(container).entrySet()) {
      if (!e.getValue().failure().isEmpty()) {
        return e.getKey().title() + " probe failed: " + e.getValue().failure();
      }
    }
    return "";
  }

  private Map<ProbeKind, ProbeWorker> workers(String container) {
    return workers.getOrDefault(container, Map.of());
  }
}
