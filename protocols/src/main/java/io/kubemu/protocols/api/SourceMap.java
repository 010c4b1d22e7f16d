package io.kubemu.protocols.api;

import io.kubemu.protocols.api.validation.FieldPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each field of one document appears in the file. A problem about a field that is not written
 * (a missing {@code image}) is placed at its nearest written parent, and at worst at the document's start.
 */
final class SourceMap {
  /** A 1-based line and column in the whole file. */
  record Mark(int line, int column) {}

  private final Map<List<String>, Mark> marks = new HashMap<>();
  private final Mark start;

  SourceMap(Mark start) {
    this.start = start;
  }

  /** Records where the field at {@code path} (names and list indexes) is written; the first occurrence wins. */
  void put(List<Object> path, Mark mark) {
    marks.putIfAbsent(path.stream().map(String::valueOf).toList(), mark);
  }

  /**
   * A path of names and list indexes as a field path. Names that could be read back wrongly after a dot
   * (label keys such as {@code app.kubernetes.io/name}) go in brackets.
   */
  static FieldPath render(List<Object> path) {
    FieldPath p = FieldPath.ROOT;
    for (Object step : path) {
      if (step instanceof Integer i) {
        p = p.index(i);
      } else {
        String name = (String) step;
        p = name.isEmpty() || name.contains(".") || name.contains("[") ? p.key(name) : p.child(name);
      }
    }
    return p;
  }

  Mark start() {
    return start;
  }

  Mark locate(FieldPath field) {
    List<String> segments = FieldPath.segments(field.text());
    for (int n = segments.size(); n > 0; n--) {
      Mark m = marks.get(segments.subList(0, n));
      if (m != null) {
        return m;
      }
    }
    return start;
  }
}
