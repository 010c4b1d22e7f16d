package io.kubemu.nodes.app.dns;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration}, for the durations a Corefile holds: {@code 5s}, {@code 1m30s}, {@code 500ms}. */
final class GoDurations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GoDurations() {}

  static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(text);
    long nanos = 0;
    int at = 0;
    while (at < text.length() && m.find(at) && m.start() == at) {
      double value = Double.parseDouble(m.group(1));
      nanos += (long) (value * unit(m.group(2)));
      at = m.end();
    }
    if (at == 0 || at != text.length()) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\" (expected: such as 5s, 1m30s, 500ms)");
    }
    return Duration.ofNanos(nanos);
  }

  private static long unit(String u) {
    switch (u) {
      case "ns":
        return 1L;
      case "us":
      case "µs":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      default:
        return 3_600_000_000_000L;
    }
  }
}
