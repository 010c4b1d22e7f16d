package io.kubemu.emulator.controllers.job;

import java.util.Iterator;
import java.util.TreeSet;

/** status.completedIndexes of an Indexed Job: ascending intervals, as "1,3-5,7" (two in a row print as "1,2"). */
final class CompletedIndexes {
  private CompletedIndexes() {}

  /** The indexes below {@code completions} that {@code text} names; what does not parse is skipped. */
  static TreeSet<Integer> parse(String text, int completions) {
    TreeSet<Integer> out = new TreeSet<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String part : text.split(",")) {
      String[] bounds = part.split("-", 2);
      try {
        int first = Integer.parseInt(bounds[0].trim());
        int last = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : first;
        for (int i = Math.max(0, first); i <= Math.min(last, completions - 1); i++) {
          out.add(i);
        }
      } catch (NumberFormatException ignored) {
        // the controller writes this field; a broken one is rebuilt from the pods
      }
    }
    return out;
  }

  static String format(TreeSet<Integer> indexes) {
    StringBuilder b = new StringBuilder();
    Iterator<Integer> it = indexes.iterator();
    Integer first = null;
    Integer last = null;
    while (it.hasNext()) {
      int i = it.next();
      if (last != null && i == last + 1) {
        last = i;
        continue;
      }
      interval(b, first, last);
      first = i;
      last = i;
    }
    interval(b, first, last);
    return b.toString();
  }

  private static void interval(StringBuilder b, Integer first, Integer last) {
    if (first == null) {
      return;
    }
    if (b.length() > 0) {
      b.append(',');
    }
    b.append(first);
    if (last > first) {
      b.append(last == first + 1 ? ',' : '-').append(last);
    }
  }
}
