package io.kubemu.nodes.pod;

import io.kubemu.protocols.ClusterMessage;

/**
 * A container's state as the kubelet reports it: {@code running}, {@code waiting} (with a reason
 * such as ErrImagePull or CrashLoopBackOff) or {@code terminated} (with its exit code).
 */
public record ContainerState(String name, String image, String state, String reason, String message, int exitCode,
    int restartCount) implements ClusterMessage {
  public boolean running() {
    return state.equals("running");
  }
}
