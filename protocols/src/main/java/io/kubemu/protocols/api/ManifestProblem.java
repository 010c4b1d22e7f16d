package io.kubemu.protocols.api;

/**
 * One reason a manifest was refused, printed as {@code web.yaml:12:5: spec.containers[0].image: Required value}.
 * Line and column are 1-based within the whole file; both are 0 when the problem concerns the file itself
 * (it cannot be read). The field is empty for problems that are not about one field (a syntax error).
 */
public record ManifestProblem(String file, int line, int column, String field, String message) {
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line).append(':').append(column);
    }
    b.append(": ");
    if (!field.isEmpty()) {
      b.append(field).append(": ");
    }
    return b.append(message).toString();
  }
}
