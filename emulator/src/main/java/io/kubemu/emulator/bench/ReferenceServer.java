package io.kubemu.emulator.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The yardstick for the node port: a plain HTTP server in the bench's JVM on 127.0.0.1 (the JDK's
 * com.sun.net.httpserver, one selector thread that also answers), answering every request with
 * the body the node port answered, under the same Content-Type, so that the same client against
 * it measures what the machine does without kubemu between the client and the answer.
 */
final class ReferenceServer implements AutoCloseable {
  static {
    // The JDK's server writes a response's head and body separately and leaves Nagle's algorithm on,
    // so every answer waits for the client's delayed ACK (40 ms on Linux): with it, 16 connections
    // top out near 400 requests/s. Servers meant for load (nginx's tcp_nodelay) turn it off; so
    // does this one. The JDK reads the property once, when its server first loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;

  private ReferenceServer(HttpServer server) {
    this.server = server;
  }

  static ReferenceServer start(byte[] body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length); // 0 would mean chunked
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return new ReferenceServer(server);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
