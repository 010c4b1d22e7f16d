package io.kubemu.nodes.app.dns;

import java.util.Map;
import java.util.TreeMap;

/**
 * A DNS server's counters, each a series ({@code name{label="value",...}}) that only grows, as a
 * Prometheus counter does: queries by transport and type, answers by rcode, what was dropped and
 * why. Every name starts with the server's prefix ({@code coredns_}). {@link #render()} is the
 * text format {@code /metrics} serves.
 */
public final class DnsMetrics {
  private final String prefix;
  private final Map<String, Long> series = new TreeMap<>();

  public DnsMetrics(String prefix) {
    this.prefix = prefix;
  }

  /** Adds one to the series {@code name} (after the prefix) with {@code labels} given as name, value, name, value... */
  public void inc(String name, String... labels) {
    series.merge(key(name, labels), 1L, Long::sum);
  }

  /** The value of a series, 0 when it never counted. */
  public long get(String name, String... labels) {
    return series.getOrDefault(key(name, labels), 0L);
  }

  /** The sum over every series of {@code name}, whatever its labels. */
  public long total(String name) {
    String full = prefix + name;
    return series.entrySet().stream().filter(e -> e.getKey().equals(full) || e.getKey().startsWith(full + "{"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Prometheus's text exposition format, one line per series. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    String lastName = "";
    for (Map.Entry<String, Long> e : series.entrySet()) {
      int brace = e.getKey().indexOf('{');
      String name = brace < 0 ? e.getKey() : e.getKey().substring(0, brace);
      if (!name.equals(lastName)) {
        sb.append("# TYPE ").append(name).append(" counter\n");
        lastName = name;
      }
      sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    return sb.toString();
  }

  private String key(String name, String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in pairs: " + labels.length + " given (expected: name, value, ...)");
    }
    if (labels.length == 0) {
      return prefix + name;
    }
    StringBuilder sb = new StringBuilder(prefix).append(name).append('{');
    for (int i = 0; i < labels.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(labels[i]).append("=\"").append(labels[i + 1].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append('}').toString();
  }
}
