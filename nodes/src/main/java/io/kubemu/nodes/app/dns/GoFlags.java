package io.kubemu.nodes.app.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags as Go's {@code flag} package reads them, for the Go programs here (CoreDNS,
 * the authoritative server): {@code -name=value} or {@code -name value} (one or two dashes), a
 * boolean by its name alone, a repeatable flag once per value; parsing stops at the first operand
 * or at {@code --}. The errors and the usage text are Go's.
 */
final class GoFlags {
  private enum Kind { STRING, BOOL, LIST }

  private record Flag(Kind kind, String fallback, String usage) {}

  private final String program;
  private final Map<String, Flag> flags = new LinkedHashMap<>();
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> operands = new ArrayList<>();

  GoFlags(String program) {
    this.program = program;
  }

  GoFlags string(String name, String fallback, String usage) {
    flags.put(name, new Flag(Kind.STRING, fallback, usage));
    return this;
  }

  GoFlags bool(String name, String usage) {
    flags.put(name, new Flag(Kind.BOOL, "false", usage));
    return this;
  }

  /** A flag that may be given several times, each value kept. */
  GoFlags list(String name, String usage) {
    flags.put(name, new Flag(Kind.LIST, null, usage));
    return this;
  }

  /** Reads {@code args} (without the program name); the error Go would print, or null when they are good. */
  String parse(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        return null;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        operands.addAll(args.subList(i, args.size()));
        return null;
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      Flag flag = flags.get(name);
      if (flag == null) {
        return "flag provided but not defined: -" + name;
      }
      String value = eq < 0 ? null : body.substring(eq + 1);
      if (flag.kind() == Kind.BOOL) {
        value = value == null ? "true" : value;
        if (!value.equals("true") && !value.equals("false")) {
          return "invalid boolean value \"" + value + "\" for -" + name + ": parse error";
        }
      } else if (value == null) {
        if (i + 1 >= args.size()) {
          return "flag needs an argument: -" + name;
        }
        value = args.get(++i);
      }
      if (flag.kind() != Kind.LIST) {
        values.remove(name);
      }
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return null;
  }

  String get(String name) {
    List<String> v = values.get(name);
    return v == null ? flags.get(name).fallback() : v.get(v.size() - 1);
  }

  boolean isTrue(String name) {
    return get(name).equals("true");
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  List<String> operands() {
    return operands;
  }

  /** Go's usage text: {@code Usage of /coredns:} then each flag with its help. */
  String usage() {
    StringBuilder sb = new StringBuilder("Usage of ").append(program).append(":\n");
    for (Map.Entry<String, Flag> e : flags.entrySet()) {
      Flag f = e.getValue();
      sb.append("  -").append(e.getKey()).append(f.kind() == Kind.BOOL ? "" : " value").append("\n    \t").append(f.usage());
      if (f.kind() == Kind.STRING && !f.fallback().isEmpty()) {
        sb.append(" (default \"").append(f.fallback()).append("\")");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
