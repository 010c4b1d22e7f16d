package io.kubemu.emulator.cli;

import io.kubemu.emulator.state.ClusterRecord;
import io.kubemu.emulator.state.HostRecord;
import io.kubemu.emulator.state.StateDir;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** Stops every host of the cluster and leaves no process behind. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the cluster's hosts and leave no process.")
public final class DownCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    StateDir state = StateDir.fromEnvironment();
    Map<Long, String> pids = new LinkedHashMap<>();
    ClusterRecord c = state.cluster();
    if (c != null) {
      for (int i = 0; i < c.pids().size(); i++) {
        pids.put(c.pids().get(i), c.hosts().get(i));
      }
    }
    for (HostRecord h : state.hosts()) {
      pids.put(h.pid(), h.name());
    }
    if (pids.isEmpty() && !state.running()) {
      System.out.println("no cluster is running in " + state.root());
      return 0;
    }
    state.clearRun();
    java.nio.file.Files.deleteIfExists(state.kubeconfig());
    List<ProcessHandle> alive = new ArrayList<>();
    pids.forEach((pid, name) -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> {
      p.destroy();
      alive.add(p);
    }));
    for (ProcessHandle p : alive) {
      try {
        p.onExit().get(15, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.onExit().get(5, TimeUnit.SECONDS);
      }
      System.out.println("stopped " + pids.get(p.pid()) + " (pid " + p.pid() + ")");
    }
    System.out.println("cluster in " + state.root() + " is down");
    return 0;
  }
}
