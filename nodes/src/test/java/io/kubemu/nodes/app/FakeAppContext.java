package io.kubemu.nodes.app;

import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.stack.IcmpEvent;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.TcpAcceptor;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-memory process for one app: it collects stdout and stderr, keeps the exit status, and
 * holds timers until the test fires them. Sockets go to a real {@link PodStack} and stop delivering
 * once the process exited, as the pod's processes do.
 */
public final class FakeAppContext implements AppContext {
  private final PodStack net;
  private final List<String> argv;
  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  private final Map<String, Duration> timers = new LinkedHashMap<>();
  private App app;
  private Integer status;

  public FakeAppContext(PodStack net, String... argv) {
    this.net = net;
    this.argv = List.of(argv);
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
    return new byte[0];
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
    return "fake";
  }

  @Override
  public String env(String name) {
    return null;
  }

  @Override
  public TcpSocket connectTcp(Ipv4Address destination, int port, TcpHandler handler) {
    return net.tcp().connect(destination, port, handler);
  }

  @Override
  public boolean listenTcp(int port, int backlog, TcpAcceptor acceptor) {
    return net.tcp().listen(port, backlog, acceptor) != null;
  }
}
