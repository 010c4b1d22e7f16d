package io.kubemu.nodes.app.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * The Caddyfile grammar that a Corefile is written in, without meaning: server blocks (keys such
 * as {@code .:53}, then a braced block) holding directives, one per line, each with arguments and
 * an optional braced block of its own. Tokens are split on white space; {@code #} starts a comment;
 * double quotes keep spaces in one token. Every error names the file and line, as Caddy's do.
 */
final class CorefileSyntax {
  /** Blocks nest this deep at most, so that a hostile Corefile cannot exhaust the stack. */
  private static final int MAX_DEPTH = 16;

  /** A server block as written: its keys and its directives. */
  record ServerBlockText(int line, List<String> keys, List<Directive> directives) {}

  private record Token(String text, int line, boolean quoted) {
    boolean is(String brace) {
      return !quoted && text.equals(brace);
    }
  }

  private final String path;
  private final List<Token> tokens;
  private int next;

  private CorefileSyntax(String path, List<Token> tokens) {
    this.path = path;
    this.tokens = tokens;
  }

  /** The server blocks of {@code text}, read from {@code path} (used in error messages). */
  static List<ServerBlockText> parse(String path, String text) {
    return new CorefileSyntax(path, tokenize(path, text)).serverBlocks();
  }

  private static List<Token> tokenize(String path, String text) {
    List<Token> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"') {
        int start = line;
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          char q = text.charAt(i);
          if (q == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            q = '"';
            i++;
          } else if (q == '\n') {
            line++;
          }
          sb.append(q);
          i++;
        }
        if (i >= text.length()) {
          throw new CorefileException(path, start, null, "unterminated quoted string");
        }
        i++;
        out.add(new Token(sb.toString(), start, true));
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        out.add(new Token(text.substring(start, i), line, false));
      }
    }
    return out;
  }

  private List<ServerBlockText> serverBlocks() {
    List<ServerBlockText> blocks = new ArrayList<>();
    while (next < tokens.size()) {
      Token first = tokens.get(next);
      if (first.is("{") || first.is("}")) {
        throw new CorefileException(path, first.line(), null, "unexpected '" + first.text() + "' (expected: server block keys such as .:53)");
      }
      List<String> keys = new ArrayList<>();
      while (next < tokens.size() && !tokens.get(next).is("{")) {
        Token key = tokens.get(next++);
        if (key.is("}")) {
          throw new CorefileException(path, key.line(), null, "unexpected '}' after server block keys (expected: '{')");
        }
        for (String k : key.text().split(",")) {
          if (!k.isEmpty()) {
            keys.add(k);
          }
        }
      }
      if (next >= tokens.size()) {
        throw new CorefileException(path, first.line(), null, "server block " + keys + " has no '{' (expected: keys, then a block in braces)");
      }
      next++;
      blocks.add(new ServerBlockText(first.line(), List.copyOf(keys), block(first.line(), 1)));
    }
    return blocks;
  }

  /** The directives up to the '}' that closes the block opened on {@code openLine}. */
  private List<Directive> block(int openLine, int depth) {
    if (depth > MAX_DEPTH) {
      throw new CorefileException(path, openLine, null, "blocks nested deeper than " + MAX_DEPTH);
    }
    List<Directive> directives = new ArrayList<>();
    while (true) {
      if (next >= tokens.size()) {
        throw new CorefileException(path, openLine, null, "unexpected EOF: the '{' opened here is never closed");
      }
      Token name = tokens.get(next++);
      if (name.is("}")) {
        return directives;
      }
      if (name.is("{")) {
        throw new CorefileException(path, name.line(), null, "unexpected '{' (expected: a directive name)");
      }
      List<String> args = new ArrayList<>();
      List<Directive> inner = List.of();
      while (next < tokens.size() && tokens.get(next).line() == name.line()) {
        Token t = tokens.get(next);
        if (t.is("}")) {
          break;
        }
        next++;
        if (t.is("{")) {
          inner = block(t.line(), depth + 1);
          break;
        }
        args.add(t.text());
      }
      directives.add(new Directive(path, name.line(), name.text(), args, inner));
    }
  }
}
