package io.kubemu.nodes.pod;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.stack.IcmpEvent;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.TcpAcceptor;
import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.nodes.tcp.TcpState;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One running program in a pod: a container's main process or an exec'd command. It tracks the
 * sockets it bound so they close when it ends, and collects stdout and stderr.
 */
final class Process implements AppContext {
  /** How the pod schedules this process's timers and hears of its exit. */
  interface Host {
    void schedule(int pid, String key, Duration delay);

    void cancel(int pid, String key);

    void exited(Process p, int status);

    String hostname();

    /** Hands {@code listener} the cluster's objects now and after every change, until the process ends. */
    void watchCluster(Process p, Consumer<ClusterView> listener);

    /** A file of the pod's containers (see {@link PodFiles}). */
    Optional<String> readFile(String path);
  }

  private final int pid;
  private final String container;
  private final List<String> argv;
  private final byte[] stdin;
  private final Map<String, String> env;
  private final PodStack net;
  private final Host host;
  private final App app;
  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  private final List<Integer> udpPorts = new ArrayList<>();
  private final List<Integer> echoIds = new ArrayList<>();
  private final List<TcpSocket> tcpSockets = new ArrayList<>();
  private final List<TcpEndpoints.Listener> tcpListeners = new ArrayList<>();
  private boolean exited;
  private int status;
  private Consumer<ExecOutput> stream;

  Process(int pid, String container, List<String> argv, byte[] stdin, Map<String, String> env, PodStack net, Host host, App app) {
    this.pid = pid;
    this.container = container;
    this.argv = List.copyOf(argv);
    this.stdin = stdin;
    this.env = env;
    this.net = net;
    this.host = host;
    this.app = app;
  }

  int pid() {
    return pid;
  }

  String container() {
    return container;
  }

  App app() {
    return app;
  }

  int status() {
    return status;
  }

  String takeStdout() {
    return stdout.toString();
  }

  String takeStderr() {
    return stderr.toString();
  }

  @Override
  public List<String> argv() {
    return argv;
  }

  @Override
  public byte[] stdin() {
    return stdin;
  }

  /** From now on, output goes to {@code sink} as it is printed instead of being kept. */
  void streamTo(Consumer<ExecOutput> sink) {
    this.stream = sink;
  }

  @Override
  public void out(String text) {
    if (stream != null) {
      stream.accept(new ExecOutput(text, ""));
    } else if (stdout.length() < 1 << 20) {
      stdout.append(text);
    }
  }

  @Override
  public void err(String text) {
    if (stream != null) {
      stream.accept(new ExecOutput("", text));
    } else if (stderr.length() < 1 << 20) {
      stderr.append(text);
    }
  }

  @Override
  public void exit(int status) {
    if (exited) {
      return;
    }
    exited = true;
    this.status = status;
    closeSockets();
    host.exited(this, status);
  }

  /** Kills the process: its sockets close and it never runs again. */
  void kill() {
    if (!exited) {
      exited = true;
      status = 137;
      app.onKill();
      closeSockets();
    }
  }

  /** Everything this process holds closes with it, as the kernel closes a dead process's descriptors. */
  private void closeSockets() {
    udpPorts.forEach(net::closeUdp);
    echoIds.forEach(net::closeEcho);
    udpPorts.clear();
    echoIds.clear();
    tcpListeners.forEach(TcpEndpoints.Listener::close);
    tcpListeners.clear();
    List.copyOf(tcpSockets).forEach(TcpSocket::close);
    tcpSockets.clear();
  }

  private void holdTcp(TcpSocket socket) {
    if (tcpSockets.size() >= 64) {
      tcpSockets.removeIf(s -> s.state() == TcpState.CLOSED || s.state() == TcpState.TIME_WAIT);
    }
    tcpSockets.add(socket);
  }

  @Override
  public boolean exited() {
    return exited;
  }

  @Override
  public PodStack net() {
    return net;
  }

  @Override
  public int bindUdp(int port, Consumer<Datagram> receiver) {
    int bound = net.bindUdp(port, d -> {
      if (!exited) {
        receiver.accept(d);
      }
    });
    if (bound > 0) {
      udpPorts.add(bound);
    }
    return bound;
  }

  @Override
  public void closeUdp(int port) {
    if (udpPorts.remove(Integer.valueOf(port))) {
      net.closeUdp(port);
    }
  }

  @Override
  public void bindEcho(int identifier, Consumer<IcmpEvent> receiver) {
    net.bindEcho(identifier, e -> {
      if (!exited) {
        receiver.accept(e);
      }
    });
    echoIds.add(identifier);
  }

  @Override
  public TcpSocket connectTcp(Ipv4Address destination, int port, TcpHandler handler) {
    TcpSocket socket = net.tcp().connect(destination, port, handler);
    if (exited) {
      socket.abort();
    } else {
      holdTcp(socket);
    }
    return socket;
  }

  @Override
  public boolean listenTcp(int port, int backlog, TcpAcceptor acceptor) {
    if (exited) {
      return false;
    }
    TcpEndpoints.Listener listener = net.tcp().listen(port, backlog, socket -> {
      holdTcp(socket);
      return acceptor.accept(socket);
    });
    if (listener == null) {
      return false;
    }
    tcpListeners.add(listener);
    return true;
  }

  @Override
  public void schedule(String key, Duration delay) {
    host.schedule(pid, key, delay);
  }

  @Override
  public void cancel(String key) {
    host.cancel(pid, key);
  }

  @Override
  public String hostname() {
    return host.hostname();
  }

  @Override
  public String env(String name) {
    return env.get(name);
  }

  @Override
  public Optional<String> readFile(String path) {
    return host.readFile(path);
  }

  @Override
  public void watchCluster(Consumer<ClusterView> listener) {
    if (!exited) {
      host.watchCluster(this, view -> {
        if (!exited) {
          listener.accept(view);
        }
      });
    }
  }
}
