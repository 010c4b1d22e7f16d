package io.kubemu.nodes.app;

import io.kubemu.nodes.app.http.HttpDates;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * nginx as the official image runs it (server_tokens off): its welcome page, its built-in error
 * pages (CRLF line ends), its header order, and the combined access log on stdout.
 */
public final class NginxSite implements WebServer.Site {
  private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(308, "Permanent Redirect"),
      Map.entry(400, "Bad Request"), Map.entry(404, "Not Found"), Map.entry(405, "Not Allowed"),
      Map.entry(413, "Request Entity Too Large"), Map.entry(431, "Bad Request"), Map.entry(500, "Internal Server Error"),
      Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Temporarily Unavailable"),
      Map.entry(504, "Gateway Time-out"), Map.entry(505, "HTTP Version Not Supported"));

  @Override
  public void started(AppContext ctx) {
    ctx.out("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
    ctx.err(HttpDates.goLog(Instant.now()) + " [notice] 1#1: start worker processes\n");
  }

  @Override
  public String bindFailed(int port) {
    return "nginx: [emerg] bind() to 0.0.0.0:" + port + " failed (98: Address already in use)\n";
  }

  @Override
  public String index(String hostname, String ip) {
    return """
        <!DOCTYPE html>
        <html>
        <head>
        <title>Welcome to nginx!</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and
        working. Further configuration is required.</p>

        <p>For online documentation and support please refer to
        <a href="http://nginx.org/">nginx.org</a>.<br/>
        Commercial support is available at
        <a href="http://nginx.com/">nginx.com</a>.</p>

        <p><em>Thank you for using nginx.</em></p>
        <p>Served by pod %s (%s).</p>
        </body>
        </html>
        """.formatted(hostname, ip);
  }

  @Override
  public HttpResponse page(String body, Instant lastModified) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return response(200, "OK", bytes, HttpHeaders.of("Last-Modified", HttpDates.imf(lastModified),
        "Connection", "keep-alive", "ETag", WebServer.etag(lastModified, bytes.length), "Accept-Ranges", "bytes"));
  }

  @Override
  public HttpResponse error(int status) {
    String reason = REASONS.getOrDefault(status, "Bad Request");
    String title = status == 431 ? "400 Request Header Or Cookie Too Large" : status + " " + reason;
    String heading = status == 431 ? "<center><h1>400 Bad Request</h1></center>\r\n"
        + "<center>Request Header Or Cookie Too Large</center>\r\n" : "<center><h1>" + title + "</h1></center>\r\n";
    String body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n" + heading
        + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    return response(status == 431 ? 400 : status, reason, body.getBytes(StandardCharsets.US_ASCII),
        HttpHeaders.of("Connection", "keep-alive"));
  }

  private static HttpResponse response(int status, String reason, byte[] body, HttpHeaders after) {
    HttpHeaders h = HttpHeaders.of("Server", "nginx", "Date", HttpDates.imf(Instant.now()), "Content-Type", "text/html",
        "Content-Length", Integer.toString(body.length));
    for (HttpHeaders.Field f : after.fields()) {
      h = h.with(f.name(), f.value());
    }
    return new HttpResponse(HttpVersion.HTTP_1_1, status, reason, h, body);
  }

  @Override
  public String accessLog(HttpRequest request, TcpSocket from, HttpResponse response) {
    int sent = request.method().equals("HEAD") ? 0 : response.body().length;
    return WebServer.logged(request, from) + " " + response.status() + " " + sent + " \""
        + request.headers().first("Referer").orElse("-") + "\" \"" + request.headers().first("User-Agent").orElse("-")
        + "\" \"" + request.headers().first("X-Forwarded-For").orElse("-") + "\"\n";
  }

  @Override
  public boolean allows(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }
}
