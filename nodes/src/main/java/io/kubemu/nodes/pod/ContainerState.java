package io.kubemu.nodes.pod;

import io.kubemu.protocols.ClusterMessage;

/**
 * A container's state as the kubelet reports it: {@code running}, {@code waiting} (with a reason
 * such as ErrImagePull or CrashLoopBackOff) or {@code terminated} (with its exit code); whether it
 * has started (passed its startup probe) and is ready (passed its readiness probe); and how its
 * previous instance ended, or null. A running container's reason and message carry its latest
 * probe failure ({@code Unhealthy}, {@code Readiness probe failed: ...}) while it lasts.
 */
public record ContainerState(String name, String image, String state, String reason, String message, int exitCode,
    int restartCount, boolean started, boolean ready, Terminated lastState) implements ClusterMessage {
  /** How an instance of the container ended; the time is the node's wall clock. */
  public record Terminated(String reason, String message, int exitCode, long finishedAtMillis) {}

  public boolean running() {
    return state.equals("running");
  }
}
