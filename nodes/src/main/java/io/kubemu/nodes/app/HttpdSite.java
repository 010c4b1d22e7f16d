package io.kubemu.nodes.app;

import io.kubemu.nodes.app.http.HttpDates;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpStatus;
import io.kubemu.protocols.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Apache httpd as the official image runs it: "It works!", Apache's error documents, the common log format. */
public final class HttpdSite implements WebServer.Site {
  private static final String SERVER = "Apache/2.4.62 (Unix)";
  private static final Map<Integer, String> EXPLANATIONS = Map.of(
      400, "Your browser sent a request that this server could not understand.<br />\n",
      404, "The requested URL was not found on this server.",
      405, "The requested method is not allowed for this URL.",
      413, "The requested resource does not allow request data with this request, or the amount of data provided "
          + "in the request exceeds the capacity limit.",
      431, "Your browser sent a request that this server could not understand.<br />\nSize of a request header field "
          + "exceeds server limit.<br />\n",
      500, "The server encountered an internal error or misconfiguration and was unable to complete your request.",
      501, "The requested method is not supported.",
      505, "The server does not support this HTTP version.");

  @Override
  public void started(AppContext ctx) {
    String now = HttpDates.commonLog(Instant.now());
    ctx.err("AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using "
        + ctx.net().address() + ". Set the 'ServerName' directive globally to suppress this message\n");
    ctx.err("[" + now + "] [mpm_event:notice] [pid 1:tid 1] AH00489: " + SERVER
        + " configured -- resuming normal operations\n");
  }

  @Override
  public String bindFailed(int port) {
    return "(98)Address in use: AH00072: make_sock: could not bind to address 0.0.0.0:" + port + "\n"
        + "no listening sockets available, shutting down\nAH00015: Unable to open logs\n";
  }

  @Override
  public String index(String hostname, String ip) {
    return "<html><body><h1>It works!</h1>\n<p>Served by pod " + hostname + " (" + ip + ").</p>\n</body></html>\n";
  }

  @Override
  public HttpResponse page(String body, Instant lastModified) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return response(200, bytes, "text/html", HttpHeaders.of("Last-Modified", HttpDates.imf(lastModified),
        "ETag", WebServer.etag(lastModified, bytes.length), "Accept-Ranges", "bytes"));
  }

  @Override
  public HttpResponse error(int status) {
    String reason = HttpStatus.reason(status);
    String body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>" + status + " " + reason
        + "</title>\n</head><body>\n<h1>" + reason + "</h1>\n<p>"
        + EXPLANATIONS.getOrDefault(status, "The server could not handle the request.") + "</p>\n</body></html>\n";
    return response(status, body.getBytes(StandardCharsets.US_ASCII), "text/html; charset=iso-8859-1",
        HttpHeaders.EMPTY);
  }

  private static HttpResponse response(int status, byte[] body, String type, HttpHeaders middle) {
    HttpHeaders h = HttpHeaders.of("Date", HttpDates.imf(Instant.now()), "Server", SERVER);
    for (HttpHeaders.Field f : middle.fields()) {
      h = h.with(f.name(), f.value());
    }
    h = h.with("Content-Length", Integer.toString(body.length)).with("Content-Type", type);
    return new HttpResponse(HttpVersion.HTTP_1_1, status, HttpStatus.reason(status), h, body);
  }

  @Override
  public String accessLog(HttpRequest request, TcpSocket from, HttpResponse response) {
    int sent = request.method().equals("HEAD") ? 0 : response.body().length;
    return WebServer.logged(request, from) + " " + response.status() + " " + (sent == 0 ? "-" : sent) + "\n";
  }

  @Override
  public boolean allows(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("POST");
  }
}
