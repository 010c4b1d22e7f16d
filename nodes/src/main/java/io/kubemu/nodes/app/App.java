package io.kubemu.nodes.app;

/**
 * What a container (or a command run with exec) runs: an emulated program. It speaks only through
 * its {@link AppContext}: the pod's sockets, timers, stdout and its exit status. Every call comes
 * from the pod actor's thread.
 */
public interface App {
  void start(AppContext ctx);

  default void onTimer(String key) {}

  /** The process is being killed (pod deleted); sockets are closed by the pod. */
  default void onKill() {}
}
