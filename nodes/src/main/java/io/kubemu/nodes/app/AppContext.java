package io.kubemu.nodes.app;

import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.stack.IcmpEvent;
import io.kubemu.nodes.stack.PodStack;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The process a program runs as: its arguments, output, timers and the pod's network. */
public interface AppContext {
  /** The command line; element 0 is the program name. */
  List<String> argv();

  byte[] stdin();

  void out(String text);

  void err(String text);

  /** Ends the process with this status; later calls are ignored. */
  void exit(int status);

  boolean exited();

  PodStack net();

  /** Binds a UDP port for this process (0: ephemeral); -1 when in use. Closed when the process ends. */
  int bindUdp(int port, Consumer<Datagram> receiver);

  /** Receives ICMP echo replies and errors for this identifier until the process ends. */
  void bindEcho(int identifier, Consumer<IcmpEvent> receiver);

  void schedule(String key, Duration delay);

  void cancel(String key);

  String hostname();

  String env(String name);
}
