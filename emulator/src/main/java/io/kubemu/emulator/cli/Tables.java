package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** kubectl-style tables: upper-case headers, columns padded by three spaces. */
final class Tables {
  private Tables() {}

  /** Prints the table; returns its column widths, for rows printed later under it (kubectl get -w). */
  static int[] print(List<String> headers, Iterable<JsonNode> rows, Function<JsonNode, List<String>> columns) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(headers);
    rows.forEach(r -> lines.add(columns.apply(r)));
    int[] width = new int[headers.size()];
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> widen(width, l));
    lines.forEach(l -> append(sb, l, width));
    System.out.print(sb);
    return width;
  }

  /** Prints one more row under a table, its columns as wide as before or wider. */
  static void printRow(List<String> row, int[] width) {
    widen(width, row);
    StringBuilder sb = new StringBuilder();
    append(sb, row, width);
    System.out.print(sb);
  }

  private static void widen(int[] width, List<String> row) {
    for (int i = 0; i < row.size(); i++) {
      width[i] = Math.max(width[i], row.get(i).length());
    }
  }

  private static void append(StringBuilder sb, List<String> row, int[] width) {
    for (int i = 0; i < row.size(); i++) {
      sb.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (width[i] + 3) + "s", row.get(i)));
    }
    sb.append('\n');
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String nodeReady(JsonNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True") ? "Ready" : "NotReady";
      }
    }
    return "Unknown";
  }

  /** kubectl's short age: 45s, 3m, 5h, 2d. */
  static String age(JsonNode meta) {
    String ts = meta.path("creationTimestamp").asText(null);
    if (ts == null) {
      return "<unknown>";
    }
    long s = Duration.between(Instant.parse(ts), Instant.now()).toSeconds();
    return s < 120 ? Math.max(0, s) + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
  }

  /** The STATUS column of kubectl get pods. */
  static String podStatus(JsonNode pod) {
    if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
      return "Terminating";
    }
    String reason = pod.path("status").path("phase").asText("Pending");
    for (JsonNode c : pod.path("status").path("containerStatuses")) {
      JsonNode waiting = c.path("state").path("waiting");
      JsonNode terminated = c.path("state").path("terminated");
      if (waiting.hasNonNull("reason") && !waiting.path("reason").asText().isEmpty()) {
        return waiting.path("reason").asText();
      }
      if (terminated.hasNonNull("reason") && !terminated.path("reason").asText().isEmpty()) {
        reason = terminated.path("reason").asText();
      }
    }
    return reason;
  }

  static String podReady(JsonNode pod) {
    int total = pod.path("spec").path("containers").size();
    int ready = 0;
    for (JsonNode c : pod.path("status").path("containerStatuses")) {
      if (c.path("ready").asBoolean()) {
        ready++;
      }
    }
    return ready + "/" + total;
  }

  static String restarts(JsonNode pod) {
    int n = 0;
    for (JsonNode c : pod.path("status").path("containerStatuses")) {
      n += c.path("restartCount").asInt();
    }
    return Integer.toString(n);
  }
}
