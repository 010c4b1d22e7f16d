package io.kubemu.protocols.http;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Encodable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An HTTP/1.x response (RFC 9112 section 4). 1xx, 204 and 304 responses carry no body; a response to
 * HEAD is one with its headers (Content-Length included) and an empty body, see {@link #withoutBody()}.
 * A body must match a Content-Length when there is one and the coding is not chunked.
 */
public record HttpResponse(HttpVersion version, int status, String reason, HttpHeaders headers, byte[] body)
    implements Encodable {
  public HttpResponse {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("bad status: " + status + " (expected: 100..999)");
    }
    if (!HttpSyntax.isFieldText(reason) || !HttpSyntax.trimOws(reason).equals(reason)) {
      throw new IllegalArgumentException("bad reason phrase: " + HttpSyntax.quote(reason)
          + " (expected: visible characters, inner SP or HTAB)");
    }
    if (HttpStatus.forbidsBody(status) && body.length > 0) {
      throw new IllegalArgumentException("body of " + body.length + " bytes in a " + status + " response (expected: none)");
    }
    if (!headers.contains("Transfer-Encoding")) {
      long length = BodyFraming.contentLength(headers);
      if (length >= 0 && body.length > 0 && length != body.length) {
        throw new IllegalArgumentException("body of " + body.length + " bytes with Content-Length " + length
            + " (expected: equal)");
      }
    }
  }

  /** An HTTP/1.1 response with the usual reason phrase and, where a body is allowed, its Content-Length. */
  public static HttpResponse of(int status, HttpHeaders headers, byte[] body) {
    HttpHeaders h = HttpStatus.forbidsBody(status) ? headers
        : headers.set("Content-Length", Integer.toString(body.length));
    return new HttpResponse(HttpVersion.HTTP_1_1, status, HttpStatus.reason(status), h, body);
  }

  public static HttpResponse text(int status, HttpHeaders headers, String text) {
    return of(status, headers, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The status line and header section as sent, without the body: what a HEAD request gets, what {@code curl -i} shows. */
  public byte[] headBytes() {
    ByteWriter w = new ByteWriter();
    MessageEncoding.encode(w, statusLine(), headers, new byte[0], false);
    return w.toByteArray();
  }

  /** The same response as an answer to HEAD: every header kept, the body left out. */
  public HttpResponse withoutBody() {
    return new HttpResponse(version, status, reason, headers, new byte[0]);
  }

  public HttpResponse withHeaders(HttpHeaders h) {
    return new HttpResponse(version, status, reason, h, body);
  }

  /** Whether the server keeps the connection after this response (RFC 9112 section 9.3). */
  public boolean keepAlive() {
    if (headers.hasToken("Connection", "close")) {
      return false;
    }
    return version.persistentByDefault() || headers.hasToken("Connection", "keep-alive");
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** {@code HTTP/1.1 200 OK}. */
  public String statusLine() {
    return version + " " + status + " " + reason;
  }

  private boolean chunked() {
    List<String> codings = BodyFraming.codings(headers);
    return !codings.isEmpty() && codings.get(codings.size() - 1).equals("chunked");
  }

  @Override
  public int length() {
    return MessageEncoding.length(statusLine(), headers, body, chunked() && !HttpStatus.forbidsBody(status));
  }

  @Override
  public void encode(ByteWriter w) {
    MessageEncoding.encode(w, statusLine(), headers, body, chunked() && !HttpStatus.forbidsBody(status));
  }

  /** The response to a {@code requestMethod} request at the reader's position, within {@link HttpLimits#DEFAULT}. */
  public static HttpResponse decode(ByteReader r, String requestMethod) {
    return decode(r, requestMethod, HttpLimits.DEFAULT);
  }

  public static HttpResponse decode(ByteReader r, String requestMethod, HttpLimits limits) {
    return MessageEncoding.decode(r, base -> new HttpResponseParser(requestMethod, limits, base));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpResponse m && version.equals(m.version) && status == m.status && reason.equals(m.reason)
        && headers.equals(m.headers) && Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return ((status * 31 + reason.hashCode()) * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return statusLine() + " " + headers.fields() + " body " + body.length + " bytes";
  }
}
