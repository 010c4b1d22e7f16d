package io.kubemu.nodes.app.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * One line of a Corefile inside a server block: a plugin (or one of its properties) with its
 * arguments and, when it opens one, the directives of its own block. {@code path} and {@code line}
 * are kept so that every error names where it is.
 */
record Directive(String path, int line, String name, List<String> args, List<Directive> block) {
  Directive {
    args = List.copyOf(args);
    block = List.copyOf(block);
  }

  /** A problem with this directive, reported as CoreDNS's plugin setup reports it. */
  CorefileException error(String plugin, String problem) {
    return new CorefileException(path, line, plugin, problem);
  }

  /** Caddy's {@code ArgErr}: the arguments are not what the plugin takes. */
  CorefileException wrongArguments(String plugin) {
    return error(plugin, "Wrong argument count or unexpected line ending after '" + (args.isEmpty() ? name : args.get(args.size() - 1)) + "'");
  }

  /** The only argument; fails when there are none or several. */
  String single(String plugin) {
    if (args.size() != 1) {
      throw wrongArguments(plugin);
    }
    return args.get(0);
  }

  /** Every argument from {@code from} on, as a zone name. */
  List<Name> zones(String plugin, int from) {
    List<Name> out = new ArrayList<>();
    for (String t : args.subList(Math.min(from, args.size()), args.size())) {
      out.add(zone(plugin, t));
    }
    return out;
  }

  /** {@code text} as a zone name; a bad one is this directive's error. */
  Name zone(String plugin, String text) {
    try {
      return DnsNames.zone(text);
    } catch (IllegalArgumentException e) {
      throw error(plugin, e.getMessage());
    }
  }

  /** {@code text} as a Go duration ({@code 5s}); a bad one is this directive's error. */
  Duration duration(String plugin, String text) {
    try {
      return GoDurations.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(plugin, e.getMessage());
    }
  }

  /** Fails unless the directive has no arguments and no block. */
  void bare(String plugin) {
    if (!args.isEmpty() || !block.isEmpty()) {
      throw wrongArguments(plugin);
    }
  }
}
