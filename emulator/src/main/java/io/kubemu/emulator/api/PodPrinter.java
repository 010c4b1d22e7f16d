package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The READY, STATUS and RESTARTS of a pod as the API server's printPod computes them: init containers
 * first (Init:N/M, Init:Reason), then the containers from last to first, Completed turned back into
 * Running while one still runs, Terminating while deleting, and restarts with the time since the last.
 */
public final class PodPrinter {
  /** The three computed cells. */
  public record Summary(String ready, String status, String restarts) {}

  private PodPrinter() {}

  public static Summary summarize(JsonNode pod, Instant now) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    int total = spec.path("containers").size();
    int ready = 0;
    int restarts = 0;
    int sidecarRestarts = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;
    String phase = status.path("phase").asText("Pending");
    String reason = Printers.text(status.get("reason"), phase);
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled") && c.path("reason").asText().equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }
    Set<String> sidecars = new HashSet<>();
    for (JsonNode c : spec.path("initContainers")) {
      if (c.path("restartPolicy").asText().equals("Always")) {
        sidecars.add(c.path("name").asText());
        total++;
      }
    }
    boolean initializing = false;
    int i = 0;
    for (JsonNode c : status.path("initContainerStatuses")) {
      restarts += c.path("restartCount").asInt();
      lastRestart = later(lastRestart, finishedAt(c));
      boolean sidecar = sidecars.contains(c.path("name").asText());
      if (sidecar) {
        sidecarRestarts += c.path("restartCount").asInt();
        lastSidecarRestart = later(lastSidecarRestart, finishedAt(c));
      }
      JsonNode terminated = c.path("state").path("terminated");
      JsonNode waiting = c.path("state").path("waiting");
      if (terminated.isObject() && terminated.path("exitCode").asInt() == 0) {
        i++;
        continue;
      }
      if (sidecar && c.path("started").asBoolean()) {
        ready += c.path("ready").asBoolean() ? 1 : 0;
        i++;
        continue;
      }
      if (terminated.isObject()) {
        reason = terminated.path("reason").asText("").isEmpty()
            ? terminated.path("signal").asInt() != 0 ? "Init:Signal:" + terminated.path("signal").asInt()
                : "Init:ExitCode:" + terminated.path("exitCode").asInt()
            : "Init:" + terminated.path("reason").asText();
      } else if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()
          && !waiting.path("reason").asText().equals("PodInitializing")) {
        reason = "Init:" + waiting.path("reason").asText();
      } else {
        reason = "Init:" + i + "/" + spec.path("initContainers").size();
      }
      initializing = true;
      break;
    }
    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean running = false;
      JsonNode statuses = status.path("containerStatuses");
      for (int k = statuses.size() - 1; k >= 0; k--) {
        JsonNode c = statuses.get(k);
        restarts += c.path("restartCount").asInt();
        lastRestart = later(lastRestart, finishedAt(c));
        JsonNode waiting = c.path("state").path("waiting");
        JsonNode terminated = c.path("state").path("terminated");
        if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()) {
          reason = waiting.path("reason").asText();
        } else if (terminated.isObject() && !terminated.path("reason").asText("").isEmpty()) {
          reason = terminated.path("reason").asText();
        } else if (terminated.isObject()) {
          reason = terminated.path("signal").asInt() != 0 ? "Signal:" + terminated.path("signal").asInt()
              : "ExitCode:" + terminated.path("exitCode").asInt();
        } else if (c.path("ready").asBoolean() && c.path("state").path("running").isObject()) {
          running = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && running) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }
    boolean deleting = pod.path("metadata").hasNonNull("deletionTimestamp");
    if (deleting && status.path("reason").asText().equals("NodeLost")) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
    String restartText = restarts != 0 && lastRestart != null
        ? restarts + " (" + Printers.humanDuration(java.time.Duration.between(lastRestart, now)) + " ago)"
        : Integer.toString(restarts);
    return new Summary(ready + "/" + total, reason, restartText);
  }

  private static boolean conditionTrue(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  private static Instant finishedAt(JsonNode containerStatus) {
    JsonNode at = containerStatus.path("lastState").path("terminated").path("finishedAt");
    try {
      return at.isTextual() ? Instant.parse(at.asText()) : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }
}
