package io.kubemu.nodes.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.tcp.TcpState;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server side of a connection, driven by a raw client over the real TCP engine on loopback. */
class HttpServerConnectionTest {
  private final LoopbackPod pod = new LoopbackPod();
  private final List<HttpServerConnection> connections = new ArrayList<>();
  private final List<String> seen = new ArrayList<>();

  @BeforeEach
  void listen() {
    pod.stack.tcp().listen(80, 16, socket -> {
      HttpServerConnection c = new HttpServerConnection(HttpLimits.DEFAULT.withMaxBodyBytes(64), (request, s) -> {
        seen.add(request.method() + " " + request.target() + " from " + s.remoteAddress());
        if (request.path().equals("/boom")) {
          throw new IllegalStateException("handler bug");
        }
        return HttpResponse.text(200, HttpHeaders.of("Content-Type", "text/plain"), "you asked " + request.target());
      }, HttpServerConnection.PLAIN);
      connections.add(c);
      return c;
    });
  }

  private static String ok(String text) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + text.length() + "\r\n\r\n" + text;
  }

  @Test
  void severalRequestsInSequenceOnOneConnection() {
    LoopbackPod.Peer client = pod.connect(80);
    client.send("GET /a HTTP/1.1\r\nHost: web\r\n\r\n");
    assertEquals(ok("you asked /a"), client.text());
    client.send("GET /b HTTP/1.1\r\nHost: web\r\n\r\n");
    assertEquals(ok("you asked /a") + ok("you asked /b"), client.text());
    assertEquals(TcpState.ESTABLISHED, client.socket.state(), "kept alive");
    assertEquals(List.of("GET /a from 10.244.0.2", "GET /b from 10.244.0.2"), seen);
    client.socket.shutdownOutput();
    assertTrue(client.endOfStream, "the server closes when the client does");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() {
    LoopbackPod.Peer client = pod.connect(80);
    client.send("GET /1 HTTP/1.1\r\nHost: web\r\n\r\nGET /2 HTTP/1.1\r\nHost: web\r\n\r\nGET /3 HTT");
    assertEquals(ok("you asked /1") + ok("you asked /2"), client.text());
    client.send("P/1.1\r\nHost: web\r\nConnection: close\r\n\r\n");
    assertTrue(client.text().endsWith("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
        + "Connection: close\r\n\r\nyou asked /3"), client.text());
    assertTrue(client.endOfStream, "closed after the request that asked for it");
    assertEquals(3, connections.get(0).answered());
  }

  @Test
  void http10ClosesUnlessAskedToKeepAlive() {
    LoopbackPod.Peer client = pod.connect(80);
    client.send("GET / HTTP/1.0\r\n\r\n");
    assertTrue(client.text().contains("Connection: close\r\n"), client.text());
    assertTrue(client.endOfStream);
  }

  @Test
  void headGetsTheHeadersOnly() {
    LoopbackPod.Peer client = pod.connect(80);
    client.send("HEAD /x HTTP/1.1\r\nHost: web\r\n\r\n");
    assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\n", client.text());
  }

  private LoopbackPod.Peer hostile(String bytes) {
    LoopbackPod.Peer client = pod.connect(80);
    client.send(bytes);
    assertTrue(client.endOfStream, "the server closes after its error answer");
    return client;
  }

  private static String plain(int status, String text) {
    return "HTTP/1.1 " + status + " " + text + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
        + (status + " " + text).length() + "\r\nConnection: close\r\n\r\n" + status + " " + text;
  }

  @Test
  void garbageGetsA400AndAClose() {
    assertEquals(plain(400, "Bad Request"), hostile("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\r\n\r\n").text());
    assertEquals(plain(400, "Bad Request"), hostile("GET / HTTP/1.1\r\n\r\n").text(), "no Host");
  }

  @Test
  void aHugeHeaderGetsA431() {
    assertEquals(plain(431, "Request Header Fields Too Large"),
        hostile("GET / HTTP/1.1\r\nHost: web\r\nCookie: " + "c".repeat(20_000)).text());
  }

  @Test
  void aBodyOverTheCapGetsA413EvenWhenItNeverEnds() {
    assertEquals(plain(413, "Content Too Large"),
        hostile("POST / HTTP/1.1\r\nHost: web\r\nContent-Length: 1000000000\r\n\r\n").text());
    LoopbackPod.Peer endless = pod.connect(80);
    endless.send("POST / HTTP/1.1\r\nHost: web\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 20 && !endless.endOfStream; i++) {
      endless.send("10\r\n0123456789abcdef\r\n");
    }
    assertTrue(endless.text().startsWith("HTTP/1.1 413 Content Too Large\r\n"), endless.text());
  }

  @Test
  void aFailingHandlerGetsA500AndAClose() {
    assertEquals(plain(500, "Internal Server Error"), hostile("GET /boom HTTP/1.1\r\nHost: web\r\n\r\n").text());
  }

  @Test
  void dataAfterTheCloseIsNotAnswered() {
    LoopbackPod.Peer client = pod.connect(80);
    client.send("GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n");
    int length = client.received.size();
    client.send("GET /again HTTP/1.1\r\nHost: web\r\n\r\n");
    assertEquals(length, client.received.size());
    assertFalse(seen.contains("GET /again from 10.244.0.2"));
  }
}
