package io.kubemu.nodes.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** curl's command line, the options kubemu's curl knows; {@link #parse} throws with curl's own words. */
final class CurlOptions {
  private static final Map<String, String> SHORT_NAMES = Map.ofEntries(Map.entry("s", "silent"),
      Map.entry("S", "show-error"), Map.entry("i", "include"), Map.entry("I", "head"), Map.entry("v", "verbose"),
      Map.entry("f", "fail"), Map.entry("L", "location"), Map.entry("k", "insecure"), Map.entry("4", "ipv4"),
      Map.entry("N", "no-buffer"), Map.entry("o", "output"), Map.entry("w", "write-out"), Map.entry("H", "header"),
      Map.entry("X", "request"), Map.entry("d", "data"), Map.entry("m", "max-time"), Map.entry("A", "user-agent"),
      Map.entry("e", "referer"));
  private static final Set<String> LONG_FLAGS = Set.of("silent", "show-error", "include", "head", "verbose", "fail",
      "location", "insecure", "ipv4", "no-buffer", "http1.1", "no-progress-meter", "compressed", "no-keepalive");
  private static final Set<String> LONG_VALUED = Set.of("output", "write-out", "header", "request", "data", "data-raw",
      "data-binary", "max-time", "connect-timeout", "user-agent", "referer", "max-redirs", "resolve");

  /** A bad command line: curl says this, then how to get help, and exits 2. */
  static final class Problem extends Exception {
    Problem(String message) {
      super(message);
    }
  }

  boolean silent;
  boolean showError;
  boolean include;
  boolean head;
  boolean verbose;
  boolean fail;
  boolean follow;
  boolean noMeter;
  boolean insecure;
  /** --resolve host:port:address, by "host:port". */
  final java.util.Map<String, io.kubemu.protocols.addr.Ipv4Address> resolve = new java.util.HashMap<>();
  String output;
  String writeOut;
  String method;
  String userAgent = "curl/8.5.0";
  final List<String> headers = new ArrayList<>();
  final List<String> data = new ArrayList<>();
  double maxTime;
  double connectTimeout;
  int maxRedirs = 50;
  List<String> urls = List.of();

  static CurlOptions parse(List<String> args) throws Problem {
    CurlOptions o = new CurlOptions();
    Getopt.Parsed parsed;
    try {
      parsed = Getopt.parse(args, "sSiIvfLk4No:w:H:X:d:m:A:e:", LONG_FLAGS, LONG_VALUED);
    } catch (Getopt.Problem p) {
      String shown = p.option.startsWith("--") ? p.option : "-" + p.option;
      throw new Problem("option " + shown + ": " + (p.kind == Getopt.Problem.Kind.UNKNOWN ? "is unknown"
          : "requires parameter"));
    }
    for (Getopt.Option opt : parsed.options()) {
      o.take(SHORT_NAMES.getOrDefault(opt.name(), opt.name()), opt);
    }
    if (parsed.operands().isEmpty()) {
      throw new Problem("no URL specified!");
    }
    o.urls = parsed.operands();
    return o;
  }

  private void take(String name, Getopt.Option opt) throws Problem {
    String v = opt.value();
    switch (name) {
      case "silent" -> silent = true;
      case "show-error" -> showError = true;
      case "include" -> include = true;
      case "head" -> head = true;
      case "verbose" -> verbose = true;
      case "fail" -> fail = true;
      case "location" -> follow = true;
      case "no-progress-meter" -> noMeter = true;
      case "insecure" -> insecure = true;
      case "resolve" -> resolve(v);
      case "output" -> output = v;
      case "write-out" -> writeOut = v;
      case "header" -> headers.add(v);
      case "request" -> method = v;
      case "data", "data-raw", "data-binary" -> data.add(v);
      case "max-time" -> maxTime = seconds(opt);
      case "connect-timeout" -> connectTimeout = seconds(opt);
      case "user-agent" -> userAgent = v;
      case "referer" -> headers.add("Referer: " + v);
      case "max-redirs" -> maxRedirs = (int) seconds(opt);
      default -> { } // accepted and without effect here: -4, -N, --http1.1, --compressed, --no-keepalive
    }
  }

  private void resolve(String v) throws Problem {
    String[] parts = v.split(":", 3);
    try {
      if (parts.length != 3 || Integer.parseInt(parts[1]) < 1 || Integer.parseInt(parts[1]) > 65535) {
        throw new IllegalArgumentException(v);
      }
      resolve.put(parts[0].toLowerCase(java.util.Locale.ROOT) + ":" + parts[1], io.kubemu.protocols.addr.Ipv4Address.parse(parts[2]));
    } catch (IllegalArgumentException e) {
      throw new Problem("option --resolve: is badly used here");
    }
  }

  /** The address --resolve gives {@code host} on {@code port}. */
  java.util.Optional<io.kubemu.protocols.addr.Ipv4Address> resolved(String host, int port) {
    return java.util.Optional.ofNullable(resolve.get(host.toLowerCase(java.util.Locale.ROOT) + ":" + port));
  }

  private static double seconds(Getopt.Option opt) throws Problem {
    try {
      double d = Double.parseDouble(opt.value());
      if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      String shown = opt.name().length() == 1 ? "-" + opt.name() : "--" + opt.name();
      throw new Problem("option " + shown + ": expected a proper numerical parameter");
    }
  }

  /** Errors print unless -s is given without -S. */
  boolean showsErrors() {
    return !silent || showError;
  }

  /** The progress meter shows unless -s or --no-progress-meter (stdout is never a terminal here). */
  boolean showsMeter() {
    return !silent && !noMeter;
  }

  /** The method: -X wins, then -I (HEAD), then -d (POST), else GET. */
  String method() {
    if (method != null) {
      return method;
    }
    return head ? "HEAD" : data.isEmpty() ? "GET" : "POST";
  }
}
