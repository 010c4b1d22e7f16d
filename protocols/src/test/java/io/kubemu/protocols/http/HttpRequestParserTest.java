package io.kubemu.protocols.http;

import static io.kubemu.protocols.http.HttpGolden.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpRequestParserTest {
  private static HttpRequest parse(byte[] wire) {
    HttpRequestParser p = new HttpRequestParser(HttpLimits.DEFAULT);
    p.feed(wire);
    HttpRequest r = p.next().orElseThrow();
    assertTrue(p.idle());
    return r;
  }

  @Test
  void curlsRequestParsesAndEncodesBackToTheSameBytes() {
    HttpRequest r = parse(HttpGolden.CURL_GET);
    assertEquals("GET", r.method());
    assertEquals("/", r.target());
    assertEquals(HttpVersion.HTTP_1_1, r.version());
    assertEquals(HttpHeaders.of("Host", "127.0.0.1:30080", "User-Agent", "curl/8.5.0", "Accept", "*/*"), r.headers());
    assertEquals(0, r.body().length);
    assertTrue(r.keepAlive());
    assertArrayEquals(HttpGolden.CURL_GET, r.toBytes());
    assertEquals(HttpGolden.CURL_GET.length, r.length());
  }

  @Test
  void curlsPostCarriesItsBody() {
    HttpRequest r = parse(HttpGolden.CURL_POST);
    assertEquals("POST", r.method());
    assertEquals("/echo", r.path());
    assertEquals("msg=hello", r.bodyText());
    assertEquals("application/x-www-form-urlencoded", r.headers().first("content-type").orElseThrow());
    assertArrayEquals(HttpGolden.CURL_POST, r.toBytes());
  }

  @Test
  void wgetsRequestsParse() {
    HttpRequest busybox = parse(HttpGolden.BUSYBOX_WGET_GET);
    assertEquals("Wget", busybox.headers().first("User-Agent").orElseThrow());
    assertFalse(busybox.keepAlive(), "busybox wget always sends Connection: close");
    assertArrayEquals(HttpGolden.BUSYBOX_WGET_GET, busybox.toBytes());

    HttpRequest gnu = parse(HttpGolden.GNU_WGET_GET);
    assertEquals("127.0.0.1:30080", gnu.headers().first("HOST").orElseThrow());
    assertEquals(List.of("keep-alive"), gnu.headers().tokens("Connection"));
    assertTrue(gnu.keepAlive());
    assertArrayEquals(HttpGolden.GNU_WGET_GET, gnu.toBytes());
  }

  @Test
  void pathAndQuerySplitAtTheQuestionMark() {
    HttpRequest r = HttpRequest.get("/echo?msg=hi&code=201", "web");
    assertEquals("/echo", r.path());
    assertEquals("msg=hi&code=201", r.query());
    assertEquals("", HttpRequest.get("/", "web").query());
  }

  @Test
  void pipelinedRequestsComeOutInOrder() {
    HttpRequestParser p = new HttpRequestParser(HttpLimits.DEFAULT);
    p.feed(concat(HttpGolden.CURL_GET, HttpGolden.CURL_POST, bytes("GET /x HT")));
    assertEquals("GET", p.next().orElseThrow().method());
    assertEquals("POST", p.next().orElseThrow().method());
    assertEquals(Optional.empty(), p.next());
    assertFalse(p.idle());
    p.feed(bytes("TP/1.0\r\n\r\n"));
    HttpRequest third = p.next().orElseThrow();
    assertEquals(HttpVersion.HTTP_1_0, third.version());
    assertFalse(third.keepAlive(), "HTTP/1.0 closes unless asked to keep alive");
    assertTrue(p.idle());
    assertEquals(Optional.empty(), p.endOfStream());
  }

  @Test
  void connectionHeaderDecidesPersistence() {
    assertFalse(parse(bytes("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n")).keepAlive());
    assertFalse(parse(bytes("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, close\r\n\r\n")).keepAlive());
    assertTrue(parse(bytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")).keepAlive());
  }

  @Test
  void leniencesOfRfc9112AreAccepted() {
    HttpRequest r = parse(bytes("\r\n\nGET / HTTP/1.1\nHost:web \t\nX-Empty:\n\n"));
    assertEquals(HttpHeaders.of("Host", "web", "X-Empty", ""), r.headers());
  }

  @Test
  void chunkedRequestBodiesAreDecoded() {
    HttpRequest r = parse(bytes("POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3;name=x\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n"));
    assertEquals("abcde", r.bodyText());
    HttpRequest again = HttpRequest.decode(new ByteReader(r.toBytes()));
    assertEquals(r, again);
  }

  @Test
  void decodeReadsOneRequestAndLeavesTheRest() {
    byte[] two = concat(HttpGolden.CURL_POST, HttpGolden.CURL_GET);
    ByteReader reader = new ByteReader(two);
    assertEquals("POST", HttpRequest.decode(reader).method());
    assertEquals(HttpGolden.CURL_POST.length, reader.position());
    assertEquals("GET", HttpRequest.decode(reader).method());
    assertFalse(reader.hasRemaining());
  }

  @Test
  void decodeErrorsCountFromTheStartOfTheBuffer() {
    byte[] two = concat(HttpGolden.CURL_GET, bytes("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"));
    ByteReader reader = new ByteReader(two);
    HttpRequest.decode(reader);
    MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> HttpRequest.decode(reader));
    assertEquals(HttpGolden.CURL_GET.length + 16, e.offset());
  }

  private static void assertRejected(int status, String message, String wire) {
    assertRejected(HttpLimits.DEFAULT, status, message, bytes(wire));
  }

  private static void assertRejected(HttpLimits limits, int status, String message, byte[] wire) {
    HttpGolden.assertRejected(new HttpRequestParser(limits), wire, status, message);
  }

  @Test
  void badRequestsAreRejectedWithTheStatusToAnswer() {
    assertRejected(400, "bad request line: 'GET /' (expected: METHOD SP target SP HTTP/1.1)", "GET /\r\n\r\n");
    assertRejected(400, "bad method: 'G(T' (expected: a token)", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n");
    assertRejected(400, "bad request target: '/a b'", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n");
    assertRejected(400, "bad HTTP version: 'http/1.1'", "GET / http/1.1\r\nHost: a\r\n\r\n");
    assertRejected(505, "unsupported HTTP version: HTTP/2.0 (expected: HTTP/1.x)", "GET / HTTP/2.0\r\n\r\n");
    assertRejected(400, "Host fields in an HTTP/1.1 request: 0 (expected: exactly one)", "GET / HTTP/1.1\r\n\r\n");
    assertRejected(400, "Host fields in an HTTP/1.1 request: 2", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    assertRejected(400, "bad field name: 'Host ' (expected: a token, no whitespace before the colon)",
        "GET / HTTP/1.1\r\nHost : a\r\n\r\n");
    assertRejected(400, "obsolete line folding in header section", "GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n");
    assertRejected(400, "field line without a colon: 'Host'", "GET / HTTP/1.1\r\nHost\r\n\r\n");
    assertRejected(400, "bad value for field X: 'a\\x00b'", "GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n");
    assertRejected(400, "bare CR in header section", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n");
    assertRejected(400, "both Transfer-Encoding and Content-Length in a request",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n");
    assertRejected(501, "unsupported Transfer-Encoding: 'gzip, chunked' (expected: chunked)",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
    assertRejected(400, "bad Content-Length: '-1'", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n");
    assertRejected(400, "conflicting Content-Length values: 3 and 4",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n");
    assertRejected(400, "bad chunk size line: 'zz'", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    assertRejected(400, "bad end of chunk data: 0x64 (expected: CRLF)",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n");
    assertRejected(400, "truncated body: the connection closed (expected: 2 more body bytes)",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\na");
    assertRejected(400, "truncated header section", "GET / HTTP/1.1\r\nHost: a\r\n");
  }

  @Test
  void capsAreEnforcedWithTheirOwnStatus() {
    String big = "x".repeat(16 * 1024);
    assertRejected(HttpLimits.DEFAULT, 431, "header section too large: more than 16384 bytes (expected: at most 16384)",
        bytes("GET / HTTP/1.1\r\nHost: a\r\nCookie: " + big + "\r\n\r\n"));
    assertRejected(HttpLimits.DEFAULT, 431, "header section too large", bytes("\r\n".repeat(9000)));
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
    for (int i = 0; i < 100; i++) {
      many.append("X-").append(i).append(": v\r\n");
    }
    assertRejected(HttpLimits.DEFAULT, 431, "too many fields in header section: more than 100 (expected: at most 100)",
        bytes(many + "\r\n"));
    HttpLimits small = HttpLimits.DEFAULT.withMaxBodyBytes(4);
    assertRejected(small, 413, "body too large: 5 bytes (expected: at most 4)",
        bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n"));
    assertRejected(small, 413, "body too large: 6 bytes (expected: at most 4)",
        bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\n"));
    assertRejected(HttpLimits.DEFAULT, 400, "chunk size line too long: more than 1024 bytes",
        bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;" + "e".repeat(1100)));
  }

  @Test
  void exactlyOneHundredFieldsAndSixteenKibibytesPass() {
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
    for (int i = 1; i < 100; i++) {
      many.append("X-").append(i).append(": v\r\n");
    }
    assertEquals(100, parse(bytes(many + "\r\n")).headers().size());
    String head = "GET / HTTP/1.1\r\nHost: a\r\nX: \r\n\r\n";
    String fill = "x".repeat(16 * 1024 - head.length());
    assertEquals(fill, parse(bytes("GET / HTTP/1.1\r\nHost: a\r\nX: " + fill + "\r\n\r\n")).headers().first("X").orElseThrow());
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
