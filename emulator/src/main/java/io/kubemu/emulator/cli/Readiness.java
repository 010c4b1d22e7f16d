package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.state.StateDir;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Waits until the API server lists every node Ready, failing fast when a host JVM dies. */
final class Readiness {
  private Readiness() {}

  static void awaitNodes(StateDir state, ApiClient api, List<Process> hosts, List<String> nodes, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> ready = new HashSet<>();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < hosts.size(); i++) {
        if (!hosts.get(i).isAlive()) {
          String name = "h" + (i + 1);
          throw new CliException("host " + name + " exited with status " + hosts.get(i).exitValue() + " while starting; last lines of "
              + state.log(name) + ":\n" + HostLauncher.tail(state, name, 25));
        }
      }
      ready = readyNodes(api);
      if (ready.containsAll(nodes)) {
        return;
      }
      Thread.sleep(300);
    }
    Set<String> missing = new HashSet<>(nodes);
    missing.removeAll(ready);
    throw new CliException("nodes not Ready after " + timeout.toSeconds() + "s: " + missing + "; last lines of " + state.log("h1")
        + ":\n" + HostLauncher.tail(state, "h1", 25));
  }

  static Set<String> readyNodes(ApiClient api) {
    Set<String> ready = new HashSet<>();
    try {
      ApiClient.Reply r = api.get("/api/v1/nodes");
      if (r.status() != 200) {
        return ready;
      }
      for (JsonNode n : r.json().path("items")) {
        for (JsonNode c : n.path("status").path("conditions")) {
          if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
            ready.add(n.path("metadata").path("name").asText());
          }
        }
      }
    } catch (CliException e) {
      // the API server is not listening yet
    }
    return ready;
  }
}
