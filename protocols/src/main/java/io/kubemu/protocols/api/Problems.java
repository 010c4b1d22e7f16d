package io.kubemu.protocols.api;

import io.kubemu.protocols.api.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;

/** The problems found so far in one file. */
final class Problems {
  private final String file;
  private final List<ManifestProblem> list = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void add(SourceMap.Mark at, FieldPath field, String message) {
    list.add(new ManifestProblem(file, at.line(), at.column(), field.text(), message));
  }

  /** A problem about {@code field} of a document, placed where the field (or its nearest parent) is written. */
  void add(SourceMap marks, FieldPath field, String message) {
    add(marks.locate(field), field, message);
  }

  int size() {
    return list.size();
  }

  List<ManifestProblem> list() {
    return List.copyOf(list);
  }
}
