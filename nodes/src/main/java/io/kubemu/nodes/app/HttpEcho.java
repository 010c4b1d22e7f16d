package io.kubemu.nodes.app;

import io.kubemu.nodes.app.http.GoHttp;
import io.kubemu.nodes.app.http.HttpDates;
import io.kubemu.nodes.app.http.HttpServerConnection;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * hashicorp/http-echo: {@code http-echo -text=hello [-listen=:5678] [-status-code=200]} answers
 * every path with the text and a newline, {@code /health} with {@code {"status":"ok"}}. The text
 * may come from the ECHO_TEXT variable instead. Go's flag package parses the arguments.
 */
public final class HttpEcho implements App {
  private static final HttpHeaders APP = HttpHeaders.of("X-App-Name", "http-echo", "X-App-Version", "1.0.0");
  private static final String USAGE = """
      Usage of /http-echo:
        -listen string
          \taddress and port to listen (default ":5678")
        -status-code int
          \tstatus code to return (default 200)
        -text string
          \ttext to put on the webpage
        -version
          \tdisplay version information
      """;

  private AppContext ctx;
  private String text = "";
  private String listen = ":5678";
  private int status = 200;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    List<String> argv = ctx.argv();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (!arg.startsWith("-")) {
        ctx.err("Too many arguments!\n");
        ctx.exit(127);
        return;
      }
      String flag = arg.replaceFirst("^--?", "");
      int eq = flag.indexOf('=');
      String name = eq < 0 ? flag : flag.substring(0, eq);
      if (name.equals("version")) {
        ctx.err("http-echo v1.0.0\n");
        ctx.exit(0);
        return;
      }
      if (!List.of("text", "listen", "status-code").contains(name)) {
        ctx.err("flag provided but not defined: -" + name + "\n" + USAGE);
        ctx.exit(2);
        return;
      }
      String value = eq >= 0 ? flag.substring(eq + 1) : i + 1 < argv.size() ? argv.get(++i) : null;
      if (value == null) {
        ctx.err("flag needs an argument: -" + name + "\n" + USAGE);
        ctx.exit(2);
        return;
      }
      if (!set(name, value)) {
        return;
      }
    }
    if (text.isEmpty()) {
      text = ctx.env("ECHO_TEXT") == null ? "" : ctx.env("ECHO_TEXT");
      if (text.isEmpty()) {
        ctx.err("Missing -text option OR ENV var TEXT is empty!\n");
        ctx.exit(127);
        return;
      }
    }
    serve();
  }

  private boolean set(String name, String value) {
    switch (name) {
      case "text" -> text = value;
      case "listen" -> listen = value;
      default -> {
        try {
          status = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          ctx.err("invalid value \"" + value + "\" for flag -status-code: parse error\n" + USAGE);
          ctx.exit(2);
          return false;
        }
      }
    }
    return true;
  }

  private void serve() {
    int port = GoHttp.port(listen);
    String now = HttpDates.goLog(Instant.now());
    ctx.err(now + " [INFO] server is listening on " + listen + "\n");
    boolean listening = port > 0 && ctx.listenTcp(port, 4096, s -> new HttpServerConnection(HttpLimits.DEFAULT,
        this::handle, HttpServerConnection.PLAIN));
    if (!listening) {
      ctx.err(now + " [ERR] server exited with: listen tcp " + listen + ": "
          + (port > 0 ? "bind: address already in use" : "address " + listen + ": missing port in address") + "\n");
      ctx.exit(1);
    }
  }

  private HttpResponse handle(HttpRequest request, TcpSocket from) {
    if (request.path().equals("/health")) {
      return GoHttp.text(200, APP, "{\"status\":\"ok\"}\n");
    }
    long started = System.nanoTime();
    HttpResponse response = GoHttp.text(status, APP, text + "\n");
    ctx.out(HttpDates.goLog(Instant.now()) + " " + request.headers().first("Host").orElse("") + " "
        + from.remoteAddress() + ":" + from.remotePort() + " \"" + request.method() + " " + request.path() + " "
        + request.version() + "\" " + status + " " + response.body().length + " \""
        + request.headers().first("User-Agent").orElse("") + "\" " + goDuration(System.nanoTime() - started) + "\n");
    return response;
  }

  /** A time.Duration as Go prints a short one: {@code 12.345µs}. */
  static String goDuration(long nanos) {
    if (nanos < 1_000) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return trim(nanos / 1e3) + "µs";
    }
    return trim(nanos / 1e6) + "ms";
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    return s.replaceAll("\\.?0+$", "");
  }

  /** http-echo shuts its server down on SIGTERM and exits 0. */
  @Override
  public void onTerminate() {
    if (ctx != null) {
      ctx.exit(0);
    }
  }
}
