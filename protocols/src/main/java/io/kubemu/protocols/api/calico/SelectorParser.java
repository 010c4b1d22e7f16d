package io.kubemu.protocols.api.calico;

import io.kubemu.protocols.api.calico.CalicoSelector.Invalid;
import io.kubemu.protocols.api.calico.SelectorTokens.Kind;
import io.kubemu.protocols.api.calico.SelectorTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calico's selector grammar (libcalico-go's parser): {@code ||} binds loosest, then {@code &&},
 * then any number of leading {@code !} (collapsed to one or none), then an operation or a parenthesised
 * expression. Input length and nesting are capped.
 */
final class SelectorParser {
  /** Longer selectors are refused, as are deeper nestings of parentheses and negations. */
  static final int MAX_LENGTH = 65_536;
  static final int MAX_DEPTH = 100;

  private final List<Token> tokens;
  private int at;

  private SelectorParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static CalicoSelector parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new Invalid(MAX_LENGTH + 1, "selector longer than " + MAX_LENGTH + " characters");
    }
    SelectorParser p = new SelectorParser(SelectorTokens.tokenize(text));
    if (p.peek().kind() == Kind.EOF) {
      return CalicoSelector.ALL;
    }
    CalicoSelector s = p.or(0);
    Token rest = p.peek();
    if (rest.kind() != Kind.EOF) {
      throw new Invalid(rest.column(), "unexpected " + rest.describe() + " after a complete selector (expected: && or ||)");
    }
    return s;
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    return tokens.get(at++);
  }

  private CalicoSelector or(int depth) {
    return joined(Kind.OR, () -> and(depth), CalicoSelector.Or::new);
  }

  private CalicoSelector and(int depth) {
    return joined(Kind.AND, () -> operation(depth), CalicoSelector.And::new);
  }

  /** One term, or two and more with {@code separator} between them. */
  private CalicoSelector joined(Kind separator, Supplier<CalicoSelector> term, Function<List<CalicoSelector>, CalicoSelector> join) {
    List<CalicoSelector> terms = new ArrayList<>(List.of(term.get()));
    while (peek().kind() == separator) {
      next();
      terms.add(term.get());
    }
    return terms.size() == 1 ? terms.get(0) : join.apply(terms);
  }

  private CalicoSelector operation(int depth) {
    boolean negated = false;
    while (peek().kind() == Kind.NOT) {
      negated = !negated;
      next();
    }
    Token t = next();
    CalicoSelector s = switch (t.kind()) {
      case ALL -> CalicoSelector.ALL;
      case HAS -> new CalicoSelector.Has(t.value());
      case LABEL -> comparison(t);
      case LPAREN -> group(t, depth);
      case GLOBAL -> throw new Invalid(t.column(), "global() is not supported by kubemu (it selects non-namespaced network sets)");
      default -> throw new Invalid(t.column(), "unexpected " + t.describe()
          + " (expected: a label, has(...), all(), '!' or '(')");
    };
    return negated ? new CalicoSelector.Not(s) : s;
  }

  private CalicoSelector group(Token open, int depth) {
    if (depth >= MAX_DEPTH) {
      throw new Invalid(open.column(), "parentheses nested deeper than " + MAX_DEPTH);
    }
    CalicoSelector inner = or(depth + 1);
    Token close = next();
    if (close.kind() != Kind.RPAREN) {
      throw new Invalid(close.column(), "expected ')' to close the '(' at column " + open.column() + ", not " + close.describe());
    }
    return inner;
  }

  private CalicoSelector comparison(Token label) {
    Token op = next();
    switch (op.kind()) {
      case OP -> {
        Token value = next();
        if (value.kind() != Kind.STRING) {
          throw new Invalid(value.column(), "expected a quoted value after '" + op.value() + "', not " + value.describe()
              + " (e.g. " + label.value() + " " + op.value() + " 'x')");
        }
        return new CalicoSelector.Compare(label.value(), op.op(), value.value());
      }
      case IN, NOT_IN -> {
        return set(label, op);
      }
      default -> throw new Invalid(op.column(), "expected an operator after label '" + label.value() + "', not " + op.describe()
          + " (expected: ==, !=, in, not in, contains, starts with, ends with)");
    }
  }

  /** {@code {'a', "b"}}: quoted values separated by commas, a trailing comma allowed, as Calico's parser has it. */
  private CalicoSelector set(Token label, Token op) {
    Token open = next();
    if (open.kind() != Kind.LBRACE) {
      throw new Invalid(open.column(), "expected '{' after '" + op.value() + "', not " + open.describe() + " (e.g. "
          + label.value() + " " + op.value() + " {'a', 'b'})");
    }
    List<String> values = new ArrayList<>();
    while (peek().kind() == Kind.STRING) {
      values.add(next().value());
      if (peek().kind() != Kind.COMMA) {
        break;
      }
      next();
    }
    Token close = next();
    if (close.kind() != Kind.RBRACE) {
      throw new Invalid(close.column(), "expected a quoted value or '}' in the set opened at column " + open.column()
          + ", not " + close.describe());
    }
    return new CalicoSelector.InSet(label.value(), values, op.kind() == Kind.NOT_IN);
  }
}
