package io.kubemu.nodes.app;

import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code udp-flood}, checked: every bad value fails with what was expected. */
record FloodOptions(Ipv4Address host, int port, int size, int window, int ackEvery, Duration warmup, Duration measure) {
  static final String USAGE =
      "udp-flood [--size 17..1422] [--window N] [--ack-every N] [--warmup SEC] [--seconds SEC] HOST [PORT]";
  /** The pod MTU (1450) less the IPv4 (20) and UDP (8) headers. */
  private static final int MAX_SIZE = 1422;

  static FloodOptions parse(List<String> argv) {
    int size = 64;
    int window = 4096;
    int ackEvery = 256;
    double warmup = 3;
    double seconds = 10;
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      switch (a) {
        case "--size" -> size = (int) number(argv, ++i, a, FloodMessage.HEADER_LENGTH, MAX_SIZE);
        case "--window" -> window = (int) number(argv, ++i, a, 2, 1_000_000);
        case "--ack-every" -> ackEvery = (int) number(argv, ++i, a, 1, 1_000_000);
        case "--warmup" -> warmup = number(argv, ++i, a, 0, 3600);
        case "--seconds" -> seconds = number(argv, ++i, a, 0.1, 3600);
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          positional.add(a);
        }
      }
    }
    if (positional.isEmpty() || positional.size() > 2) {
      throw new IllegalArgumentException("HOST and an optional PORT expected, got " + positional);
    }
    if (ackEvery >= window) {
      throw new IllegalArgumentException("--ack-every " + ackEvery + " (expected: < --window " + window + ")");
    }
    int port = positional.size() == 2 ? (int) number(positional, 1, "PORT", 1, 65535) : UdpSink.DEFAULT_PORT;
    return new FloodOptions(Ipv4Address.parse(positional.get(0)), port, size, window, ackEvery,
        Duration.ofMillis(Math.round(warmup * 1000)), Duration.ofMillis(Math.round(seconds * 1000)));
  }

  private static double number(List<String> argv, int i, String option, double min, double max) {
    if (i >= argv.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    try {
      double v = Double.parseDouble(argv.get(i));
      if (!(v >= min && v <= max)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad " + option + ": '" + argv.get(i) + "' (expected: " + plain(min) + ".." + plain(max) + ")");
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
