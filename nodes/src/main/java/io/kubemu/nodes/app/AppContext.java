package io.kubemu.nodes.app;

import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.stack.IcmpEvent;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.TcpAcceptor;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  /**
   * close(2) on a UDP socket this process bound: it hears nothing more and its port is free again.
   * A resolver opens a socket per lookup, as libc does, so a long-running program must give them back.
   */
  void closeUdp(int port);

  /** Receives ICMP echo replies and errors for this identifier until the process ends. */
  void bindEcho(int identifier, Consumer<IcmpEvent> receiver);

  /**
   * connect(2) on a non-blocking TCP socket of this process: the handshake's outcome, and
   * everything after it, reaches {@code handler} (a failure may arrive before this returns). The
   * socket closes when the process ends.
   */
  TcpSocket connectTcp(Ipv4Address destination, int port, TcpHandler handler);

  /**
   * listen(2) on a TCP port on every address of the pod; false when the port is taken. Each
   * accepted connection goes to {@code acceptor}. Stops listening when the process ends.
   */
  boolean listenTcp(int port, int backlog, TcpAcceptor acceptor);

  void schedule(String key, Duration delay);

  void cancel(String key);

  String hostname();

  /**
   * An informer: {@code listener} hears the cluster's objects now (when the node has them yet)
   * and after every change, until the process ends.
   */
  void watchCluster(Consumer<ClusterView> listener);

  String env(String name);

  /**
   * The text of a file in the container, as open(2) and read(2) give it; empty when there is no
   * such file. kubemu's containers have no file system: only the files the kubelet writes into
   * every container exist ({@code /etc/resolv.conf}, {@code /etc/hosts}), which is what resolvers
   * and {@code cat} need.
   */
  Optional<String> readFile(String path);
}
