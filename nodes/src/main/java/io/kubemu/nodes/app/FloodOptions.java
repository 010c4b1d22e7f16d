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
        case "--size" -> size = (int) LoadArgs.number(argv, ++i, a, FloodMessage.HEADER_LENGTH, MAX_SIZE);
        case "--window" -> window = (int) LoadArgs.number(argv, ++i, a, 2, 1_000_000);
        case "--ack-every" -> ackEvery = (int) LoadArgs.number(argv, ++i, a, 1, 1_000_000);
        case "--warmup" -> warmup = LoadArgs.number(argv, ++i, a, 0, 3600);
        case "--seconds" -> seconds = LoadArgs.number(argv, ++i, a, 0.1, 3600);
        default -> LoadArgs.operand(a, positional);
      }
    }
    LoadArgs.Target target = LoadArgs.target(positional, UdpSink.DEFAULT_PORT);
    if (ackEvery >= window) {
      throw new IllegalArgumentException("--ack-every " + ackEvery + " (expected: < --window " + window + ")");
    }
    return new FloodOptions(target.host(), target.port(), size, window, ackEvery,
        Duration.ofMillis(Math.round(warmup * 1000)), Duration.ofMillis(Math.round(seconds * 1000)));
  }
}
