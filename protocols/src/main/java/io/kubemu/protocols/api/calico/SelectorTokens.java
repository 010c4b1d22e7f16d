package io.kubemu.protocols.api.calico;

import io.kubemu.protocols.api.calico.CalicoSelector.Invalid;
import java.util.ArrayList;
import java.util.List;

/**
 * Calico's selector tokenizer: a label followed by a word operator ({@code in}, {@code not in}, {@code contains},
 * {@code starts with}, {@code ends with}), {@code has(k)}, {@code all()}, {@code global()}, quoted strings and
 * punctuation. Only spaces and tabs separate tokens, as in libcalico-go.
 */
final class SelectorTokens {
  enum Kind { LABEL, STRING, LBRACE, RBRACE, COMMA, OP, IN, NOT_IN, NOT, ALL, HAS, GLOBAL, LPAREN, RPAREN, AND, OR, EOF }

  /** A token and the 1-based column where it starts; {@code op} for the single-value operators. */
  record Token(Kind kind, String value, CalicoSelector.Op op, int column) {
    String describe() {
      return switch (kind) {
        case LABEL -> "label '" + value + "'";
        case STRING -> "string '" + value + "'";
        case EOF -> "the end of the selector";
        case HAS -> "has(" + value + ")";
        default -> "'" + value + "'";
      };
    }
  }

  private final String text;
  private final List<Token> out = new ArrayList<>();
  private int i;

  private SelectorTokens(String text) {
    this.text = text;
  }

  static List<Token> tokenize(String text) {
    SelectorTokens t = new SelectorTokens(text);
    t.run();
    return t.out;
  }

  private void run() {
    while (true) {
      skipSpace();
      int column = i + 1;
      if (i >= text.length()) {
        out.add(new Token(Kind.EOF, "", null, column));
        return;
      }
      char c = text.charAt(i);
      switch (c) {
        case '(' -> punct(Kind.LPAREN, "(", 1);
        case ')' -> punct(Kind.RPAREN, ")", 1);
        case '{' -> punct(Kind.LBRACE, "{", 1);
        case '}' -> punct(Kind.RBRACE, "}", 1);
        case ',' -> punct(Kind.COMMA, ",", 1);
        case '"', '\'' -> string(c, column);
        case '=' -> pair('=', Kind.OP, CalicoSelector.Op.EQ, "expected '==', not a single '='");
        case '&' -> pair('&', Kind.AND, null, "expected '&&', not a single '&'");
        case '|' -> pair('|', Kind.OR, null, "expected '||', not a single '|'");
        case '!' -> {
          if (text.startsWith("!=", i)) {
            out.add(new Token(Kind.OP, "!=", CalicoSelector.Op.NE, column));
            i += 2;
          } else {
            punct(Kind.NOT, "!", 1);
          }
        }
        default -> word(column);
      }
    }
  }

  private void skipSpace() {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
  }

  private void punct(Kind kind, String value, int length) {
    out.add(new Token(kind, value, null, i + 1));
    i += length;
  }

  private void pair(char c, Kind kind, CalicoSelector.Op op, String problem) {
    if (i + 1 >= text.length() || text.charAt(i + 1) != c) {
      throw new Invalid(i + 1, problem);
    }
    out.add(new Token(kind, "" + c + c, op, i + 1));
    i += 2;
  }

  private void string(char quote, int column) {
    int end = text.indexOf(quote, i + 1);
    if (end < 0) {
      throw new Invalid(column, "unterminated string: no closing " + quote + " for the one at column " + column);
    }
    out.add(new Token(Kind.STRING, text.substring(i + 1, end), null, column));
    i = end + 1;
  }

  private void word(int column) {
    boolean afterLabel = !out.isEmpty() && out.get(out.size() - 1).kind == Kind.LABEL;
    if (afterLabel) {
      operatorWord(column);
    } else if (text.startsWith("has(", i)) {
      has(column);
    } else if (text.startsWith("all(", i) || text.startsWith("global(", i)) {
      boolean all = text.startsWith("all(", i);
      i += all ? 4 : 7;
      skipSpace();
      if (i >= text.length() || text.charAt(i) != ')') {
        throw new Invalid(i + 1, "expected ')' after " + (all ? "all(" : "global("));
      }
      i++;
      out.add(new Token(all ? Kind.ALL : Kind.GLOBAL, all ? "all()" : "global()", null, column));
    } else {
      String label = identifier();
      if (label.isEmpty()) {
        throw new Invalid(column, "unexpected character " + describeChar(text.charAt(i))
            + " (expected: a label of letters, digits, '_', '.', '/' or '-', a quoted string, or an operator)");
      }
      out.add(new Token(Kind.LABEL, label, null, column));
      i += label.length();
    }
  }

  private void operatorWord(int column) {
    String label = out.get(out.size() - 1).value;
    CalicoSelector.Op op = text.startsWith("contains", i) ? CalicoSelector.Op.CONTAINS
        : text.startsWith("starts", i) ? CalicoSelector.Op.STARTS_WITH
        : text.startsWith("ends", i) ? CalicoSelector.Op.ENDS_WITH : null;
    if (op == CalicoSelector.Op.CONTAINS) {
      i += "contains".length();
      out.add(new Token(Kind.OP, "contains", op, column));
    } else if (op != null || text.startsWith("not", i)) {
      String first = op == null ? "not" : op == CalicoSelector.Op.STARTS_WITH ? "starts" : "ends";
      String second = op == null ? "in" : "with";
      i += first.length();
      skipSpace();
      if (!text.startsWith(second, i)) {
        throw new Invalid(i + 1, "expected '" + first + " " + second + "' after label '" + label + "'");
      }
      i += second.length();
      out.add(op == null ? new Token(Kind.NOT_IN, "not in", null, column) : new Token(Kind.OP, op.text(), op, column));
    } else if (text.startsWith("in", i)) {
      i += 2;
      out.add(new Token(Kind.IN, "in", null, column));
    } else {
      throw new Invalid(column, "unexpected characters after label '" + label
          + "' (expected an operator: ==, !=, in, not in, contains, starts with, ends with)");
    }
  }

  private void has(int column) {
    i += 4;
    skipSpace();
    String key = identifier();
    if (key.isEmpty()) {
      throw new Invalid(i + 1, "expected a label name in has(...)");
    }
    i += key.length();
    skipSpace();
    if (i >= text.length() || text.charAt(i) != ')') {
      throw new Invalid(i + 1, "expected ')' to close has(" + key);
    }
    i++;
    out.add(new Token(Kind.HAS, key, null, column));
  }

  /** The label name at the cursor: letters, digits, '_', '.', '/' and '-'; empty when there is none. */
  private String identifier() {
    int end = i;
    while (end < text.length() && isLabelChar(text.charAt(end))) {
      end++;
    }
    return text.substring(i, end);
  }

  static boolean isLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '/'
        || c == '-';
  }

  private static String describeChar(char c) {
    return c < 0x20 || c == 0x7f ? String.format("0x%02x", (int) c) : "'" + c + "'";
  }
}
