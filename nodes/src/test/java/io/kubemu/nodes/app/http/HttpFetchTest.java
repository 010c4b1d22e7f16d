package io.kubemu.nodes.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** One request on its own connection, against servers good and bad, over the real TCP engine. */
class HttpFetchTest {
  private final LoopbackPod pod = new LoopbackPod();
  private HttpResponse response;
  private FetchFailure failure;
  private int outcomes;
  private boolean connected;

  private final HttpFetch.Listener listener = new HttpFetch.Listener() {
    @Override
    public void connected(TcpSocket socket) {
      connected = true;
    }

    @Override
    public void done(HttpResponse r) {
      response = r;
      outcomes++;
    }

    @Override
    public void failed(FetchFailure f) {
      failure = f;
      outcomes++;
    }
  };

  private HttpFetch fetch(Ipv4Address to, int port, HttpLimits limits) {
    return HttpFetch.start(pod.stack.tcp()::connect, to, port, HttpRequest.get("/", "web"), limits, listener);
  }

  private HttpFetch fetch() {
    return fetch(LoopbackPod.IP, 80, HttpLimits.DEFAULT);
  }

  @Test
  void aResponseArrivesAndBothEndsClose() {
    pod.stack.tcp().listen(80, 8, s -> new HttpServerConnection(HttpLimits.DEFAULT,
        (req, sock) -> HttpResponse.text(200, HttpHeaders.EMPTY, "hi " + req.headers().first("Host").orElse("")),
        HttpServerConnection.PLAIN));
    HttpFetch f = fetch();
    assertTrue(f.finished(), "loopback completes inside the call");
    assertEquals(1, outcomes);
    assertTrue(connected);
    assertEquals(200, response.status());
    assertEquals("hi web", response.bodyText());
    assertEquals(f.received(), response.toBytes().length);
    assertTrue(pod.stack.tcp().show().lines().skip(1).allMatch(l -> l.startsWith("TIME-WAIT") || l.startsWith("LISTEN")),
        pod.stack.tcp().show());
  }

  @Test
  void aRefusedConnectionFailsBeforeStartReturns() {
    fetch();
    assertEquals(new FetchFailure(FetchFailure.Kind.CONNECT, "Connection refused", 0), failure);
    assertEquals("Get \"http://10.244.0.2/\": dial tcp 10.244.0.2:80: connect: connection refused",
        failure.goText("GET", "http://10.244.0.2/", "10.244.0.2:80"));
  }

  @Test
  void theCallersDeadlineEndsAnUnansweredHandshake() {
    HttpFetch f = fetch(LoopbackPod.SILENT, 80, HttpLimits.DEFAULT);
    assertEquals(0, outcomes);
    f.timedOut();
    assertEquals(FetchFailure.Kind.TIMEOUT_CONNECTING, failure.kind());
    f.timedOut();
    assertEquals(1, outcomes, "once only");
    assertEquals(0, pod.stack.tcp().connectionCount(), "the socket is gone");
  }

  @Test
  void theCallersDeadlineEndsASilentServer() {
    pod.serve(80, peer -> { });
    HttpFetch f = fetch();
    assertTrue(f.connected());
    assertNull(failure);
    f.timedOut();
    assertEquals(new FetchFailure(FetchFailure.Kind.TIMEOUT, "", 0), failure);
  }

  @Test
  void aCloseWithoutAByteIsAnEmptyReply() {
    pod.serve(80, peer -> peer.socket.close());
    fetch();
    assertEquals(FetchFailure.Kind.EMPTY_REPLY, failure.kind());
  }

  @Test
  void aResetIsAReceiveFailure() {
    pod.serve(80, peer -> peer.socket.abort());
    fetch();
    assertEquals(new FetchFailure(FetchFailure.Kind.RECEIVE, "Connection reset by peer", 0), failure);
  }

  @Test
  void garbageIsMalformed() {
    pod.answer(80, "SSH-2.0-OpenSSH_9.6\r\n\r\n");
    fetch();
    assertEquals(FetchFailure.Kind.MALFORMED, failure.kind());
    assertTrue(failure.detail().startsWith("bad status line: 'SSH-2.0-OpenSSH_9.6'"), failure.detail());
  }

  @Test
  void aBodyOverTheCallersCapIsMalformed() {
    pod.answer(80, "HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(100));
    fetch(LoopbackPod.IP, 80, HttpLimits.DEFAULT.withMaxBodyBytes(50));
    assertEquals(FetchFailure.Kind.MALFORMED, failure.kind());
    assertTrue(failure.detail().startsWith("body too large"), failure.detail());
  }

  @Test
  void aBodyEndingWithTheConnectionIsAResponse() {
    pod.answer(80, "HTTP/1.0 200 OK\r\n\r\nto the end");
    fetch();
    assertEquals("to the end", response.bodyText());
  }

  @Test
  void aResponseCutShortIsMalformed() {
    String wire = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort";
    pod.answer(80, wire);
    fetch();
    assertEquals(FetchFailure.Kind.MALFORMED, failure.kind());
    assertEquals(wire.length(), failure.received());
  }

  @Test
  void cancelStaysSilent() {
    HttpFetch f = fetch(LoopbackPod.SILENT, 80, HttpLimits.DEFAULT);
    f.cancel();
    f.timedOut();
    assertEquals(0, outcomes);
    assertEquals(0, pod.stack.tcp().connectionCount());
  }
}
