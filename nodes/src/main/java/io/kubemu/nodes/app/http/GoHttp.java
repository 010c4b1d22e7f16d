package io.kubemu.nodes.app.http;

import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpStatus;
import io.kubemu.protocols.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;

/**
 * Responses as Go's net/http writes them, for the Go programs kubemu runs (http-echo, agnhost):
 * the handler's own headers sorted by name, then Date, Content-Length and Content-Type; an
 * unregistered status gets the reason "status code N".
 */
public final class GoHttp {
  public static final String TEXT = "text/plain; charset=utf-8";

  private GoHttp() {}

  public static HttpResponse text(int status, HttpHeaders own, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpHeaders h = new HttpHeaders(own.fields().stream()
        .sorted(Comparator.comparing(HttpHeaders.Field::name)).toList())
        .with("Date", HttpDates.imf(Instant.now()));
    if (!HttpStatus.forbidsBody(status)) {
      h = h.with("Content-Length", Integer.toString(bytes.length)).with("Content-Type", TEXT);
    }
    String reason = HttpStatus.reason(status).isEmpty() ? "status code " + status : HttpStatus.reason(status);
    return new HttpResponse(HttpVersion.HTTP_1_1, status, reason, h, HttpStatus.forbidsBody(status) ? new byte[0] : bytes);
  }

  /** http.NotFound: {@code 404 page not found}. */
  public static HttpResponse notFound() {
    return text(404, HttpHeaders.of("X-Content-Type-Options", "nosniff"), "404 page not found\n");
  }

  /** A {@code -listen} or {@code --port} value: {@code :5678}, {@code 0.0.0.0:5678} or {@code 5678}; -1 when bad. */
  public static int port(String listen) {
    String digits = listen.substring(listen.lastIndexOf(':') + 1);
    try {
      int port = Integer.parseInt(digits);
      return port >= 1 && port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
