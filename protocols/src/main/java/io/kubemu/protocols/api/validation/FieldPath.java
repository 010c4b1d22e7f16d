package io.kubemu.protocols.api.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to a field, rendered as the Kubernetes API server renders it: {@code spec.containers[0].image},
 * {@code metadata.labels[app.kubernetes.io/name]}. Struct fields are joined with dots; list indexes and map
 * keys go in brackets, so a key may itself contain dots.
 */
public record FieldPath(String text) {
  public static final FieldPath ROOT = new FieldPath("");

  public static FieldPath of(String name) {
    return ROOT.child(name);
  }

  public FieldPath child(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name);
  }

  public FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  /** This path followed by {@code relative}, itself a rendered path such as {@code spec.containers[0]}. */
  public FieldPath append(String relative) {
    if (relative.isEmpty()) {
      return this;
    }
    if (text.isEmpty() || relative.startsWith("[")) {
      return new FieldPath(text + relative);
    }
    return new FieldPath(text + "." + relative);
  }

  /** The steps of a rendered path: {@code a.b[0][k.x]} gives {@code [a, b, 0, k.x]}. */
  public static List<String> segments(String rendered) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (i < rendered.length()) {
      char c = rendered.charAt(i);
      if (c == '.' || c == '[') {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        if (c == '[') {
          int close = rendered.indexOf(']', i + 1);
          int end = close < 0 ? rendered.length() : close;
          out.add(rendered.substring(i + 1, end));
          i = end;
        }
      } else {
        cur.append(c);
      }
      i++;
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  @Override
  public String toString() {
    return text;
  }
}
