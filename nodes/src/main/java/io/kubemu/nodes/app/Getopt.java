package io.kubemu.nodes.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Command-line options the way getopt_long reads them, as busybox applets and curl take them:
 * short flags bundle ({@code -qO-}, {@code -sSf}), a short option's value may be attached
 * ({@code -T5}, {@code -XPOST}) or be the next word, long options take {@code --name=value} or
 * {@code --name value}, operands may come anywhere, {@code --} ends the options.
 */
final class Getopt {
  /** One option as given: its letter or long name, and its value (null for a flag). */
  record Option(String name, String value) {
    boolean is(String... names) {
      for (String n : names) {
        if (n.equals(name)) {
          return true;
        }
      }
      return false;
    }
  }

  record Parsed(List<Option> options, List<String> operands) {}

  /** A problem with the command line; {@code option} is how the user wrote the option. */
  static final class Problem extends Exception {
    enum Kind { UNKNOWN, NEEDS_VALUE }

    final Kind kind;
    final String option;

    Problem(Kind kind, String option) {
      super(kind + " " + option);
      this.kind = kind;
      this.option = option;
    }
  }

  private Getopt() {}

  /**
   * {@code shortSpec}: letters, each followed by {@code :} when it takes a value;
   * {@code longFlags} and {@code longValued}: the long names without and with a value.
   */
  static Parsed parse(List<String> args, String shortSpec, Set<String> longFlags, Set<String> longValued)
      throws Problem {
    List<Option> options = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      } else if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = a.substring(2, eq < 0 ? a.length() : eq);
        if (longFlags.contains(name) && eq < 0) {
          options.add(new Option(name, null));
        } else if (longValued.contains(name)) {
          if (eq < 0 && i + 1 >= args.size()) {
            throw new Problem(Problem.Kind.NEEDS_VALUE, "--" + name);
          }
          options.add(new Option(name, eq >= 0 ? a.substring(eq + 1) : args.get(++i)));
        } else {
          throw new Problem(Problem.Kind.UNKNOWN, "--" + name);
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int j = 1; j < a.length(); j++) {
          char c = a.charAt(j);
          int at = shortSpec.indexOf(c);
          if (at < 0 || c == ':') {
            throw new Problem(Problem.Kind.UNKNOWN, String.valueOf(c));
          }
          if (at + 1 < shortSpec.length() && shortSpec.charAt(at + 1) == ':') {
            String value = j + 1 < a.length() ? a.substring(j + 1) : i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
              throw new Problem(Problem.Kind.NEEDS_VALUE, String.valueOf(c));
            }
            options.add(new Option(String.valueOf(c), value));
            break;
          }
          options.add(new Option(String.valueOf(c), null));
        }
      } else {
        operands.add(a);
      }
    }
    return new Parsed(options, operands);
  }
}
