package io.kubemu.nodes.app.http;

import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpRequestParser;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpStatus;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Optional;

/**
 * The server side of one HTTP/1.1 connection: requests are answered in order as they complete
 * (several on one connection, pipelined or not); the connection closes after a response to a
 * request that asked for it, after a response saying {@code Connection: close}, when the client
 * closes, or after an error answer to a request that broke the rules (400, 413, 431, 501 or 505,
 * as the parser judged). A HEAD request gets the GET response's headers without its body. A
 * handler that throws gets its client a 500 and a close; nothing escapes to the pod.
 */
public final class HttpServerConnection implements TcpHandler {
  /** The program's part: a response for each request. {@code socket} tells who asked. */
  @FunctionalInterface
  public interface Handler {
    HttpResponse handle(HttpRequest request, TcpSocket socket);
  }

  /** The response for a request that could not be parsed, or a handler that failed. */
  @FunctionalInterface
  public interface ErrorPage {
    HttpResponse forStatus(int status);
  }

  /** Go net/http's answer to a bad request: plain text naming the status, then a close. */
  public static final ErrorPage PLAIN = status -> HttpResponse.text(status,
      HttpHeaders.of("Content-Type", "text/plain; charset=utf-8"), status + " " + HttpStatus.reason(status));

  private final HttpRequestParser parser;
  private final Handler handler;
  private final ErrorPage errors;
  private boolean closing;
  private int answered;

  public HttpServerConnection(HttpLimits limits, Handler handler, ErrorPage errors) {
    this.parser = new HttpRequestParser(limits);
    this.handler = handler;
    this.errors = errors;
  }

  /** Requests answered on this connection so far. */
  public int answered() {
    return answered;
  }

  @Override
  public void onData(TcpSocket socket, byte[] data) {
    if (closing) {
      return;
    }
    parser.feed(data);
    try {
      Optional<HttpRequest> request;
      while (!closing && (request = parser.next()).isPresent()) {
        answer(socket, request.get());
      }
    } catch (MalformedPacketException e) {
      respond(socket, errors.forStatus(parser.failureStatus()), false, true);
    }
  }

  private void answer(TcpSocket socket, HttpRequest request) {
    HttpResponse response;
    try {
      response = handler.handle(request, socket);
    } catch (RuntimeException e) {
      respond(socket, errors.forStatus(500), request.method().equals("HEAD"), true);
      return;
    }
    boolean close = !request.keepAlive() || !response.keepAlive();
    respond(socket, response, request.method().equals("HEAD"), close);
  }

  private void respond(TcpSocket socket, HttpResponse response, boolean head, boolean close) {
    answered++;
    HttpResponse sent = close && !response.headers().hasToken("Connection", "close")
        ? response.withHeaders(response.headers().set("Connection", "close")) : response;
    if (!socket.write(head ? sent.headBytes() : sent.toBytes())) {
      closing = true;
      socket.abort();
      return;
    }
    if (close) {
      closing = true;
      socket.close();
    }
  }

  @Override
  public void onEndOfStream(TcpSocket socket) {
    if (!closing) {
      closing = true;
      socket.close();
    }
  }
}
