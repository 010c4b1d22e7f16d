package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.api.PodPrinter;
import io.kubemu.emulator.api.Printers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * kubectl-style tables: upper-case headers, columns padded by three spaces. The cells are those the
 * API server's Table printers compute ({@link Printers}, {@link PodPrinter}), so both print alike.
 */
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

  /** The STATUS column of kubectl get nodes. */
  static String nodeReady(JsonNode node) {
    return Printers.nodeStatus(node);
  }

  /** kubectl's AGE: 45s, 3m20s, 5h10m, 3d8h. */
  static String age(JsonNode meta) {
    return Printers.age(meta, Instant.now());
  }

  /** The STATUS column of kubectl get pods. */
  static String podStatus(JsonNode pod) {
    return PodPrinter.summarize(pod, Instant.now()).status();
  }

  static String podReady(JsonNode pod) {
    return PodPrinter.summarize(pod, Instant.now()).ready();
  }

  static String restarts(JsonNode pod) {
    return PodPrinter.summarize(pod, Instant.now()).restarts();
  }
}
