package io.kubemu.nodes.app.ingress;

import io.kubemu.nodes.app.http.FetchFailure;
import io.kubemu.nodes.app.http.HttpFetch;
import io.kubemu.nodes.app.http.SendQueue;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpRequestParser;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * One client connection to the ingress controller (plain on port 80, or TLS on 443 under a
 * {@link io.kubemu.nodes.app.tls.TlsSocket}): each request, in order, is routed by Host and path
 * and proxied to a pod over a connection of its own, as nginx's {@code proxy_pass} does with
 * ingress-nginx's headers; the pod's response goes back on this connection. A refused or
 * unanswered connect tries the next endpoint (nginx's {@code proxy_next_upstream error timeout},
 * up to 3 tries), then answers 502 or 504.
 */
final class IngressConnection implements TcpHandler {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final int TRIES = 3;
  private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer",
      "Upgrade", "Proxy");

  private final IngressNginx controller;
  private final String scheme;
  private final int serverPort;
  private final long id;
  private final HttpRequestParser parser = new HttpRequestParser(HttpLimits.DEFAULT);
  private final ArrayDeque<HttpRequest> waiting = new ArrayDeque<>();
  private final SendQueue out = new SendQueue();
  private TcpSocket socket;
  private HttpFetch fetch;
  private boolean busy;
  private boolean closing;
  private boolean peerClosed;
  private boolean closeWhenSent;
  private long startedNanos;

  IngressConnection(IngressNginx controller, TcpSocket socket, String scheme, int serverPort, long id) {
    this.controller = controller;
    this.socket = socket;
    this.scheme = scheme;
    this.serverPort = serverPort;
    this.id = id;
  }

  String timerKey() {
    return "upstream-" + id;
  }

  @Override
  public void onData(TcpSocket s, byte[] data) {
    socket = s;
    if (closing) {
      return;
    }
    parser.feed(data);
    try {
      Optional<HttpRequest> r;
      while ((r = parser.next()).isPresent()) {
        waiting.add(r.get());
      }
    } catch (MalformedPacketException e) {
      if (!busy) {
        respond(null, controller.errorPage(parser.failureStatus()), true);
        return;
      }
      closing = true; // answer what came before, then close
    }
    serveNext();
  }

  @Override
  public void onEndOfStream(TcpSocket s) {
    socket = s;
    peerClosed = true; // answer what was asked, then close
    if (!busy && waiting.isEmpty()) {
      close();
    }
  }

  @Override
  public void onDrained(TcpSocket s) {
    if (busy && !out.isEmpty()) {
      sent();
    }
  }

  @Override
  public void onClosed(TcpSocket s, String error) {
    closing = true;
    waiting.clear();
    if (fetch != null) {
      fetch.cancel();
      controller.cancel(this);
    }
  }

  private void serveNext() {
    if (busy || waiting.isEmpty()) {
      if (!busy && (closing || peerClosed)) {
        close();
      }
      return;
    }
    busy = true;
    startedNanos = System.nanoTime();
    serve(waiting.poll(), 0);
  }

  private void serve(HttpRequest req, int attempt) {
    serve(req, attempt, new java.util.HashSet<>());
  }

  /** {@code tried}: the endpoints this request already failed on, which a retry does not pick again. */
  private void serve(HttpRequest req, int attempt, java.util.Set<Upstreams.Endpoint> tried) {
    String host = req.headers().first("Host").orElse("");
    IngressConfig.Route route = controller.config().route(host, req.path());
    if (scheme.equals("http") && route.server().tlsSecret() != null
        && (route.location() == null || route.location().sslRedirect())) {
      respond(req, controller.redirect(IngressConfig.hostOnly(host), req.target()), false);
      return;
    }
    IngressConfig.Upstream up = route.upstream();
    if (up == null) {
      respond(req, controller.errorPage(404), false);
      return;
    }
    Upstreams.Resolved resolved = controller.upstreams().resolve(up);
    if (resolved.endpoints().isEmpty()) {
      controller.warn(resolved.reason());
      respond(req, controller.errorPage(503), false, up, null);
      return;
    }
    Upstreams.Endpoint to = controller.upstreams().pick(up, resolved.endpoints(), tried);
    tried.add(to);
    controller.schedule(this, CONNECT_TIMEOUT);
    HttpFetch started = HttpFetch.start(controller::connect, to.address(), to.port(), forwarded(req, host), HttpFetch.CLIENT_LIMITS,
        new HttpFetch.Listener() {
          @Override
          public void connected(TcpSocket upstream) {
            controller.schedule(IngressConnection.this, READ_TIMEOUT);
          }

          @Override
          public void done(HttpResponse response) {
            fetch = null;
            controller.cancel(IngressConnection.this);
            respond(req, relayed(req, response), false, up, to);
          }

          @Override
          public void failed(FetchFailure failure) {
            fetch = null;
            controller.cancel(IngressConnection.this);
            boolean beforeConnect = failure.kind() == FetchFailure.Kind.CONNECT
                || failure.kind() == FetchFailure.Kind.TIMEOUT_CONNECTING;
            controller.warn("upstream " + to + " of " + up.name() + " failed: " + describe(failure));
            if (beforeConnect && attempt + 1 < Math.min(TRIES, resolved.endpoints().size()) && !closing) {
              serve(req, attempt + 1, tried);
              return;
            }
            boolean timeout = failure.kind() == FetchFailure.Kind.TIMEOUT || failure.kind() == FetchFailure.Kind.TIMEOUT_CONNECTING;
            respond(req, controller.errorPage(timeout ? 504 : 502), false, up, to);
          }
        });
    if (!started.finished()) {
      fetch = started; // a fetch that failed at once may have started a retry, which set its own
    }
  }

  /** The controller's timer for this connection's upstream fired. */
  void timedOut() {
    if (fetch != null) {
      fetch.timedOut();
    }
  }

  private static String describe(FetchFailure f) {
    return f.kind().name().toLowerCase() + (f.detail().isEmpty() ? "" : " (" + f.detail() + ")");
  }

  /** The request as nginx passes it on: hop-by-hop fields dropped, ingress-nginx's X-Forwarded-* set. */
  private HttpRequest forwarded(HttpRequest req, String host) {
    HttpHeaders h = req.headers();
    for (String name : HOP_BY_HOP) {
      h = h.without(name);
    }
    String client = socket.remoteAddress().toString();
    h = h.set("X-Request-ID", controller.requestId())
        .set("X-Real-IP", client)
        .set("X-Forwarded-For", client)
        .set("X-Forwarded-Host", host)
        .set("X-Forwarded-Port", Integer.toString(serverPort))
        .set("X-Forwarded-Proto", scheme)
        .set("X-Forwarded-Scheme", scheme)
        .set("X-Scheme", scheme)
        .set("Connection", "close");
    if (req.headers().contains("X-Forwarded-For")) {
      h = h.set("X-Original-Forwarded-For", req.headers().first("X-Forwarded-For").get());
    }
    return new HttpRequest(req.method(), req.target(), req.version(), h, req.body());
  }

  /**
   * The pod's response as nginx sends it on: HTTP/1.1, without its own hop-by-hop fields, framed by
   * Content-Length when the pod ended it by closing (so the client's keep-alive connection can
   * tell where it ends), and with HSTS over TLS as ingress-nginx adds it.
   */
  private HttpResponse relayed(HttpRequest req, HttpResponse r) {
    HttpHeaders h = r.headers();
    for (String name : HOP_BY_HOP) {
      h = h.without(name);
    }
    boolean bodyless = req.method().equals("HEAD") || r.status() / 100 == 1 || r.status() == 204 || r.status() == 304;
    if (!bodyless && !h.contains("Content-Length") && !h.contains("Transfer-Encoding")) {
      h = h.set("Content-Length", Integer.toString(r.body().length));
    }
    if (scheme.equals("https")) {
      h = h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    return new HttpResponse(io.kubemu.protocols.http.HttpVersion.HTTP_1_1, r.status(), r.reason(), h.set("Connection", "keep-alive"),
        r.body());
  }

  private void respond(HttpRequest req, HttpResponse response, boolean close) {
    respond(req, response, close, null, null);
  }

  private void respond(HttpRequest req, HttpResponse response, boolean close, IngressConfig.Upstream up, Upstreams.Endpoint to) {
    boolean head = req != null && req.method().equals("HEAD");
    boolean last = close || req == null || !req.keepAlive() || !response.keepAlive() || (closing || peerClosed) && waiting.isEmpty();
    HttpResponse sent = last ? response.withHeaders(response.headers().set("Connection", "close")) : response;
    if (req != null) {
      controller.accessLog(socket, req, sent, (System.nanoTime() - startedNanos) / 1e9, up, to);
    }
    busy = true; // until the response is out: the next request waits, as nginx answers in order
    closeWhenSent = last;
    out.add(head ? sent.headBytes() : sent.toBytes());
    sent();
  }

  /** Hands the socket what it takes of the response; once all of it went, closes or serves the next request. */
  private void sent() {
    if (!out.flush(socket)) {
      return; // the rest when the socket drains (or the connection is gone: onClosed ends it)
    }
    busy = false;
    if (closeWhenSent) {
      closing = true;
      waiting.clear();
      close();
      return;
    }
    serveNext();
  }

  private void close() {
    closing = true;
    if (socket != null) {
      socket.close();
    }
  }
}
