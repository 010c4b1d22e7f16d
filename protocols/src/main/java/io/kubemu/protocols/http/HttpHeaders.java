package io.kubemu.protocols.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A header (or trailer) section: fields in the order they came, names compared without regard to
 * case (RFC 9110 section 5.1). Values are kept as ISO-8859-1 text, so every byte survives.
 */
public record HttpHeaders(List<Field> fields) {
  public static final HttpHeaders EMPTY = new HttpHeaders(List.of());

  /** One field line: a token name and a value without CR, LF or surrounding whitespace. */
  public record Field(String name, String value) {
    public Field {
      if (!HttpSyntax.isToken(name)) {
        throw new IllegalArgumentException("bad header name: " + HttpSyntax.quote(name) + " (expected: a token)");
      }
      if (!HttpSyntax.isFieldText(value) || !HttpSyntax.trimOws(value).equals(value)) {
        throw new IllegalArgumentException("bad value for header " + name + ": " + HttpSyntax.quote(value)
            + " (expected: visible characters, SP or HTAB, no CR or LF, trimmed)");
      }
    }

    public boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  public HttpHeaders {
    fields = List.copyOf(fields);
  }

  /** Fields from name, value pairs: {@code of("Host", "web", "Accept", "*}{@code /*")}. */
  public static HttpHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of names and values: " + namesAndValues.length + " (expected: pairs)");
    }
    List<Field> list = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
    }
    return new HttpHeaders(list);
  }

  public int size() {
    return fields.size();
  }

  public boolean contains(String name) {
    return fields.stream().anyMatch(f -> f.is(name));
  }

  public Optional<String> first(String name) {
    return fields.stream().filter(f -> f.is(name)).map(Field::value).findFirst();
  }

  public List<String> all(String name) {
    return fields.stream().filter(f -> f.is(name)).map(Field::value).toList();
  }

  /**
   * The elements of a comma-separated list field across every line with this name, trimmed and
   * lower-cased, empty elements dropped (RFC 9110 section 5.6.1): {@code Connection}, {@code Transfer-Encoding}.
   */
  public List<String> tokens(String name) {
    List<String> out = new ArrayList<>();
    for (String value : all(name)) {
      for (String element : value.split(",")) {
        String t = HttpSyntax.trimOws(element).toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  public boolean hasToken(String name, String token) {
    return tokens(name).contains(token.toLowerCase(Locale.ROOT));
  }

  /** These fields and one more at the end. */
  public HttpHeaders with(String name, String value) {
    List<Field> list = new ArrayList<>(fields);
    list.add(new Field(name, value));
    return new HttpHeaders(list);
  }

  /** The field set to one value: in place of the first line with this name (others dropped), else at the end. */
  public HttpHeaders set(String name, String value) {
    List<Field> list = new ArrayList<>();
    boolean placed = false;
    for (Field f : fields) {
      if (!f.is(name)) {
        list.add(f);
      } else if (!placed) {
        list.add(new Field(name, value));
        placed = true;
      }
    }
    if (!placed) {
      list.add(new Field(name, value));
    }
    return new HttpHeaders(list);
  }

  public HttpHeaders without(String name) {
    return new HttpHeaders(fields.stream().filter(f -> !f.is(name)).toList());
  }

  /** The field lines as sent: {@code Name: value} and CRLF each. */
  String wireText() {
    StringBuilder sb = new StringBuilder();
    for (Field f : fields) {
      sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
    }
    return sb.toString();
  }
}
