package io.kubemu.protocols.http;

import java.util.Optional;

/**
 * Parses the requests a client sends on one connection (RFC 9112), in order, from bytes in any
 * chunks: {@code feed(bytes)}, then {@code next()} until it is empty. Besides the grammar, it holds
 * a request to what a server must check: one Host field in HTTP/1.1 (at most one in 1.0), a
 * Transfer-Encoding of exactly chunked and never with a Content-Length.
 */
public final class HttpRequestParser extends MessageParser<HttpRequest> {
  public HttpRequestParser(HttpLimits limits) {
    this(limits, 0);
  }

  HttpRequestParser(HttpLimits limits, long baseOffset) {
    super(limits, baseOffset);
  }

  @Override
  boolean skipsLeadingEmptyLines() {
    return true;
  }

  @Override
  Head<HttpRequest> begin(FieldBlockReader.Block block) {
    String line = block.startLine();
    long at = block.startOffset();
    int first = line.indexOf(' ');
    int last = line.lastIndexOf(' ');
    if (first <= 0 || last == first) {
      throw failures.fail(at, "bad request line: " + HttpSyntax.quote(line) + " (expected: METHOD SP target SP HTTP/1.1)");
    }
    String method = line.substring(0, first);
    String target = line.substring(first + 1, last);
    String versionText = line.substring(last + 1);
    if (!HttpSyntax.isToken(method)) {
      throw failures.fail(at, "bad method: " + HttpSyntax.quote(method) + " (expected: a token)");
    }
    if (!HttpSyntax.isTarget(target)) {
      throw failures.fail(at + first + 1, "bad request target: " + HttpSyntax.quote(target)
          + " (expected: visible ASCII without spaces)");
    }
    HttpVersion version = HttpVersion.parse(versionText).orElseThrow(() -> failures.fail(at + last + 1,
        "bad HTTP version: " + HttpSyntax.quote(versionText) + " (expected: HTTP/1.1 or HTTP/1.0)"));
    if (version.major() != 1) {
      throw failures.fail(HttpStatus.VERSION_NOT_SUPPORTED, at + last + 1,
          "unsupported HTTP version: " + version + " (expected: HTTP/1.x)");
    }
    HttpHeaders headers = block.fields();
    int hosts = headers.all("Host").size();
    if (hosts > 1 || (hosts == 0 && version.minor() >= 1)) {
      throw failures.fail(at, "Host fields in an " + version + " request: " + hosts
          + " (expected: " + (version.minor() >= 1 ? "exactly one" : "at most one") + ")");
    }
    BodyFraming framing;
    try {
      framing = BodyFraming.ofRequest(headers);
    } catch (IllegalArgumentException e) {
      boolean unsupported = headers.contains("Transfer-Encoding") && !headers.contains("Content-Length")
          && BodyFraming.unsupportedCoding(headers);
      throw failures.fail(unsupported ? HttpStatus.NOT_IMPLEMENTED : HttpStatus.BAD_REQUEST, at, e.getMessage());
    }
    return new Head<>(framing, body -> Optional.of(new HttpRequest(method, target, version, headers, body)));
  }
}
