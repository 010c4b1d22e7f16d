package io.kubemu.emulator.bench;

import io.kubemu.emulator.host.Jvms;
import io.kubemu.emulator.cli.Kubemu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The JVMs the bench starts ({@code kubemu bench member|heap}), with this JVM's java and classpath
 * and a real host's flags, each logging to its own file. None outlives the bench: closing stops
 * them, a shutdown hook kills them on Ctrl-C, and each exits by itself when its stdin (a pipe from
 * this JVM) reaches end-of-file, which is what happens when this JVM dies any other way.
 */
final class ChildJvms implements AutoCloseable {
  private static final List<String> HOST_FLAGS = List.of("-Xss512k", "-XX:+UseParallelGC");

  private final Path logs;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final Thread hook = new Thread(this::killAll, "kubemu-bench-cleanup");

  ChildJvms(Path logs) {
    this.logs = logs;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts {@code kubemu bench <args>} as JVM {@code name} with at most {@code heap} of heap. */
  Process start(String name, String heap, String... args) throws IOException {
    return start(name, heap, List.of(), args);
  }

  /** The same, with {@code jvmFlags} after a host's. */
  Process start(String name, String heap, List<String> jvmFlags, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Jvms.javaBinary().toString(),
        "-Xmx" + heap));
    cmd.addAll(HOST_FLAGS);
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Kubemu.class.getName(), "bench"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
    running.put(name, p);
    return p;
  }

  Path log(String name) {
    return logs.resolve(name + ".log");
  }

  /** The last lines of a JVM's log, for error messages. */
  String tail(String name, int lines) {
    return Jvms.tail(log(name), lines);
  }

  /** Fails with the JVM's log when it has exited. */
  void requireAlive(String name) {
    Process p = running.get(name);
    if (p != null && !p.isAlive()) {
      throw new IllegalStateException("bench JVM " + name + " exited with status " + p.exitValue() + "; its log ("
          + log(name) + ") ends:\n" + tail(name, 30));
    }
  }

  /** Asks a JVM to stop (SIGTERM: it leaves the cluster), and kills it if it has not within 10 s. */
  void stop(String name) {
    Process p = running.remove(name);
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void killAll() {
    running.values().forEach(Process::destroyForcibly);
  }

  @Override
  public void close() {
    List.copyOf(running.keySet()).forEach(this::stop);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }
}
