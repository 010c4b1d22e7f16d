package io.kubemu.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs scripts/kubemu as a user would, with its own state folder, and keeps what it printed. */
final class Cli {
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Path repo() {
    return Path.of(System.getProperty("kubemu.repo", "..")).toAbsolutePath().normalize();
  }

  private final Path home;

  Cli(Path home) {
    this.home = home;
  }

  Path home() {
    return home;
  }

  Result run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs a command that must succeed and print JSON ({@code -o json}), and reads what it printed. */
  com.fasterxml.jackson.databind.JsonNode json(String... args) throws IOException {
    Result r = run(args);
    if (r.exit() != 0) {
      throw new AssertionError("kubemu " + String.join(" ", args) + " failed: " + r);
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
  }

  Result runWithInput(String stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(repo().resolve("scripts/kubemu").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo().toFile());
    pb.environment().put("KUBEMU_HOME", home.toString());
    pb.environment().remove("KUBEMU_API");
    try {
      Path out = java.nio.file.Files.createTempFile("kubemu-cli", ".out");
      Path err = java.nio.file.Files.createTempFile("kubemu-cli", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      if (!p.waitFor(240, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("kubemu " + String.join(" ", args) + " did not finish within 240s");
      }
      Result r = new Result(p.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
      java.nio.file.Files.deleteIfExists(out);
      java.nio.file.Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new AssertionError("cannot run kubemu: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
