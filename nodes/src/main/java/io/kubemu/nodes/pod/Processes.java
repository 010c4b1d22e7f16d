package io.kubemu.nodes.pod;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.stack.PodStack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The programs running in one pod, by pid: each container's main process and the commands exec'd into it. */
final class Processes {
  private final PodStack stack;
  private final Process.Host host;
  private final Map<Integer, Process> byPid = new HashMap<>();
  private final Map<Integer, Consumer<ExecResult>> execs = new HashMap<>();
  private final Map<String, Integer> mains = new HashMap<>();
  private int nextPid = 1;

  Processes(PodStack stack, Process.Host host) {
    this.stack = stack;
    this.host = host;
  }

  /** A container's main process, not started yet. */
  Process main(ContainerSpec c, List<String> argv, App app) {
    Process p = spawn(c, argv, new byte[0], app);
    mains.put(c.name(), p.pid());
    return p;
  }

  /** An exec'd command, not started yet; {@code done} hears how it ended. */
  Process exec(ContainerSpec c, List<String> argv, byte[] stdin, App app, Consumer<ExecResult> done) {
    Process p = spawn(c, argv, stdin, app);
    execs.put(p.pid(), done);
    return p;
  }

  private Process spawn(ContainerSpec c, List<String> argv, byte[] stdin, App app) {
    Process p = new Process(nextPid++, c.name(), argv, stdin, c.env(), stack, host, app);
    byPid.put(p.pid(), p);
    return p;
  }

  Optional<Process> get(int pid) {
    return Optional.ofNullable(byPid.get(pid));
  }

  Optional<Process> mainOf(String container) {
    return Optional.ofNullable(mains.get(container)).map(byPid::get);
  }

  List<Process> execsIn(String container) {
    return List.copyOf(byPid.values().stream().filter(p -> p.container().equals(container) && execs.containsKey(p.pid())).toList());
  }

  /** Forgets an ended process. Returns whom to answer for an exec'd one, or empty for a container's main process. */
  Optional<Consumer<ExecResult>> ended(Process p) {
    byPid.remove(p.pid());
    Consumer<ExecResult> done = execs.remove(p.pid());
    if (done == null) {
      mains.remove(p.container());
    }
    return Optional.ofNullable(done);
  }

  void killAll() {
    byPid.values().forEach(Process::kill);
  }
}
