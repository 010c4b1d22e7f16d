package io.kubemu.protocols.api.calico;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calico's selector language over node labels, with the examples of Calico's own docs and parser tests. */
class CalicoSelectorTest {
  private static final Map<String, String> RR = Map.of("route-reflector", "true", "rack", "a", "kubernetes.io/hostname", "w2");
  private static final Map<String, String> PLAIN = Map.of("rack", "b", "kubernetes.io/hostname", "w1");

  private static boolean sel(String text, Map<String, String> labels) {
    return CalicoSelector.parse(text).matches(labels);
  }

  @Test
  void allAndEmptySelectEverything() {
    assertEquals(CalicoSelector.ALL, CalicoSelector.parse(""));
    assertEquals(CalicoSelector.ALL, CalicoSelector.parse("  \t "));
    assertEquals(CalicoSelector.ALL, CalicoSelector.parse("all()"));
    assertTrue(sel("all( )", Map.of()));
  }

  @Test
  void equalityAndInequalityWithEitherQuote() {
    assertTrue(sel("route-reflector == 'true'", RR));
    assertFalse(sel("route-reflector == \"true\"", PLAIN));
    assertTrue(sel("route-reflector != 'true'", PLAIN), "!= holds when the label is absent, as in Calico");
    assertFalse(sel("rack != 'a'", RR));
    assertTrue(sel("kubernetes.io/hostname == 'w2'", RR), "keys may hold '.', '/' and '-'");
    assertTrue(sel("rack=='a'", RR), "no space needed");
  }

  @Test
  void hasAndNegations() {
    assertTrue(sel("has(route-reflector)", RR));
    assertFalse(sel("!has(route-reflector)", RR));
    assertTrue(sel("!!has( route-reflector )", RR), "leading ! collapse as in Calico's parser");
    assertTrue(sel("!(rack == 'a' && has(route-reflector))", PLAIN));
  }

  @Test
  void setsWithAndWithoutTheLabel() {
    assertTrue(sel("rack in {'a', 'c'}", RR));
    assertFalse(sel("rack in {'a','c'}", PLAIN));
    assertTrue(sel("rack not in {'a'}", PLAIN));
    assertTrue(sel("zone not in {'x'}", PLAIN), "not in holds when the label is absent");
    assertFalse(sel("zone in {}", PLAIN));
    assertTrue(sel("rack in {'a',}", RR), "a trailing comma is accepted, as Calico's parser does");
    assertEquals(new CalicoSelector.InSet("rack", List.of("a", "b"), false), CalicoSelector.parse("rack in {'b', \"a\", 'b'}"));
  }

  @Test
  void stringOperators() {
    assertTrue(sel("kubernetes.io/hostname starts with 'w'", RR));
    assertTrue(sel("kubernetes.io/hostname ends  with '2'", RR));
    assertTrue(sel("kubernetes.io/hostname contains '2'", RR));
    assertFalse(sel("zone contains ''", RR), "an absent label contains nothing");
  }

  @Test
  void andBindsTighterThanOr() {
    CalicoSelector s = CalicoSelector.parse("rack == 'b' || rack == 'a' && has(route-reflector)");
    assertTrue(s instanceof CalicoSelector.Or);
    assertTrue(s.matches(RR));
    assertTrue(s.matches(PLAIN));
    assertFalse(CalicoSelector.parse("(rack == 'b' || rack == 'a') && has(route-reflector)").matches(PLAIN));
  }

  @Test
  void textParsesBackToAnEqualSelector() {
    for (String text : List.of("rack == 'a'", "!(a == 'x' || b != \"y\") && has(c)", "k not in {'x', 'y'} || all()",
        "v == 'say \"hi\"'", "!(!has(a))", "(a == 'x' && b == 'y') && c == 'z'", "a starts with 'x' || (b ends with 'y' || c contains 'z')")) {
      CalicoSelector s = CalicoSelector.parse(text);
      assertEquals(s, CalicoSelector.parse(s.toString()), text + " -> " + s);
    }
  }

  @Test
  void errorsNameTheColumnAndTheProblem() {
    assertProblem("rack == a", 9, "expected a quoted value after '=='");
    assertProblem("rack = 'a'", 6, "expected '=='");
    assertProblem("rack == 'a", 9, "unterminated string");
    assertProblem("rack in {'a' 'b'}", 14, "expected a quoted value or '}'");
    assertProblem("rack in 'a'", 9, "expected '{'");
    assertProblem("(rack == 'a'", 13, "expected ')' to close the '(' at column 1");
    assertProblem("rack == 'a' & b == 'c'", 13, "expected '&&'");
    assertProblem("rack", 5, "expected an operator after label 'rack'");
    assertProblem("rack is 'a'", 6, "unexpected characters after label 'rack'");
    assertProblem("rack == 'a' b == 'c'", 13, "unexpected label 'b' after a complete selector");
    assertProblem("has()", 5, "expected a label name in has(...)");
    assertProblem("has(a", 6, "expected ')' to close has(a");
    assertProblem("@", 1, "unexpected character '@'");
    assertProblem("a == 'x'\n", 9, "unexpected character 0x0a");
    assertProblem("global()", 1, "global() is not supported");
    assertProblem("&& a == 'b'", 1, "unexpected '&&'");
    assertProblem("(".repeat(200) + "all()" + ")".repeat(200), 101, "nested deeper than 100");
  }

  private static void assertProblem(String text, int column, String problem) {
    CalicoSelector.Invalid e = assertThrows(CalicoSelector.Invalid.class, () -> CalicoSelector.parse(text), text);
    assertEquals(column, e.column(), text + ": " + e.getMessage());
    assertTrue(e.problem().contains(problem), text + ": " + e.getMessage());
    assertEquals("column " + column + ": " + e.problem(), e.getMessage());
  }
}
