package io.kubemu.protocols.http;

import static io.kubemu.protocols.http.HttpGolden.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {
  private static HttpResponse parse(String method, byte[] wire) {
    HttpResponseParser p = new HttpResponseParser(method, HttpLimits.DEFAULT);
    p.feed(wire);
    return p.next().orElseThrow();
  }

  @Test
  void nginxNotFoundParsesAndEncodesBack() {
    HttpResponse r = parse("GET", HttpGolden.NGINX_404);
    assertEquals(404, r.status());
    assertEquals("Not Found", r.reason());
    assertEquals("HTTP/1.1 404 Not Found", r.statusLine());
    assertEquals(153, r.body().length);
    assertTrue(r.bodyText().contains("<center><h1>404 Not Found</h1></center>"));
    assertTrue(r.keepAlive());
    assertArrayEquals(HttpGolden.NGINX_404, r.toBytes());
  }

  @Test
  void aResponseToHeadHasNoBodyWhateverItsLength() {
    HttpResponseParser p = new HttpResponseParser("HEAD", HttpLimits.DEFAULT);
    p.feed(HttpGolden.NGINX_HEAD);
    HttpResponse r = p.next().orElseThrow();
    assertEquals("615", r.headers().first("Content-Length").orElseThrow());
    assertEquals(0, r.body().length);
    assertTrue(p.idle());
    assertArrayEquals(HttpGolden.NGINX_HEAD, r.toBytes());
    assertEquals(Optional.empty(), parse204And304("GET"));
  }

  private static Optional<HttpResponse> parse204And304(String method) {
    HttpResponseParser p = new HttpResponseParser(method, HttpLimits.DEFAULT);
    p.feed(bytes("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n"));
    assertEquals(204, p.next().orElseThrow().status());
    HttpResponseParser q = new HttpResponseParser(method, HttpLimits.DEFAULT);
    q.feed(bytes("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: \"x\"\r\n\r\n"));
    assertEquals(0, q.next().orElseThrow().body().length);
    return q.endOfStream();
  }

  @Test
  void chunkedBodiesAreJoined() {
    HttpResponse r = parse("GET", HttpGolden.CHUNKED);
    assertEquals("MozillaDeveloper Network", r.bodyText());
    HttpResponse again = HttpResponse.decode(new ByteReader(r.toBytes()), "GET");
    assertEquals(r, again);
  }

  @Test
  void interimResponsesAreSkipped() {
    HttpResponse r = parse("POST", HttpGolden.CONTINUE_THEN_OK);
    assertEquals(200, r.status());
    assertEquals("hello\n", r.bodyText());
  }

  @Test
  void aBodyWithoutLengthEndsWithTheConnection() {
    HttpResponseParser p = new HttpResponseParser("GET", HttpLimits.DEFAULT);
    p.feed(HttpGolden.UNTIL_CLOSE);
    assertEquals(Optional.empty(), p.next());
    HttpResponse r = p.endOfStream().orElseThrow();
    assertEquals("all of it\n", r.bodyText());
    assertFalse(r.keepAlive());
    assertEquals(r, HttpResponse.decode(new ByteReader(HttpGolden.UNTIL_CLOSE), "GET"));
  }

  @Test
  void aTransferCodingOtherThanChunkedLastAlsoRunsToTheClose() {
    HttpResponseParser p = new HttpResponseParser("GET", HttpLimits.DEFAULT);
    p.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nabcdef"));
    assertEquals(Optional.empty(), p.next());
    assertEquals("abcdef", p.endOfStream().orElseThrow().bodyText());
  }

  @Test
  void anEmptyReplyIsNoResponseAtAll() {
    HttpResponseParser p = new HttpResponseParser("GET", HttpLimits.DEFAULT);
    assertTrue(p.idle());
    assertEquals(Optional.empty(), p.endOfStream());
  }

  @Test
  void theReasonPhraseMayBeMissingOrPadded() {
    assertEquals("", parse("GET", bytes("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")).reason());
    assertEquals("OK", parse("GET", bytes("HTTP/1.1 200 OK \r\nContent-Length: 0\r\n\r\n")).reason());
  }

  private static void assertRejected(int status, String message, String wire) {
    HttpGolden.assertRejected(new HttpResponseParser("GET", HttpLimits.DEFAULT.withMaxBodyBytes(8)), bytes(wire), status,
        message);
  }

  @Test
  void badResponsesAreRejected() {
    assertRejected(400, "bad status line: 'SSH-2.0-OpenSSH_9.6' (expected: HTTP/1.1 SP 3DIGIT SP reason)",
        "SSH-2.0-OpenSSH_9.6\r\n\r\n");
    assertRejected(400, "bad status code in 'HTTP/1.1 20 OK' (expected: 3 digits, 100..999)", "HTTP/1.1 20 OK\r\n\r\n");
    assertRejected(400, "bad status code in 'HTTP/1.1 2000 OK'", "HTTP/1.1 2000 OK\r\n\r\n");
    assertRejected(505, "unsupported HTTP version: HTTP/2.0", "HTTP/2.0 200 OK\r\n\r\n");
    assertRejected(400, "bad Content-Length: '1x'", "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n");
    assertRejected(413, "body too large: 9 bytes (expected: at most 8)", "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n");
    assertRejected(413, "body too large: 9 bytes (expected: at most 8)", "HTTP/1.1 200 OK\r\n\r\n123456789");
    assertRejected(400, "truncated body: the connection closed (expected: 3 more chunk bytes)",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab");
  }

  @Test
  void recordsRefuseBodiesTheirHeadersCannotFrame() {
    HttpHeaders none = HttpHeaders.EMPTY;
    byte[] body = bytes("abc");
    assertThrows(IllegalArgumentException.class,
        () -> new HttpResponse(HttpVersion.HTTP_1_1, 204, "No Content", none, body));
    assertThrows(IllegalArgumentException.class,
        () -> new HttpResponse(HttpVersion.HTTP_1_1, 200, "OK", HttpHeaders.of("Content-Length", "4"), body));
    assertThrows(IllegalArgumentException.class,
        () -> new HttpResponse(HttpVersion.HTTP_1_1, 200, "O\r\nK", none, body));
    assertThrows(IllegalArgumentException.class,
        () -> new HttpRequest("GET", "/", HttpVersion.HTTP_1_1, HttpHeaders.of("Host", "a"), body));
    assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("X", "a\r\nInjected: 1"));
    HttpResponse ok = HttpResponse.text(200, HttpHeaders.of("Content-Type", "text/plain"), "hi");
    assertEquals(HttpHeaders.of("Content-Type", "text/plain", "Content-Length", "2"), ok.headers());
    assertEquals(HttpHeaders.EMPTY, HttpResponse.of(204, HttpHeaders.EMPTY, new byte[0]).headers());
  }
}
