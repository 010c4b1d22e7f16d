package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a bench that starts its own cluster must leave behind once it succeeded: no state folder and no host process. */
final class BenchLeftovers {
  private BenchLeftovers() {}

  /** Checks the state folder the run printed is gone and no process still runs on it. */
  static void assertNone(Cli.Result r) {
    Matcher folder = Pattern.compile("state folder with the hosts' logs: (\\S+)").matcher(r.err());
    assertTrue(folder.find(), r.toString());
    String state = folder.group(1);
    assertFalse(Files.exists(Path.of(state)), "the state folder is removed after a run that succeeded: " + state);
    assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(state)),
        "a host of the bench's cluster is still running");
  }
}
