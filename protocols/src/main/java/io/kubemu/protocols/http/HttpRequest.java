package io.kubemu.protocols.http;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Encodable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP/1.x request (RFC 9112 section 3). The headers frame the body: a Content-Length equal to
 * its length, or {@code Transfer-Encoding: chunked}, or neither and no body; anything else is
 * refused here, as a parser would refuse it on the wire.
 */
public record HttpRequest(String method, String target, HttpVersion version, HttpHeaders headers, byte[] body)
    implements Encodable {
  public HttpRequest {
    if (!HttpSyntax.isToken(method)) {
      throw new IllegalArgumentException("bad method: " + HttpSyntax.quote(method) + " (expected: a token)");
    }
    if (!HttpSyntax.isTarget(target)) {
      throw new IllegalArgumentException("bad request target: " + HttpSyntax.quote(target)
          + " (expected: visible ASCII without spaces)");
    }
    BodyFraming framing = BodyFraming.ofRequest(headers);
    long expected = framing.kind() == BodyFraming.Kind.FIXED ? framing.length() : 0;
    if (framing.kind() != BodyFraming.Kind.CHUNKED && body.length != expected) {
      throw new IllegalArgumentException("body of " + body.length + " bytes framed for " + expected
          + " (expected: a matching Content-Length, or Transfer-Encoding: chunked)");
    }
  }

  /** {@code GET target HTTP/1.1} with a Host field and nothing else. */
  public static HttpRequest get(String target, String host) {
    return new HttpRequest("GET", target, HttpVersion.HTTP_1_1, HttpHeaders.of("Host", host), new byte[0]);
  }

  public HttpRequest withMethod(String m) {
    return new HttpRequest(m, target, version, headers, body);
  }

  public HttpRequest withHeaders(HttpHeaders h) {
    return new HttpRequest(method, target, version, h, body);
  }

  /** This request carrying {@code content}, with its Content-Length set. */
  public HttpRequest withBody(byte[] content) {
    HttpHeaders h = headers.without("Transfer-Encoding").without("Content-Length");
    return new HttpRequest(method, target, version, content.length == 0 ? h
        : h.with("Content-Length", Integer.toString(content.length)), content);
  }

  /** Whether the client wants the connection kept after the response (RFC 9112 section 9.3). */
  public boolean keepAlive() {
    if (headers.hasToken("Connection", "close")) {
      return false;
    }
    return version.persistentByDefault() || headers.hasToken("Connection", "keep-alive");
  }

  /** The target up to any {@code ?}. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The target after the {@code ?}, without it; empty when there is none. */
  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  private String requestLine() {
    return method + " " + target + " " + version;
  }

  private boolean chunked() {
    return headers.contains("Transfer-Encoding");
  }

  @Override
  public int length() {
    return MessageEncoding.length(requestLine(), headers, body, chunked());
  }

  @Override
  public void encode(ByteWriter w) {
    MessageEncoding.encode(w, requestLine(), headers, body, chunked());
  }

  /** The request at the reader's position, within {@link HttpLimits#DEFAULT}. */
  public static HttpRequest decode(ByteReader r) {
    return decode(r, HttpLimits.DEFAULT);
  }

  public static HttpRequest decode(ByteReader r, HttpLimits limits) {
    return MessageEncoding.decode(r, base -> new HttpRequestParser(limits, base));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpRequest m && method.equals(m.method) && target.equals(m.target)
        && version.equals(m.version) && headers.equals(m.headers) && Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return ((method.hashCode() * 31 + target.hashCode()) * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return requestLine() + " " + headers.fields() + " body " + body.length + " bytes";
  }
}
