package io.kubemu.protocols.api.calico;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random loops over the selector parser: random selectors survive printing and parsing back with the
 * same meaning; random text from the selector alphabet either parses or fails with a column inside the text.
 */
class CalicoSelectorFuzzTest {
  private static final String[] KEYS = {"a", "rack", "route-reflector", "kubernetes.io/hostname", "x_y.z"};
  private static final String[] VALUES = {"", "a", "b", "true", "w1", "it's", "say \"hi\""};
  private static final String[] PIECES = {"a", "rack", "'a'", "\"b\"", "==", "!=", "!", "&&", "||", "(", ")", "{", "}", ",",
      " in ", " not in ", " contains ", " starts with ", " ends with ", "has(", "has(a)", "all()", " ", "\t", "=", "&", "|",
      "'", "\"", "global()", "@", "\n", "in", "not"};

  @Test
  void randomSelectorsPrintAndParseBackWithTheSameMeaning() {
    Random random = new Random(0xCA11C0);
    for (int i = 0; i < 3000; i++) {
      CalicoSelector s = selector(random, 4);
      String text = s.toString();
      CalicoSelector back = CalicoSelector.parse(text);
      assertEquals(s, back, text);
      for (int j = 0; j < 5; j++) {
        Map<String, String> labels = labels(random);
        assertEquals(s.matches(labels), back.matches(labels), text + " on " + labels);
      }
    }
  }

  @Test
  void randomTextParsesOrFailsWithAColumnInsideIt() {
    Random random = new Random(0x5E1EC7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(12);
      for (int j = 0; j < n; j++) {
        b.append(random.nextInt(10) == 0 ? (char) random.nextInt(128) : PIECES[random.nextInt(PIECES.length)]);
      }
      String text = b.toString();
      try {
        CalicoSelector s = CalicoSelector.parse(text);
        assertEquals(s, CalicoSelector.parse(s.toString()), text);
      } catch (CalicoSelector.Invalid e) {
        assertTrue(e.column() >= 1 && e.column() <= text.length() + 1, text + ": " + e.getMessage());
      }
    }
  }

  private static CalicoSelector selector(Random r, int depth) {
    int choice = depth == 0 ? r.nextInt(4) : r.nextInt(7);
    String key = KEYS[r.nextInt(KEYS.length)];
    switch (choice) {
      case 0:
        return r.nextInt(5) == 0 ? CalicoSelector.ALL : new CalicoSelector.Has(key);
      case 1:
        CalicoSelector.Op[] ops = CalicoSelector.Op.values();
        return new CalicoSelector.Compare(key, ops[r.nextInt(ops.length)], value(r));
      case 2:
      case 3:
        List<String> values = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          values.add(value(r));
        }
        return new CalicoSelector.InSet(key, values, r.nextBoolean());
      case 4:
        return new CalicoSelector.Not(selector(r, depth - 1));
      default:
        List<CalicoSelector> terms = new ArrayList<>();
        for (int i = 2 + r.nextInt(2); i > 0; i--) {
          terms.add(selector(r, depth - 1));
        }
        return choice == 5 ? new CalicoSelector.And(terms) : new CalicoSelector.Or(terms);
    }
  }

  private static String value(Random r) {
    return VALUES[r.nextInt(VALUES.length)];
  }

  private static Map<String, String> labels(Random r) {
    Map<String, String> labels = new HashMap<>();
    for (String key : KEYS) {
      if (r.nextBoolean()) {
        labels.put(key, value(r));
      }
    }
    return labels;
  }
}
