package io.kubemu.emulator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Commands for end-to-end tests: run with a time limit and collect the output, or stop a process and its descendants. */
final class Shell {
  private Shell() {}

  /** Exit status and standard output and error together; 124 when the time limit ran out. */
  record Result(int code, String out) {}

  static Result run(Duration timeout, Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
    File out = File.createTempFile("kubemu-shell-", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().remove("KUBEMU_API");
      pb.environment().remove("KUBEMU_HOME");
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(p.toHandle(), Duration.ZERO);
        return new Result(124, String.join(" ", cmd) + ": timed out after " + timeout.toSeconds() + "s\n" + Files.readString(out.toPath()));
      }
      return new Result(p.exitValue(), Files.readString(out.toPath()));
    } finally {
      out.delete();
    }
  }

  static Result run(Duration timeout, String... cmd) throws IOException, InterruptedException {
    return run(timeout, Map.of(), List.of(cmd));
  }

  /** Whether a command exits 0; false when it cannot even start. */
  static boolean works(String... cmd) {
    try {
      return run(Duration.ofSeconds(10), cmd).code() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command that must succeed within 20 seconds and returns its output. */
  static String sh(String... cmd) throws IOException {
    try {
      Result r = run(Duration.ofSeconds(20), cmd);
      if (r.code() != 0) {
        throw new IOException(String.join(" ", cmd) + " exited with " + r.code() + ": " + r.out().strip());
      }
      return r.out();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  /** Waits up to {@code grace} for the process to exit by itself, then kills it and every descendant. */
  static void stop(ProcessHandle p, Duration grace) {
    List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
    family.add(p);
    if (!grace.isZero()) {
      p.onExit().completeOnTimeout(p, grace.toMillis(), TimeUnit.MILLISECONDS).join();
    }
    family.forEach(ProcessHandle::destroyForcibly);
    family.forEach(h -> h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join());
  }
}
