package io.kubemu.nodes.app;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code conn-load} measured, as the one line of {@code key=value} fields it prints and the
 * services bench reads back from the exec's output, so that both ends share one format:
 * {@code conn-load: connections=16 completed=4210 failed=0 seconds=10.002 endpoints=web-1:2101,web-2:2109 failures=- aborted=16}.
 * {@code completed} and {@code failed} count connections that ended inside the measured
 * {@code seconds}; {@code endpoints} splits the completed ones by the answering pod (the body of
 * its response); {@code failures} splits the failed ones by why; {@code aborted} is what was
 * still open when the time was up.
 */
public record ConnLoadReport(int connections, long completed, long failed, double seconds, Map<String, Long> endpoints,
    Map<String, Long> failures, long aborted) {
  public static final String PREFIX = "conn-load: ";
  private static final List<String> KEYS = List.of("connections", "completed", "failed", "seconds", "endpoints", "failures",
      "aborted");

  public ConnLoadReport {
    endpoints = Collections.unmodifiableMap(new TreeMap<>(endpoints));
    failures = Collections.unmodifiableMap(new TreeMap<>(failures));
  }

  /** Completed connections per second of the measured interval. */
  public double perSecond() {
    return seconds > 0 ? completed / seconds : 0;
  }

  public String line() {
    return PREFIX + "connections=" + connections + " completed=" + completed + " failed=" + failed + " seconds="
        + String.format(Locale.ROOT, "%.3f", seconds) + " endpoints=" + counts(endpoints) + " failures=" + counts(failures)
        + " aborted=" + aborted;
  }

  /** The report in a program's output (the first line that starts with {@link #PREFIX}). */
  public static ConnLoadReport parse(String output) {
    String line = output.lines().filter(l -> l.startsWith(PREFIX)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no line starting with '" + PREFIX.trim() + "' in the output: "
            + abbreviate(output)));
    Map<String, String> fields = new HashMap<>();
    for (String f : line.substring(PREFIX.length()).trim().split(" +")) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("bad field '" + f + "' in: " + line + " (expected: key=value)");
      }
      fields.put(f.substring(0, eq), f.substring(eq + 1));
    }
    for (String k : KEYS) {
      if (!fields.containsKey(k)) {
        throw new IllegalArgumentException("no " + k + "= in: " + line);
      }
    }
    try {
      return new ConnLoadReport(Integer.parseInt(fields.get("connections")), Long.parseLong(fields.get("completed")),
          Long.parseLong(fields.get("failed")), Double.parseDouble(fields.get("seconds")), parseCounts(fields.get("endpoints")),
          parseCounts(fields.get("failures")), Long.parseLong(fields.get("aborted")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in: " + line + " (" + e.getMessage() + ")");
    }
  }

  private static String counts(Map<String, Long> m) {
    return m.isEmpty() ? "-" : m.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
  }

  private static Map<String, Long> parseCounts(String text) {
    Map<String, Long> m = new TreeMap<>();
    if (text.equals("-")) {
      return m;
    }
    for (String pair : text.split(",")) {
      int colon = pair.lastIndexOf(':');
      if (colon <= 0) {
        throw new NumberFormatException("'" + pair + "' is not name:count");
      }
      m.merge(pair.substring(0, colon), Long.parseLong(pair.substring(colon + 1)), Long::sum);
    }
    return m;
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? "'" + s + "'" : "'" + s.substring(0, 300) + "...'";
  }
}
