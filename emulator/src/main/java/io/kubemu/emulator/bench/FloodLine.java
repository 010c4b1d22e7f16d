package io.kubemu.emulator.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The result line {@code udp-flood} prints: {@code udp-flood: sent=N delivered=N ... eth0-drops=reason:n,...}. */
record FloodLine(Map<String, String> fields) {
  static final String PREFIX = "udp-flood: ";

  /** Finds the result line in a flood's output; fails with the output when there is none. */
  static FloodLine find(String stdout) {
    for (String line : stdout.split("\n")) {
      if (line.startsWith(PREFIX)) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String f : line.substring(PREFIX.length()).trim().split(" +")) {
          int eq = f.indexOf('=');
          if (eq > 0) {
            fields.put(f.substring(0, eq), f.substring(eq + 1));
          }
        }
        return new FloodLine(fields);
      }
    }
    throw new IllegalStateException("udp-flood printed no result line; its output:\n" + stdout);
  }

  long number(String key) {
    String v = fields.get(key);
    if (v == null) {
      throw new IllegalStateException("udp-flood result without " + key + ": " + fields);
    }
    return Long.parseLong(v);
  }

  double decimal(String key) {
    return Double.parseDouble(fields.getOrDefault(key, "0"));
  }

  /** Drops as {@code reason:n,...} ({@code -} for none) under {@code where}, as {@code "where reason" -> n}. */
  Map<String, Long> drops(String key, String where) {
    Map<String, Long> out = new TreeMap<>();
    String v = fields.getOrDefault(key, "-");
    if (v.equals("-") || v.equals("?")) {
      return out;
    }
    for (String pair : v.split(",")) {
      int colon = pair.lastIndexOf(':');
      out.merge(where + " " + pair.substring(0, colon), Long.parseLong(pair.substring(colon + 1)), Long::sum);
    }
    return out;
  }
}
