package io.kubemu.nodes.app;

import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.TcpAcceptor;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An image's entrypoint script in the docker-library style: without arguments it runs the
 * image's CMD, else it execs its arguments ({@code exec "$@"}). Some scripts (curlimages/curl's
 * {@code /entrypoint.sh}) first hand arguments that start with {@code -}, or name no program of
 * the image, to the main program. So both {@code kubectl run --image=curlimages/curl c -- curl -s
 * http://web} and {@code -- -s http://web} run curl, as in a real cluster.
 */
public final class Entrypoint implements App {
  private final Function<String, Optional<App>> programs;
  private final List<String> cmd;
  private final boolean wrapsArguments;
  private App exec;

  /**
   * {@code cmd} is the image's CMD; with {@code wrapsArguments}, its first word is the program
   * that options and unknown words go to.
   */
  public Entrypoint(Function<String, Optional<App>> programs, List<String> cmd, boolean wrapsArguments) {
    this.programs = programs;
    this.cmd = cmd;
    this.wrapsArguments = wrapsArguments;
  }

  @Override
  public void start(AppContext ctx) {
    List<String> args = ctx.argv().subList(1, ctx.argv().size());
    List<String> argv = new ArrayList<>();
    if (args.isEmpty()) {
      argv.addAll(cmd);
    } else {
      if (wrapsArguments && (args.get(0).startsWith("-") || programs.apply(args.get(0)).isEmpty())) {
        argv.add(cmd.get(0));
      }
      argv.addAll(args);
    }
    Optional<App> app = programs.apply(argv.get(0));
    if (app.isEmpty()) {
      ctx.err(ctx.argv().get(0) + ": exec: " + argv.get(0) + ": not found\n");
      ctx.exit(127);
      return;
    }
    exec = app.get();
    exec.start(new Exec(ctx, List.copyOf(argv)));
  }

  @Override
  public void onTimer(String key) {
    if (exec != null) {
      exec.onTimer(key);
    }
  }

  @Override
  public void onTerminate() {
    if (exec != null) {
      exec.onTerminate(); // the script exec'd the program: it is PID 1 and gets the signal
    }
  }

  @Override
  public void onKill() {
    if (exec != null) {
      exec.onKill();
    }
  }

  /** The same process after exec(3): a new command line, everything else kept. */
  private record Exec(AppContext process, List<String> argv) implements AppContext {
    @Override
    public byte[] stdin() {
      return process.stdin();
    }

    @Override
    public void out(String text) {
      process.out(text);
    }

    @Override
    public void err(String text) {
      process.err(text);
    }

    @Override
    public void exit(int status) {
      process.exit(status);
    }

    @Override
    public boolean exited() {
      return process.exited();
    }

    @Override
    public PodStack net() {
      return process.net();
    }

    @Override
    public int bindUdp(int port, Consumer<io.kubemu.nodes.stack.Datagram> receiver) {
      return process.bindUdp(port, receiver);
    }

    @Override
    public void closeUdp(int port) {
      process.closeUdp(port);
    }

    @Override
    public void bindEcho(int identifier, Consumer<io.kubemu.nodes.stack.IcmpEvent> receiver) {
      process.bindEcho(identifier, receiver);
    }

    @Override
    public TcpSocket connectTcp(Ipv4Address destination, int port, TcpHandler handler) {
      return process.connectTcp(destination, port, handler);
    }

    @Override
    public boolean listenTcp(int port, int backlog, TcpAcceptor acceptor) {
      return process.listenTcp(port, backlog, acceptor);
    }

    @Override
    public void schedule(String key, Duration delay) {
      process.schedule(key, delay);
    }

    @Override
    public void cancel(String key) {
      process.cancel(key);
    }

    @Override
    public String hostname() {
      return process.hostname();
    }

    @Override
    public String env(String name) {
      return process.env(name);
    }

    @Override
    public void watchCluster(Consumer<ClusterView> listener) {
      process.watchCluster(listener);
    }

    @Override
    public Optional<String> readFile(String path) {
      return process.readFile(path);
    }
  }
}
