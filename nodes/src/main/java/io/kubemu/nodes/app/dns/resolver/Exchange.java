package io.kubemu.nodes.app.dns.resolver;

/** DNS questions under way over the pod's sockets; cancelling closes them and silences their listener. */
public interface Exchange {
  void cancel();
}
