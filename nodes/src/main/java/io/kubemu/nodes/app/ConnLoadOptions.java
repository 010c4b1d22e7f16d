package io.kubemu.nodes.app;

import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code conn-load}, checked: every bad value fails with what was expected. */
record ConnLoadOptions(Ipv4Address host, int port, String path, int connections, Duration warmup, Duration measure,
    Duration timeout) {
  static final String USAGE = "conn-load [--connections 1..4096] [--warmup SEC] [--seconds SEC] [--timeout SEC]"
      + " [--path /PATH] HOST [PORT]";

  static ConnLoadOptions parse(List<String> argv) {
    int connections = 16;
    double warmup = 3;
    double seconds = 10;
    double timeout = 5;
    String path = "/";
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      switch (a) {
        case "--connections" -> connections = (int) LoadArgs.number(argv, ++i, a, 1, 4096);
        case "--warmup" -> warmup = LoadArgs.number(argv, ++i, a, 0, 3600);
        case "--seconds" -> seconds = LoadArgs.number(argv, ++i, a, 0.1, 3600);
        case "--timeout" -> timeout = LoadArgs.number(argv, ++i, a, 0.1, 600);
        case "--path" -> path = path(argv, ++i);
        default -> LoadArgs.operand(a, positional);
      }
    }
    LoadArgs.Target target = LoadArgs.target(positional, 80);
    return new ConnLoadOptions(target.host(), target.port(), path, connections, millis(warmup), millis(seconds), millis(timeout));
  }

  private static String path(List<String> argv, int i) {
    if (i >= argv.size()) {
      throw new IllegalArgumentException("--path needs a value");
    }
    String p = argv.get(i);
    if (!p.startsWith("/") || !p.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("bad --path '" + p + "' (expected: /, then visible ASCII without spaces)");
    }
    return p;
  }

  private static Duration millis(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
