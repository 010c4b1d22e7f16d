package io.kubemu.protocols.api.calico;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * A selector in Calico's label selector language (libcalico-go's {@code selector} package), as IPPools and
 * BGPPeers use them: {@code all()}, {@code has(k)}, {@code k == 'v'}, {@code k != "v"} (true when k is absent),
 * {@code k in {'a','b'}}, {@code k not in {...}}, {@code contains}, {@code starts with}, {@code ends with},
 * {@code !}, {@code &&}, {@code ||} and parentheses. An empty selector is {@code all()}. Immutable; equal
 * selectors are equal records, and {@link #toString} gives text that parses back to an equal selector.
 */
public sealed interface CalicoSelector {
  /** Selects everything: {@code all()}, also what an empty selector means. */
  CalicoSelector ALL = new All();

  boolean matches(Map<String, String> labels);

  /** Parses {@code text}; throws {@link Invalid} naming the column of the first problem. */
  static CalicoSelector parse(String text) {
    return SelectorParser.parse(text);
  }

  /** {@code all()}. */
  record All() implements CalicoSelector {
    @Override
    public boolean matches(Map<String, String> labels) {
      return true;
    }

    @Override
    public String toString() {
      return "all()";
    }
  }

  /** {@code has(key)}. */
  record Has(String key) implements CalicoSelector {
    @Override
    public boolean matches(Map<String, String> labels) {
      return labels.containsKey(key);
    }

    @Override
    public String toString() {
      return "has(" + key + ")";
    }
  }

  /** The operators between a label and one quoted value. */
  enum Op {
    EQ("==", (v, x) -> v != null && v.equals(x)),
    NE("!=", (v, x) -> v == null || !v.equals(x)),
    CONTAINS("contains", (v, x) -> v != null && v.contains(x)),
    STARTS_WITH("starts with", (v, x) -> v != null && v.startsWith(x)),
    ENDS_WITH("ends with", (v, x) -> v != null && v.endsWith(x));

    private final String text;
    private final BiPredicate<String, String> test;

    Op(String text, BiPredicate<String, String> test) {
      this.text = text;
      this.test = test;
    }

    public String text() {
      return text;
    }
  }

  /** {@code key == "value"} and the other single-value operators; a label that is absent never equals. */
  record Compare(String key, Op op, String value) implements CalicoSelector {
    @Override
    public boolean matches(Map<String, String> labels) {
      return op.test.test(labels.get(key), value);
    }

    @Override
    public String toString() {
      return key + " " + op.text + " " + quote(value);
    }
  }

  /** {@code key in {...}}, or {@code key not in {...}} (true when the label is absent); values sorted, distinct. */
  record InSet(String key, List<String> values, boolean negated) implements CalicoSelector {
    public InSet {
      values = List.copyOf(new TreeSet<>(values));
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      boolean in = v != null && values.contains(v);
      return negated ? !in : in;
    }

    @Override
    public String toString() {
      return key + (negated ? " not in {" : " in {") + values.stream().map(CalicoSelector::quote).collect(Collectors.joining(", "))
          + "}";
    }
  }

  /** {@code !term}. */
  record Not(CalicoSelector term) implements CalicoSelector {
    @Override
    public boolean matches(Map<String, String> labels) {
      return !term.matches(labels);
    }

    @Override
    public String toString() {
      return "!" + grouped(term, term instanceof And || term instanceof Or || term instanceof Not);
    }
  }

  /** {@code a && b && ...}, two or more terms. */
  record And(List<CalicoSelector> terms) implements CalicoSelector {
    public And {
      terms = List.copyOf(terms);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return terms.stream().allMatch(t -> t.matches(labels));
    }

    @Override
    public String toString() {
      return terms.stream().map(t -> grouped(t, t instanceof And || t instanceof Or)).collect(Collectors.joining(" && "));
    }
  }

  /** {@code a || b || ...}, two or more terms. */
  record Or(List<CalicoSelector> terms) implements CalicoSelector {
    public Or {
      terms = List.copyOf(terms);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return terms.stream().anyMatch(t -> t.matches(labels));
    }

    @Override
    public String toString() {
      return terms.stream().map(t -> grouped(t, t instanceof Or)).collect(Collectors.joining(" || "));
    }
  }

  /** A selector that cannot be parsed: the 1-based column where the problem is, and what it is. */
  final class Invalid extends IllegalArgumentException {
    private final int column;
    private final String problem;

    Invalid(int column, String problem) {
      super("column " + column + ": " + problem);
      this.column = column;
      this.problem = problem;
    }

    public int column() {
      return column;
    }

    public String problem() {
      return problem;
    }
  }

  /** A value in the quotes that can hold it: double quotes, or single ones when it has a double quote. */
  private static String quote(String value) {
    return value.indexOf('"') < 0 ? "\"" + value + "\"" : "'" + value + "'";
  }

  private static String grouped(CalicoSelector s, boolean parens) {
    return parens ? "(" + s + ")" : s.toString();
  }
}
