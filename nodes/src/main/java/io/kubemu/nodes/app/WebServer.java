package io.kubemu.nodes.app;

import io.kubemu.nodes.app.http.HttpDates;
import io.kubemu.nodes.app.http.HttpServerConnection;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import java.time.Instant;

/**
 * A static web server as the nginx and httpd images run it out of the box: their welcome page at
 * {@code /} and {@code /index.html}, with one more line naming the pod and its IP (so a client
 * sees which endpoint answered), their 404 page elsewhere, HEAD alike, other methods refused.
 * Every request is logged to stdout in the server's access-log format.
 */
public final class WebServer implements App {
  /** What makes nginx look like nginx and httpd like httpd. */
  public interface Site {
    /** Lines printed when the server is up. */
    void started(AppContext ctx);

    /** The error when the port is taken; the process exits 1. */
    String bindFailed(int port);

    /** The index page for a pod. */
    String index(String hostname, String ip);

    /**
     * A 200 with this server's headers, saying {@code Connection: keep-alive} where the server does
     * (the connection turns it into close when it closes).
     */
    HttpResponse page(String body, Instant lastModified);

    /** The server's own page for an error status. */
    HttpResponse error(int status);

    /** The access-log line for an answered request. */
    String accessLog(HttpRequest request, TcpSocket from, HttpResponse response);

    /** True for methods the site answers with its pages (others get 405). */
    boolean allows(String method);
  }

  private final Site site;
  private final int port;
  private AppContext ctx;
  private Instant started;

  public WebServer(Site site, int port) {
    this.site = site;
    this.port = port;
  }

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    this.started = Instant.now();
    if (!ctx.listenTcp(port, 511, socket -> new HttpServerConnection(HttpLimits.DEFAULT, this::handle, site::error))) {
      ctx.err(site.bindFailed(port));
      ctx.exit(1);
      return;
    }
    site.started(ctx);
  }

  private HttpResponse handle(HttpRequest request, TcpSocket from) {
    HttpResponse response;
    String path = request.path();
    if (!site.allows(request.method())) {
      response = site.error(405);
    } else if (path.equals("/") || path.equals("/index.html")) {
      response = site.page(site.index(ctx.hostname(), ctx.net().address().toString()), started);
    } else {
      response = site.error(404);
    }
    ctx.out(site.accessLog(request, from, response));
    return response;
  }

  /** The entity tag nginx and Apache derive from a file's modification time and size. */
  static String etag(Instant modified, int length) {
    return "\"" + Long.toHexString(modified.getEpochSecond()) + "-" + Integer.toHexString(length) + "\"";
  }

  /** The request line and client as access logs show them. */
  static String logged(HttpRequest request, TcpSocket from) {
    return from.remoteAddress() + " - - [" + HttpDates.commonLog(Instant.now()) + "] \"" + request.method() + " "
        + request.target() + " " + request.version() + "\"";
  }

  /** nginx and httpd stop on SIGTERM at once (nginx's fast shutdown), exiting 0. */
  @Override
  public void onTerminate() {
    if (ctx != null) {
      ctx.exit(0);
    }
  }
}
