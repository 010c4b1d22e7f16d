package io.kubemu.nodes.app.dig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * dig's command line: {@code [@server] [-p port] [-x addr] [-t type] [-c class] [-q name] [name]
 * [type] [class] [+option...]}. A word that is a type sets the type (of the name before it, or of
 * all names when it comes first), then a class, else it is a name; each name is a lookup of its own,
 * and without one dig asks for the root's NS. Every +option applies to all lookups here.
 */
final class DigOptions {
  /** One name to look up, its type and class. */
  record Lookup(String name, int type, int dclass) {}

  /** A command line dig refuses: what it prints on stderr, then its usage. */
  static final class Problem extends Exception {
    Problem(String message) {
      super(message);
    }
  }

  final List<Lookup> lookups = new ArrayList<>();
  String server;
  int port = 53;
  boolean shortForm;
  boolean tcp;
  boolean search;
  boolean recurse = true;
  boolean edns = true;
  boolean cmd = true;
  boolean comments = true;
  boolean question = true;
  boolean answer = true;
  boolean authority = true;
  boolean additional = true;
  boolean stats = true;
  int ndots = -1;
  int tries = 3;
  int timeoutSeconds = -1;
  boolean help;
  boolean version;

  private int defaultType = -1;
  private int defaultClass = DClass.IN;

  private DigOptions() {}

  static DigOptions parse(List<String> args) throws Problem {
    DigOptions o = new DigOptions();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("@") && a.length() > 1) {
        o.server = a.substring(1);
      } else if (a.startsWith("+")) {
        o.plus(a.substring(1));
      } else if (a.startsWith("-") && a.length() > 1) {
        i = o.dash(args, i);
      } else {
        o.word(a);
      }
    }
    if (o.lookups.isEmpty()) {
      o.lookups.add(new Lookup(".", o.defaultType < 0 ? Type.NS : o.defaultType, o.defaultClass));
    }
    return o;
  }

  /** A type or class word changes the last lookup (or those to come); anything else is a name to look up. */
  private void word(String w) {
    int type = Type.value(w.toUpperCase(Locale.ROOT));
    int dclass = DClass.value(w.toUpperCase(Locale.ROOT));
    if (type >= 0) {
      if (lookups.isEmpty()) {
        defaultType = type;
      } else {
        Lookup last = lookups.remove(lookups.size() - 1);
        lookups.add(new Lookup(last.name(), type, last.dclass()));
      }
    } else if (dclass >= 0) {
      if (lookups.isEmpty()) {
        defaultClass = dclass;
      } else {
        Lookup last = lookups.remove(lookups.size() - 1);
        lookups.add(new Lookup(last.name(), last.type(), dclass));
      }
    } else {
      lookups.add(new Lookup(w, defaultType < 0 ? Type.A : defaultType, defaultClass));
    }
  }

  private int dash(List<String> args, int i) throws Problem {
    String a = args.get(i);
    char c = a.charAt(1);
    if (c == 'h') {
      help = true;
      return i;
    }
    if (c == 'v') {
      version = true;
      return i;
    }
    if (c == '4' || c == 'r' || c == 'u') {
      return i; // IPv4 transport is all there is; there is no ~/.digrc; times stay in msec
    }
    String value = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
    if (value == null || "pxtcq".indexOf(c) < 0) {
      throw new Problem("Invalid option: " + a);
    }
    switch (c) {
      case 'p' -> port = number(value, 0, 65535, "port number");
      case 'x' -> lookups.add(new Lookup(reverse(value), Type.PTR, DClass.IN));
      case 't' -> word(value);
      case 'c' -> word(value);
      default -> lookups.add(new Lookup(value, defaultType < 0 ? Type.A : defaultType, defaultClass));
    }
    return i;
  }

  private static String reverse(String address) throws Problem {
    try {
      Name n = ReverseMap.fromAddress(address);
      return n.toString();
    } catch (java.net.UnknownHostException | RuntimeException e) {
      throw new Problem("Invalid IP address " + address);
    }
  }

  /** A +keyword[=value] or +nokeyword; keywords may be cut short, as dig allows. */
  private void plus(String option) throws Problem {
    boolean on = !option.toLowerCase(Locale.ROOT).startsWith("no");
    String body = on ? option : option.substring(2);
    int eq = body.indexOf('=');
    String key = (eq < 0 ? body : body.substring(0, eq)).toLowerCase(Locale.ROOT);
    String value = eq < 0 ? null : body.substring(eq + 1);
    switch (key) {
      case "short" -> shortForm = on;
      case "tcp", "vc" -> tcp = on;
      case "search", "defname" -> search = on;
      case "recurse", "rdflag" -> recurse = on;
      case "edns" -> edns = on;
      case "cmd" -> cmd = on;
      case "comments" -> comments = on;
      case "question" -> question = on;
      case "answer" -> answer = on;
      case "authority" -> authority = on;
      case "additional" -> additional = on;
      case "stats" -> stats = on;
      case "all" -> cmd = comments = question = answer = authority = additional = stats = on;
      case "ndots" -> ndots = number(required(value, option), 0, 255, "ndots");
      case "tries" -> tries = number(required(value, option), 1, 255, "tries");
      case "retry" -> tries = number(required(value, option), 0, 254, "retry") + 1;
      case "timeout", "time" -> timeoutSeconds = Math.max(1, number(required(value, option), 0, Integer.MAX_VALUE, "timeout"));
      default -> throw new Problem("Invalid option: +" + option);
    }
  }

  private static String required(String value, String option) throws Problem {
    if (value == null) {
      throw new Problem("Invalid option: +" + option);
    }
    return value;
  }

  private static int number(String text, int min, int max, String what) throws Problem {
    try {
      long n = Long.parseLong(text);
      if (n >= min && n <= max) {
        return (int) n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new Problem("invalid " + what + " '" + text + "'");
  }
}
