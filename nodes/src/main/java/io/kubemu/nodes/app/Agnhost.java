package io.kubemu.nodes.app;

import io.kubemu.nodes.app.http.GoHttp;
import io.kubemu.nodes.app.http.HttpDates;
import io.kubemu.nodes.app.http.HttpServerConnection;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kubernetes' e2e test image (registry.k8s.io/e2e-test-images/agnhost), the subcommands network
 * tests use: {@code netexec [--http-port=8080] [--udp-port=8081]} (HTTP {@code /}, {@code /hostname},
 * {@code /clientip}, {@code /echo?msg=}, {@code /healthz}, {@code /exit?code=}; UDP {@code hostname},
 * {@code echo MSG}, {@code clientip}), {@code serve-hostname [--port=9376]} (the hostname for every
 * request) and {@code pause}, which is also what the image runs without arguments.
 */
public final class Agnhost implements App {
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private AppContext ctx;
  private final long startNanos = System.nanoTime();

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    List<String> argv = ctx.argv();
    String command = argv.size() > 1 ? argv.get(1) : "pause";
    Map<String, String> flags = new HashMap<>();
    for (int i = 2; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (!arg.startsWith("-")) {
        usageError("unknown command \"" + arg + "\" for \"agnhost " + command + "\"");
        return;
      }
      String flag = arg.replaceFirst("^--?", "");
      int eq = flag.indexOf('=');
      if (eq >= 0) {
        flags.put(flag.substring(0, eq), flag.substring(eq + 1));
      } else if (i + 1 < argv.size()) {
        flags.put(flag, argv.get(++i));
      } else {
        usageError("flag needs an argument: --" + flag);
        return;
      }
    }
    switch (command) {
      case "pause" -> ctx.out("Paused\n");
      case "netexec" -> netexec(flags);
      case "serve-hostname" -> serveHostname(flags);
      default -> usageError("unknown command \"" + command + "\" for \"agnhost\"");
    }
  }

  private void usageError(String message) {
    ctx.err("Error: " + message + "\nRun 'agnhost --help' for usage.\n");
    ctx.exit(1);
  }

  private int port(Map<String, String> flags, String name, int fallback) {
    return flags.containsKey(name) ? GoHttp.port(flags.get(name)) : fallback;
  }

  private void log(String line) {
    ctx.err(HttpDates.goLog(Instant.now()) + " " + line + "\n");
  }

  private boolean listen(int port, HttpServerConnection.Handler handler) {
    if (port > 0 && ctx.listenTcp(port, 4096, s -> new HttpServerConnection(HttpLimits.DEFAULT, handler,
        HttpServerConnection.PLAIN))) {
      return true;
    }
    log("listen tcp :" + port + ": bind: address already in use");
    ctx.exit(1);
    return false;
  }

  private void netexec(Map<String, String> flags) {
    int http = port(flags, "http-port", 8080);
    int udp = flags.getOrDefault("udp-port", "8081").equals("-1") ? -1 : port(flags, "udp-port", 8081);
    if (udp > 0 && ctx.bindUdp(udp, this::udpCommand) < 0) {
      log("listen udp :" + udp + ": bind: address already in use");
      ctx.exit(1);
      return;
    }
    if (udp > 0) {
      log("Started UDP server on port  " + udp);
    }
    if (listen(http, this::netexecHttp)) {
      log("Started HTTP server on port " + http);
    }
  }

  private HttpResponse netexecHttp(HttpRequest request, TcpSocket from) {
    Map<String, String> query = query(request.query());
    switch (request.path()) {
      case "/hostname", "/hostName" -> {
        log("GET /hostname");
        return GoHttp.text(200, HttpHeaders.EMPTY, ctx.hostname());
      }
      case "/clientip" -> {
        log("GET /clientip");
        return GoHttp.text(200, HttpHeaders.EMPTY, from.remoteAddress() + ":" + from.remotePort());
      }
      case "/healthz" -> {
        log("GET /healthz");
        return GoHttp.text(200, HttpHeaders.EMPTY, "");
      }
      case "/echo" -> {
        String msg = query.getOrDefault("msg", "");
        String code = query.getOrDefault("code", "");
        log("GET /echo?msg=" + msg + "&code=" + code);
        try {
          return GoHttp.text(code.isEmpty() ? 200 : Integer.parseInt(code), HttpHeaders.EMPTY, msg);
        } catch (IllegalArgumentException e) {
          return GoHttp.text(200, HttpHeaders.EMPTY, "argument 'code' must be an integer or empty, got \"" + code + "\"\n");
        }
      }
      case "/exit" -> {
        String code = query.getOrDefault("code", "0");
        log("GET /exit?code=" + code + "&timeout=&wait=");
        try {
          ctx.exit(Integer.parseInt(code) & 0xFF);
          return GoHttp.text(200, HttpHeaders.EMPTY, "");
        } catch (NumberFormatException e) {
          return GoHttp.text(200, HttpHeaders.EMPTY, "argument 'code' must be an integer [0-127] or empty, got \""
              + code + "\"\n");
        }
      }
      default -> {
        log("GET /");
        double sinceStart = (System.nanoTime() - startNanos) / 1e9;
        return GoHttp.text(200, HttpHeaders.EMPTY, "NOW: " + GO_TIME.format(Instant.now())
            + String.format(Locale.ROOT, " m=+%.9f", sinceStart));
      }
    }
  }

  private void udpCommand(Datagram d) {
    String request = new String(d.payload(), StandardCharsets.UTF_8).trim();
    String answer;
    if (request.equals("hostname")) {
      answer = ctx.hostname();
    } else if (request.startsWith("echo ")) {
      answer = request.substring(5);
    } else if (request.equals("clientip")) {
      answer = d.source() + ":" + d.sourcePort();
    } else {
      return;
    }
    ctx.net().sendUdp(d.destinationPort(), d.source(), d.sourcePort(), answer.getBytes(StandardCharsets.UTF_8));
  }

  private void serveHostname(Map<String, String> flags) {
    int port = port(flags, "port", 9376);
    if (listen(port, (request, from) -> GoHttp.text(200, HttpHeaders.EMPTY, ctx.hostname()))) {
      log("Serving on port " + port + ".");
    }
  }

  /** The query's parameters, URL-decoded as Go's FormValue does; the first value of a repeated one wins. */
  static Map<String, String> query(String query) {
    Map<String, String> out = new HashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(name, value);
      } catch (IllegalArgumentException e) {
        // Go drops a pair it cannot unescape.
      }
    }
    return out;
  }

  /** agnhost's servers exit on SIGTERM. */
  @Override
  public void onTerminate() {
    if (ctx != null) {
      ctx.exit(0);
    }
  }
}
