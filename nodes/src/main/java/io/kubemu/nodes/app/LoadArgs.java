package io.kubemu.nodes.app;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;

/**
 * The command-line pieces the bench image's load programs share: numbers checked against a range,
 * {@code --options} told apart from operands, and the {@code HOST [PORT]} operands. Each failure
 * is an IllegalArgumentException saying what was expected.
 */
final class LoadArgs {
  /** The HOST and PORT operands. */
  record Target(Ipv4Address host, int port) {}

  private LoadArgs() {}

  /** {@code argv[i]} as a number in {@code min..max}; a missing or bad value fails naming the option and the range. */
  static double number(List<String> argv, int i, String option, double min, double max) {
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

  /** A word that is no option the program knows: an operand, or an unknown option when it starts with --. */
  static void operand(String arg, List<String> operands) {
    if (arg.startsWith("--")) {
      throw new IllegalArgumentException("unknown option " + arg);
    }
    operands.add(arg);
  }

  /** {@code HOST [PORT]}: an IPv4 address, and a port that is {@code defaultPort} when left out. */
  static Target target(List<String> operands, int defaultPort) {
    if (operands.isEmpty() || operands.size() > 2) {
      throw new IllegalArgumentException("HOST and an optional PORT expected, got " + operands);
    }
    Ipv4Address host;
    try {
      host = Ipv4Address.parse(operands.get(0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad HOST '" + operands.get(0) + "' (expected: an IPv4 address)");
    }
    int port = operands.size() == 2 ? (int) number(operands, 1, "PORT", 1, 65535) : defaultPort;
    return new Target(host, port);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
