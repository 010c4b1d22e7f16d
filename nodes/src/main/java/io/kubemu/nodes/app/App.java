package io.kubemu.nodes.app;

/**
 * What a container (or a command run with exec) runs: an emulated program. It speaks only through
 * its {@link AppContext}: the pod's sockets, timers, stdout and its exit status. Every call comes
 * from the pod actor's thread.
 */
public interface App {
  void start(AppContext ctx);

  default void onTimer(String key) {}

  /** The process is being killed (SIGKILL); sockets are closed by the pod. */
  default void onKill() {}

  /**
   * SIGTERM, which the kubelet sends a container's main process when its pod is deleted. A
   * program that handles it stops (servers do: nginx, Go servers), usually with exit status 0;
   * the default does nothing, as PID 1 without a handler ignores SIGTERM (busybox's sleep), so
   * the kubelet kills it when the grace period ends.
   */
  default void onTerminate() {}
}
