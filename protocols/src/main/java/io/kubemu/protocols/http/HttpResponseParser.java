package io.kubemu.protocols.http;

import java.util.Optional;

/**
 * Parses the response to one request (RFC 9112), from bytes in any chunks. It needs the request's
 * method: a response to HEAD has no body whatever its headers say. Interim 1xx responses (but 101)
 * are read and skipped; {@link #next()} gives the final one. A response without Content-Length or
 * chunked coding ends when the connection does: {@link #endOfStream()} completes it.
 */
public final class HttpResponseParser extends MessageParser<HttpResponse> {
  private final String requestMethod;

  public HttpResponseParser(String requestMethod, HttpLimits limits) {
    this(requestMethod, limits, 0);
  }

  HttpResponseParser(String requestMethod, HttpLimits limits, long baseOffset) {
    super(limits, baseOffset);
    this.requestMethod = requestMethod;
  }

  @Override
  boolean skipsLeadingEmptyLines() {
    return false;
  }

  @Override
  Head<HttpResponse> begin(FieldBlockReader.Block block) {
    String line = block.startLine();
    long at = block.startOffset();
    int sp = line.indexOf(' ');
    String versionText = sp < 0 ? line : line.substring(0, sp);
    HttpVersion version = HttpVersion.parse(versionText).orElseThrow(() -> failures.fail(at,
        "bad status line: " + HttpSyntax.quote(line) + " (expected: HTTP/1.1 SP 3DIGIT SP reason)"));
    if (version.major() != 1) {
      throw failures.fail(HttpStatus.VERSION_NOT_SUPPORTED, at, "unsupported HTTP version: " + version
          + " (expected: HTTP/1.x)");
    }
    String code = line.length() >= sp + 4 ? line.substring(sp + 1, sp + 4) : "";
    boolean codeOk = code.length() == 3 && code.chars().allMatch(c -> c >= '0' && c <= '9') && code.charAt(0) != '0'
        && (line.length() == sp + 4 || line.charAt(sp + 4) == ' ');
    if (!codeOk) {
      throw failures.fail(at + sp + 1, "bad status code in " + HttpSyntax.quote(line) + " (expected: 3 digits, 100..999)");
    }
    String reason = HttpSyntax.trimOws(line.length() > sp + 5 ? line.substring(sp + 5) : "");
    if (!HttpSyntax.isFieldText(reason)) {
      throw failures.fail(at + sp + 5, "bad reason phrase: " + HttpSyntax.quote(reason)
          + " (expected: visible characters, SP or HTAB)");
    }
    int status = Integer.parseInt(code);
    HttpHeaders headers = block.fields();
    BodyFraming framing;
    try {
      framing = BodyFraming.ofResponse(requestMethod, status, headers);
    } catch (IllegalArgumentException e) {
      throw failures.fail(at, e.getMessage());
    }
    boolean interim = status < 200 && status != 101;
    return new Head<>(framing, body -> interim ? Optional.empty()
        : Optional.of(new HttpResponse(version, status, reason, headers, body)));
  }
}
