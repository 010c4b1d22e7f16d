package io.kubemu.nodes.app;

import io.kubemu.nodes.agent.PodHosts;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.stack.IcmpEvent;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.TcpAcceptor;
import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An in-memory process for one app: it collects stdout and stderr, keeps the exit status, and
 * holds timers until the test fires them. Sockets go to a real {@link PodStack} and stop delivering
 * once the process exited, as the pod's processes do. Its files are the kubelet's /etc/hosts for
 * its hostname and address, and whatever the test gives with {@link #file}; there is no
 * resolv.conf unless given, so a resolver asks 127.0.0.1 as libc does then.
 */
public final class FakeAppContext implements AppContext {
  private final PodStack net;
  private final List<String> argv;
  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  private final Map<String, Duration> timers = new LinkedHashMap<>();
  private final List<TcpSocket> tcpSockets = new ArrayList<>();
  private final List<TcpEndpoints.Listener> tcpListeners = new ArrayList<>();
  private App app;
  private Integer status;
  private byte[] stdin = new byte[0];
  private String hostname = "fake";
  private final Map<String, String> env = new HashMap<>();
  private final Map<String, String> files = new HashMap<>();
  private final List<Consumer<ClusterView>> clusterWatchers = new ArrayList<>();
  private ClusterView view;

  public FakeAppContext(PodStack net, String... argv) {
    this.net = net;
    this.argv = List.of(argv);
  }

  /** A command line: {@code program} and then {@code args}. */
  public static String[] command(String program, String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = program;
    System.arraycopy(args, 0, argv, 1, args.length);
    return argv;
  }

  /** Bytes the process reads on stdin (as {@code kubectl exec -i} gives them); set before start. */
  public FakeAppContext stdin(String text) {
    this.stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public FakeAppContext hostname(String name) {
    this.hostname = name;
    return this;
  }

  public FakeAppContext env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** A file the process can read (e.g. {@link PodFiles#RESOLV_CONF}); set before start. */
  public FakeAppContext file(String path, String text) {
    files.put(path, text);
    return this;
  }

  /** The process is killed, as the pod does on deletion: the app hears it, then the process ends with 137. */
  public void kill() {
    app.onKill();
    exit(137);
  }

  /** Starts {@code app} in this context; returns this. */
  public FakeAppContext start(App app) {
    this.app = app;
    app.start(this);
    return this;
  }

  /** Runs the timer {@code key} if it is scheduled; false when it is not. */
  public boolean fire(String key) {
    if (timers.remove(key) == null) {
      return false;
    }
    app.onTimer(key);
    return true;
  }

  public Map<String, Duration> timers() {
    return timers;
  }

  public String stdout() {
    return stdout.toString();
  }

  public String stderr() {
    return stderr.toString();
  }

  /** The exit status, or null while the process runs. */
  public Integer status() {
    return status;
  }

  @Override
  public List<String> argv() {
    return argv;
  }

  @Override
  public byte[] stdin() {
    return stdin;
  }

  @Override
  public void out(String text) {
    stdout.append(text);
  }

  @Override
  public void err(String text) {
    stderr.append(text);
  }

  @Override
  public void exit(int status) {
    if (this.status == null) {
      this.status = status;
      timers.clear();
      // As the pod's Process does: what the process still holds closes with it.
      tcpListeners.forEach(TcpEndpoints.Listener::close);
      List.copyOf(tcpSockets).forEach(TcpSocket::close);
    }
  }

  @Override
  public boolean exited() {
    return status != null;
  }

  @Override
  public PodStack net() {
    return net;
  }

  @Override
  public int bindUdp(int port, Consumer<Datagram> receiver) {
    return net.bindUdp(port, d -> {
      if (!exited()) {
        receiver.accept(d);
      }
    });
  }

  @Override
  public void closeUdp(int port) {
    net.closeUdp(port);
  }

  @Override
  public void bindEcho(int identifier, Consumer<IcmpEvent> receiver) {
    net.bindEcho(identifier, e -> {
      if (!exited()) {
        receiver.accept(e);
      }
    });
  }

  @Override
  public void schedule(String key, Duration delay) {
    if (!exited()) {
      timers.put(key, delay);
    }
  }

  @Override
  public void cancel(String key) {
    timers.remove(key);
  }

  @Override
  public String hostname() {
    return hostname;
  }

  @Override
  public String env(String name) {
    return env.get(name);
  }

  @Override
  public Optional<String> readFile(String path) {
    Map<String, String> all = new HashMap<>(Map.of(PodFiles.HOSTS,
        PodHosts.managedHostsFile(net.address(), hostname, "", List.of())));
    all.putAll(files);
    return new PodFiles(all).read(path);
  }

  @Override
  public void watchCluster(Consumer<ClusterView> listener) {
    clusterWatchers.add(listener);
    if (view != null) {
      listener.accept(view);
    }
  }

  /** The cluster's objects change: every watcher hears {@code next}, as the pod's informer delivers it. */
  public void cluster(ClusterView next) {
    this.view = next;
    if (!exited()) {
      List.copyOf(clusterWatchers).forEach(w -> w.accept(next));
    }
  }

  @Override
  public TcpSocket connectTcp(Ipv4Address destination, int port, TcpHandler handler) {
    TcpSocket socket = net.tcp().connect(destination, port, handler);
    tcpSockets.add(socket);
    return socket;
  }

  @Override
  public boolean listenTcp(int port, int backlog, TcpAcceptor acceptor) {
    if (exited()) {
      return false;
    }
    TcpEndpoints.Listener listener = net.tcp().listen(port, backlog, socket -> {
      tcpSockets.add(socket);
      return acceptor.accept(socket);
    });
    if (listener != null) {
      tcpListeners.add(listener);
    }
    return listener != null;
  }
}
