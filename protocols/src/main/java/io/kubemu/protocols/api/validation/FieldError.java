package io.kubemu.protocols.api.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation failure, as Kubernetes' {@code field.Error}: the field path, the error type, the offending
 * value already rendered the way the API server renders it ({@code "Web_1"} for strings, {@code 70000} for
 * numbers; empty for types that print no value), and a detail.
 */
public record FieldError(String field, Type type, String value, String detail) {

  /** The error types kubemu reports, with the API server's text and its Status cause reason. */
  public enum Type {
    REQUIRED("Required value", "FieldValueRequired"),
    INVALID("Invalid value", "FieldValueInvalid"),
    NOT_SUPPORTED("Unsupported value", "FieldValueNotSupported"),
    DUPLICATE("Duplicate value", "FieldValueDuplicate"),
    FORBIDDEN("Forbidden", "FieldValueForbidden"),
    TOO_LONG("Too long", "FieldValueTooLong"),
    TOO_MANY("Too many", "FieldValueTooMany");

    private final String text;
    private final String reason;

    Type(String text, String reason) {
      this.text = text;
      this.reason = reason;
    }

    public String text() {
      return text;
    }

    public String reason() {
      return reason;
    }
  }

  public static FieldError required(FieldPath field, String detail) {
    return new FieldError(field.text(), Type.REQUIRED, "", detail);
  }

  public static FieldError invalid(FieldPath field, Object value, String detail) {
    return new FieldError(field.text(), Type.INVALID, render(value), detail);
  }

  /** An invalid value already rendered as Go's {@code %#v} renders it, e.g. {@code map[string]string{"app":"web"}}. */
  public static FieldError invalidRendered(FieldPath field, String rendered, String detail) {
    return new FieldError(field.text(), Type.INVALID, rendered, detail);
  }

  public static FieldError forbidden(FieldPath field, String detail) {
    return new FieldError(field.text(), Type.FORBIDDEN, "", detail);
  }

  public static FieldError notSupported(FieldPath field, Object value, List<String> supported) {
    String detail = supported.stream().map(FieldError::quote).collect(Collectors.joining(", ", "supported values: ", ""));
    return new FieldError(field.text(), Type.NOT_SUPPORTED, render(value), detail);
  }

  /** Like {@link #notSupported} for a value already rendered the Go way, such as a whole strategy struct. */
  public static FieldError notSupportedRendered(FieldPath field, String rendered, List<String> supported) {
    FieldError e = notSupported(field, "", supported);
    return new FieldError(e.field(), Type.NOT_SUPPORTED, rendered, e.detail());
  }

  public static FieldError duplicate(FieldPath field, Object value) {
    return new FieldError(field.text(), Type.DUPLICATE, render(value), "");
  }

  public static FieldError tooLong(FieldPath field, int maxBytes) {
    return new FieldError(field.text(), Type.TOO_LONG, "", "must have at most " + maxBytes + " bytes");
  }

  public static FieldError tooMany(FieldPath field, int actual, int max) {
    return new FieldError(field.text(), Type.TOO_MANY, String.valueOf(actual), "must have at most " + max + " items");
  }

  /** The message without the field, as in a Status cause: {@code Invalid value: "Web_1": a lowercase ...}. */
  public String body() {
    String s = value.isEmpty() ? type.text() : type.text() + ": " + value;
    return detail.isEmpty() ? s : s + ": " + detail;
  }

  @Override
  public String toString() {
    return field + ": " + body();
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof String s ? quote(s) : String.valueOf(value);
  }

  /** Quotes like Go's {@code %q}, which the API server uses for string values. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
