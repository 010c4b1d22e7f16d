package io.kubemu.protocols.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one block of lines ended by an empty line, as bytes arrive: a header section (a start line,
 * then field lines) or a trailer section (field lines only). Lines end in CRLF or a bare LF (RFC 9112
 * section 2.2); a bare CR, obsolete line folding, a name that is not a token and control characters
 * in a value are errors. The whole block counts against {@link HttpLimits#maxHeaderBytes()} and its
 * fields against {@link HttpLimits#maxHeaders()}.
 */
final class FieldBlockReader {
  /** A complete block; {@code startLine} is empty for a trailer section. */
  record Block(String startLine, long startOffset, HttpHeaders fields) {}

  private final HttpLimits limits;
  private final Failures failures;
  private final boolean hasStartLine;
  private final String what;
  private final List<HttpHeaders.Field> fields = new ArrayList<>();
  private String startLine;
  private long startOffset;
  private int used;

  private FieldBlockReader(HttpLimits limits, Failures failures, boolean hasStartLine, String what) {
    this.limits = limits;
    this.failures = failures;
    this.hasStartLine = hasStartLine;
    this.what = what;
  }

  static FieldBlockReader header(HttpLimits limits, Failures failures) {
    return new FieldBlockReader(limits, failures, true, "header section");
  }

  static FieldBlockReader trailer(HttpLimits limits, Failures failures) {
    return new FieldBlockReader(limits, failures, false, "trailer section");
  }

  /** True once a byte of this block was consumed. */
  boolean begun() {
    return used > 0;
  }

  /** Consumes complete lines; the block once its empty line arrived, else empty. */
  Optional<Block> read(ByteQueue q, boolean skipLeadingEmptyLines) {
    int max = limits.maxHeaderBytes();
    while (true) {
      int lf = q.indexOfLf();
      if (lf < 0 || used + lf + 1 > max) {
        if (used + q.size() > max) {
          throw failures.fail(HttpStatus.HEADER_FIELDS_TOO_LARGE, q.offset(0),
              what + " too large: more than " + max + " bytes (expected: at most " + max + ")");
        }
        return Optional.empty();
      }
      long at = q.offset(0);
      String line = line(q, lf, at);
      q.skip(lf + 1);
      used += lf + 1;
      if (hasStartLine && startLine == null) {
        // RFC 9112 section 2.2: a server ignores empty lines received before the request-line.
        if (!line.isEmpty() || !skipLeadingEmptyLines) {
          startLine = line;
          startOffset = at;
        }
      } else if (line.isEmpty()) {
        return Optional.of(new Block(hasStartLine ? startLine : "", startOffset, new HttpHeaders(fields)));
      } else {
        fields.add(field(line, at));
      }
    }
  }

  private String line(ByteQueue q, int lf, long at) {
    int length = lf > 0 && q.byteAt(lf - 1) == '\r' ? lf - 1 : lf;
    String text = q.text(length);
    int cr = text.indexOf('\r');
    if (cr >= 0) {
      throw failures.fail(at + cr, "bare CR in " + what + ": " + HttpSyntax.quote(text) + " (expected: CR only before LF)");
    }
    return text;
  }

  private HttpHeaders.Field field(String line, long at) {
    if (HttpSyntax.isOws(line.charAt(0))) {
      throw failures.fail(at, "obsolete line folding in " + what + ": " + HttpSyntax.quote(line)
          + " (expected: a field line starting with its name)");
    }
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw failures.fail(at, "field line without a colon: " + HttpSyntax.quote(line) + " (expected: name: value)");
    }
    String name = line.substring(0, colon);
    if (!HttpSyntax.isToken(name)) {
      throw failures.fail(at, "bad field name: " + HttpSyntax.quote(name)
          + " (expected: a token, no whitespace before the colon)");
    }
    String value = HttpSyntax.trimOws(line.substring(colon + 1));
    if (!HttpSyntax.isFieldText(value)) {
      throw failures.fail(at + colon + 1, "bad value for field " + name + ": " + HttpSyntax.quote(value)
          + " (expected: visible characters, SP or HTAB)");
    }
    if (fields.size() >= limits.maxHeaders()) {
      throw failures.fail(HttpStatus.HEADER_FIELDS_TOO_LARGE, at, "too many fields in " + what + ": more than "
          + limits.maxHeaders() + " (expected: at most " + limits.maxHeaders() + ")");
    }
    return new HttpHeaders.Field(name, value);
  }
}
