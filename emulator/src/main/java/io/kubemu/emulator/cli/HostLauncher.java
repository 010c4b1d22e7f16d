package io.kubemu.emulator.cli;

import io.kubemu.emulator.host.Jvms;
import io.kubemu.emulator.state.StateDir;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a host JVM in the background, with this JVM's classpath, logging to the state folder. */
final class HostLauncher {
  private HostLauncher() {}

  static Process start(StateDir state, String name, String bind, int port, String seed, List<String> roles,
      List<String> nodes, int apiPort, boolean shareApiPort, int metricsPort, String heap) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid"); // its own session: a Ctrl-C at the terminal that ran 'up' does not reach it
    }
    cmd.addAll(List.of(Jvms.javaBinary().toString(), "-Xmx" + heap, "-Xss512k", "-XX:+UseParallelGC",
        "-Dkubemu.host=" + name, "-cp", System.getProperty("java.class.path"),
        Kubemu.class.getName(), "host", "--name", name, "--bind", bind, "--port", Integer.toString(port),
        "--join", seed, "--roles", String.join(",", roles), "--api-port", Integer.toString(apiPort),
        "--metrics-port", Integer.toString(metricsPort), "--state-dir", state.root().toString()));
    if (shareApiPort) {
      cmd.add("--share-api-port");
    }
    if (!nodes.isEmpty()) {
      cmd.addAll(List.of("--nodes", String.join(",", nodes)));
    }
    Path log = state.log(name);
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.start();
  }

  /** The last lines of a host's log, for error messages. */
  static String tail(StateDir state, String host, int lines) {
    return Jvms.tail(state.log(host), lines);
  }
}
