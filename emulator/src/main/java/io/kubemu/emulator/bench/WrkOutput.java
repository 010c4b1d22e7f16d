package io.kubemu.emulator.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrk 4.x prints at the end of a run, read back: requests per second, the requests and the
 * seconds they took, the mean latency, and the errors (socket errors of every kind plus non-2xx or
 * 3xx answers). Numbers may carry wrk's unit suffixes (k, M, G; us, ms, s, m, h).
 */
final class WrkOutput {
  private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)\\s*$");
  private static final Pattern TOTAL = Pattern.compile("(?m)^\\s*([0-9.]+)([kMG]?) requests in ([0-9.]+)(us|ms|s|m|h),");
  private static final Pattern LATENCY = Pattern.compile("(?m)^\\s*Latency\\s+([0-9.]+)(us|ms|s|m|h)\\s");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("(?m)^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses: (\\d+)");

  private WrkOutput() {}

  /** The run in wrk's standard output; fails saying what is missing when it is no wrk report. */
  static HttpLoadResult parse(String client, String stdout) {
    Matcher rate = RATE.matcher(stdout);
    Matcher total = TOTAL.matcher(stdout);
    if (!rate.find() || !total.find()) {
      throw new IllegalArgumentException("no 'Requests/sec:' and 'N requests in T' lines in wrk's output: '"
          + (stdout.length() > 500 ? stdout.substring(0, 500) + "..." : stdout) + "'");
    }
    long requests = Math.round(Double.parseDouble(total.group(1)) * metric(total.group(2)));
    double seconds = Double.parseDouble(total.group(3)) * seconds(total.group(4));
    long errors = 0;
    Matcher socket = SOCKET_ERRORS.matcher(stdout);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    Matcher non2xx = NON_2XX.matcher(stdout);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher latency = LATENCY.matcher(stdout);
    double latencyMs = latency.find() ? Double.parseDouble(latency.group(1)) * seconds(latency.group(2)) * 1000 : Double.NaN;
    return new HttpLoadResult(client, Double.parseDouble(rate.group(1)), requests, seconds, errors, latencyMs);
  }

  private static double metric(String suffix) {
    return switch (suffix) {
      case "k" -> 1e3;
      case "M" -> 1e6;
      case "G" -> 1e9;
      default -> 1;
    };
  }

  private static double seconds(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "m" -> 60;
      case "h" -> 3600;
      default -> 1;
    };
  }
}
