package io.kubemu.emulator.bench;

import io.kubemu.emulator.cli.Kubemu;
import io.kubemu.emulator.host.Jvms;
import io.kubemu.emulator.state.ClusterRecord;
import io.kubemu.emulator.state.HostRecord;
import io.kubemu.emulator.state.PortRecord;
import io.kubemu.emulator.state.StateDir;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A cluster of the control-plane bench: started with {@code kubemu up} and stopped with
 * {@code kubemu down}, both run as a user runs them (child JVMs of this one), in a state folder of
 * its own, so it never meets another cluster. It is stopped when closed and, through a shutdown
 * hook, on Ctrl-C; the folder, with the hosts' logs, is removed only when the bench succeeded.
 */
final class BenchCluster implements AutoCloseable {
  private final StateDir state;
  private final PrintStream progress;
  private final Thread hook = new Thread(this::interrupted, "kubemu-bench-down");
  private final AtomicBoolean stopped = new AtomicBoolean();
  /** Hosts the bench killed on purpose. */
  private final Set<String> killed = new HashSet<>();
  private List<HostRecord> hosts = List.of();
  private String api;
  private boolean succeeded;

  private BenchCluster(StateDir state, PrintStream progress) {
    this.state = state;
    this.progress = progress;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Runs {@code kubemu up} with {@code args} in a new state folder; returns once every node is
   * Ready and each of the {@code hosts} has written its record (a host writes it a little after
   * its nodes may already be Ready).
   */
  static BenchCluster up(PrintStream progress, int hosts, int timeoutSeconds, String... args) throws IOException, InterruptedException {
    BenchCluster c = new BenchCluster(new StateDir(Files.createTempDirectory("kubemu-bench-cp-")), progress);
    progress.println("state folder with the hosts' logs: " + c.state.root() + " (removed when the bench succeeds)");
    List<String> up = new ArrayList<>(List.of("up"));
    up.addAll(List.of(args));
    try {
      if (c.kubemu(timeoutSeconds + 30, up) != 0) {
        throw new IllegalStateException("'kubemu " + String.join(" ", up) + "' failed; its output ends:\n" + Jvms.tail(c.cliLog(), 30));
      }
      c.hosts = c.awaitRecords(hosts, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
      ClusterRecord record = c.state.cluster();
      if (record == null) {
        throw new IllegalStateException("'kubemu up' wrote no cluster record in " + c.state.run());
      }
      c.api = record.apiUrl();
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private List<HostRecord> awaitRecords(int hosts, long deadline) throws InterruptedException {
    List<HostRecord> records = state.hosts();
    while (records.size() < hosts) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + records.size() + " of " + hosts + " hosts wrote their record in " + state.run());
      }
      Thread.sleep(100);
      records = state.hosts();
    }
    return records;
  }

  /** The API server's URL, shared by the control-plane hosts. */
  String api() {
    return api;
  }

  Path logs() {
    return state.logs();
  }

  List<String> hostNames() {
    return hosts.stream().map(HostRecord::name).toList();
  }

  /** The real port on 127.0.0.1 a host opened for a Service's node port ({@code namespace/name:port}), once it has. */
  Optional<PortRecord> nodePort(String service) {
    return state.ports().stream().filter(p -> p.kind().equals("nodeport") && p.service().equals(service)).findFirst();
  }

  /** kill -9 of a host, as a crash would; returns once the process is gone. */
  void kill(String host) throws InterruptedException {
    HostRecord h = hosts.stream().filter(r -> r.name().equals(host)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no host " + host + " (hosts: " + hostNames() + ")"));
    killed.add(host);
    ProcessHandle.of(h.pid()).ifPresent(p -> {
      p.destroyForcibly();
      p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
    });
  }

  /** Fails, with the end of its log, when a host the bench did not kill has died. */
  void requireAlive() {
    for (HostRecord h : hosts) {
      if (!killed.contains(h.name()) && !ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false)) {
        throw new IllegalStateException("host " + h.name() + " (pid " + h.pid() + ") died; its log ends:\n" + Jvms.tail(state.log(h.name()), 30));
      }
    }
  }

  /** The bench finished and every pod ran: its folder can go. */
  void succeeded() {
    succeeded = true;
  }

  @Override
  public void close() {
    down();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
    if (succeeded) {
      try (Stream<Path> files = Files.walk(state.root())) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        progress.println("could not remove " + state.root() + ": " + e.getMessage());
      }
    } else {
      progress.println("the hosts' logs stay in " + state.logs());
    }
  }

  /** Ctrl-C or kill: the cluster goes, its logs stay. */
  private void interrupted() {
    down();
    progress.println("bench interrupted: cluster stopped; the hosts' logs stay in " + state.logs());
  }

  /** {@code kubemu down}; then any host still alive (down failed, or never ran) is killed. */
  private void down() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    List<HostRecord> started = hosts.isEmpty() ? state.hosts() : hosts;
    try {
      kubemu(60, List.of("down"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      progress.println("'kubemu down' failed: " + e);
    }
    for (HostRecord h : started) {
      ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private Path cliLog() {
    return state.root().resolve("kubemu-cli.log");
  }

  /** Runs the kubemu CLI in a child JVM on this folder; returns its exit status. */
  private int kubemu(int timeoutSeconds, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Jvms.javaBinary().toString(), "-cp", System.getProperty("java.class.path"),
        Kubemu.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(cliLog().toFile()));
    pb.environment().put("KUBEMU_HOME", state.root().toString());
    pb.environment().remove("KUBEMU_API");
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new IllegalStateException("'kubemu " + String.join(" ", args) + "' did not finish within " + timeoutSeconds + " s");
    }
    return p.exitValue();
  }
}
