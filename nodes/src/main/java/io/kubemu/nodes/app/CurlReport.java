package io.kubemu.nodes.app;

import io.kubemu.nodes.app.http.HttpUrl;
import io.kubemu.protocols.http.HttpResponse;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What curl prints about a transfer: the -w write-out, the progress meter, and its error texts. */
final class CurlReport {
  private static final Pattern VARIABLE = Pattern.compile("%\\{([a-z_]+)}|%\\{header\\{([^}]*)}}|%header\\{([^}]*)}");

  /** One transfer's facts, filled in as it goes. */
  static final class Transfer {
    HttpUrl url;
    String method = "GET";
    String remoteIp = "";
    int remotePort;
    String localIp = "";
    int localPort;
    int connects;
    HttpResponse response;
    long requestBytes;
    long startNanos = System.nanoTime();
    long resolvedNanos;
    long connectNanos;
    long endNanos;
    int exitCode;
    String error = "";
  }

  private CurlReport() {}

  /** The -w format filled in: {@code %{http_code}}, {@code \n} and the other escapes curl knows. */
  static String writeOut(String format, Transfer t, Runnable unknown) {
    String escaped = format.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\\\", "\\");
    Matcher m = VARIABLE.matcher(escaped);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String header = m.group(2) != null ? m.group(2) : m.group(3);
      String value = header != null
          ? (t.response == null ? "" : t.response.headers().first(header).orElse(""))
          : variable(m.group(1), t);
      if (value == null) {
        unknown.run();
        value = "";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String variable(String name, Transfer t) {
    HttpResponse r = t.response;
    long headerBytes = r == null ? 0 : r.headBytes().length;
    return switch (name) {
      case "http_code", "response_code" -> String.format("%03d", r == null ? 0 : r.status());
      case "size_download" -> Long.toString(r == null ? 0 : r.body().length);
      case "size_header" -> Long.toString(headerBytes);
      case "size_request" -> Long.toString(t.requestBytes);
      case "time_total" -> seconds(t.endNanos - t.startNanos);
      case "time_connect" -> seconds(t.connectNanos == 0 ? 0 : t.connectNanos - t.startNanos);
      case "time_namelookup" -> seconds(t.resolvedNanos == 0 ? 0 : t.resolvedNanos - t.startNanos);
      case "time_starttransfer" -> seconds(r == null ? 0 : t.endNanos - t.startNanos);
      case "remote_ip" -> t.remoteIp;
      case "remote_port" -> t.remotePort == 0 ? "" : Integer.toString(t.remotePort);
      case "local_ip" -> t.localIp;
      case "local_port" -> t.localPort == 0 ? "" : Integer.toString(t.localPort);
      case "num_connects" -> Integer.toString(t.connects);
      case "content_type" -> r == null ? "" : r.headers().first("Content-Type").orElse("");
      case "url_effective", "url" -> t.url == null ? "" : t.url.text();
      case "method" -> t.method;
      case "scheme" -> "HTTP";
      case "http_version" -> r == null ? "0" : r.version().major() + "." + r.version().minor();
      case "exitcode" -> Integer.toString(t.exitCode);
      case "errormsg" -> t.error;
      default -> null;
    };
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.6f", Math.max(0, nanos) / 1e9);
  }

  /** The progress meter as curl leaves it when stdout is not a terminal: the headings and the final line. */
  static String meter(Transfer t) {
    long size = t.response == null ? 0 : t.response.body().length;
    double elapsed = Math.max(1e-6, (t.endNanos - t.startNanos) / 1e9);
    String speed = size5((long) (size / elapsed));
    int percent = t.response == null ? 0 : 100;
    return "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
        + "                                 Dload  Upload   Total   Spent    Left  Speed\n"
        + String.format("%3d %s  %3d %s    0     0  %s      0 --:--:-- %s --:--:-- %s%n", percent, size5(size),
            percent, size5(size), speed, elapsed < 1 ? "--:--:--" : clock((long) elapsed), speed);
  }

  /** curl's max5data: a byte count in five characters. */
  static String size5(long bytes) {
    if (bytes < 100_000) {
      return String.format("%5d", bytes);
    }
    if (bytes < 10_000L * 1024) {
      return String.format("%4dk", bytes / 1024);
    }
    if (bytes < 100L * 1024 * 1024) {
      return String.format("%2d.%dM", bytes / (1024 * 1024), (bytes % (1024 * 1024)) * 10 / (1024 * 1024));
    }
    return String.format("%4dM", bytes / (1024 * 1024));
  }

  private static String clock(long seconds) {
    return String.format("%2d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
