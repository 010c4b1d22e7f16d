package io.kubemu.nodes.app;

import io.kubemu.nodes.app.dns.resolver.Libc;
import io.kubemu.nodes.app.dns.resolver.Resolution;
import io.kubemu.nodes.app.dns.resolver.StubResolver;
import io.kubemu.nodes.app.http.FetchFailure;
import io.kubemu.nodes.app.http.HttpFetch;
import io.kubemu.nodes.app.http.HttpUrl;
import io.kubemu.nodes.app.http.TcpConnector;
import io.kubemu.nodes.app.tls.CurlTls;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * curl 8.5 for plain HTTP: {@code -s -S -i -I -v -f -L -o FILE -w FORMAT -H -X -d -A -m SECS
 * --connect-timeout SECS}, its request (Host, User-Agent: curl/8.5.0, Accept), its progress
 * meter (stdout is never a terminal here), its error texts and exit codes (6, 7, 18, 22, 28, 52,
 * 56). A host is taken from {@code --resolve host:port:addr} first, else resolved by the image's
 * C library (musl in the Alpine-based images, glibc in Debian's): a name that does not resolve, or
 * no answer, is exit 6, and -m or --connect-timeout running out while resolving is exit 28, as
 * curl's threaded resolver has it. https works over real TLS (SNI, certificates checked unless
 * -k; exit 60 or 35 with curl's words); there is no file system (-o FILE drops the data).
 */
public final class Curl implements App, HttpFetch.Listener {
  private static final String MAX_TIME = "max-time";
  private static final String CONNECT_TIMEOUT = "connect-timeout";

  private final Libc libc;
  private AppContext ctx;
  private StubResolver resolver;
  private boolean resolving;
  private CurlOptions o;
  private int next;
  private int redirects;
  private CurlReport.Transfer t;
  private HttpFetch fetch;
  private HttpRequest request;
  private boolean connectTimedOut;

  /** curl of an Alpine-based image (curlimages/curl, agnhost, the ingress controller): musl resolves. */
  public Curl() {
    this(Libc.MUSL);
  }

  /** curl linked with {@code libc}, as its image has it. */
  public Curl(Libc libc) {
    this.libc = libc;
  }

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    this.resolver = new StubResolver(ctx, libc);
    try {
      o = CurlOptions.parse(ctx.argv().subList(1, ctx.argv().size()));
    } catch (CurlOptions.Problem p) {
      ctx.err("curl: " + p.getMessage() + "\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
      ctx.exit(2);
      return;
    }
    nextUrl();
  }

  private void nextUrl() {
    String text = o.urls.get(next++);
    t = new CurlReport.Transfer();
    redirects = 0;
    if (text.contains("://") && !text.regionMatches(true, 0, "http://", 0, 7) && !text.regionMatches(true, 0, "https://", 0, 8)) {
      finish(1, "Protocol \"" + text.substring(0, text.indexOf("://")) + "\" not supported");
      return;
    }
    Optional<HttpUrl> url = HttpUrl.parse(text, true);
    if (url.isEmpty()) {
      finish(3, "URL rejected: Bad hostname");
      return;
    }
    transfer(url.get());
  }

  private void transfer(HttpUrl url) {
    t.url = url;
    t.method = o.method();
    if (o.maxTime > 0 && redirects == 0) {
      ctx.schedule(MAX_TIME, Duration.ofNanos((long) (o.maxTime * 1e9)));
    }
    if (o.connectTimeout > 0) {
      ctx.schedule(CONNECT_TIMEOUT, Duration.ofNanos((long) (o.connectTimeout * 1e9)));
    }
    Optional<Ipv4Address> given = o.resolved(url.host(), url.port());
    if (given.isPresent()) {
      connect(url, given.get());
      return;
    }
    resolving = true;
    resolver.resolve(url.host(), r -> resolved(url, r));
  }

  private void resolved(HttpUrl url, Resolution r) {
    resolving = false;
    t.resolvedNanos = System.nanoTime();
    if (!r.resolved()) {
      finish(6, "Could not resolve host: " + url.host());
      return;
    }
    connect(url, r.first());
  }

  private void connect(HttpUrl url, Ipv4Address ip) {
    try {
      request = request(url);
    } catch (IllegalArgumentException e) {
      // A header, method or agent from the command line that HTTP cannot carry (a space in a name, a line break).
      cancelTimers();
      ctx.err("curl: " + e.getMessage() + "\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
      ctx.exit(2);
      return;
    }
    t.remoteIp = ip.toString();
    t.remotePort = url.port();
    verbose("*   Trying " + t.remoteIp + ":" + url.port() + "...");
    t.requestBytes = request.toBytes().length;
    TcpConnector connector = url.tls() ? CurlTls.connector(ctx::connectTcp, url.host(), url.port(), o.insecure) : ctx::connectTcp;
    HttpFetch started = HttpFetch.start(connector, ip, url.port(), request, HttpFetch.CLIENT_LIMITS, this);
    if (!started.finished()) {
      fetch = started;
    }
  }

  private HttpRequest request(HttpUrl url) {
    HttpHeaders h = HttpHeaders.of("Host", url.hostHeader(), "User-Agent", o.userAgent, "Accept", "*/*");
    HttpHeaders custom = HttpHeaders.EMPTY;
    for (String line : o.headers) {
      int colon = line.indexOf(':');
      int semi = line.indexOf(';');
      if (colon > 0) {
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        h = h.without(name);
        custom = value.isEmpty() ? custom : custom.with(name, value);
      } else if (semi > 0 && semi == line.length() - 1) {
        custom = custom.with(line.substring(0, semi).trim(), "");
      }
    }
    h = new HttpHeaders(concat(h, custom));
    HttpRequest r = new HttpRequest(t.method, url.target(), HttpVersion.HTTP_1_1, h, new byte[0]);
    if (o.data.isEmpty()) {
      return r;
    }
    byte[] body = String.join("&", o.data).getBytes(StandardCharsets.UTF_8);
    HttpHeaders withLength = h.with("Content-Length", Integer.toString(body.length));
    if (!h.contains("Content-Type")) {
      withLength = withLength.with("Content-Type", "application/x-www-form-urlencoded");
    }
    return new HttpRequest(t.method, url.target(), HttpVersion.HTTP_1_1, withLength, body);
  }

  private static List<HttpHeaders.Field> concat(HttpHeaders a, HttpHeaders b) {
    List<HttpHeaders.Field> all = new ArrayList<>(a.fields());
    all.addAll(b.fields());
    return all;
  }

  @Override
  public void connected(TcpSocket socket) {
    ctx.cancel(CONNECT_TIMEOUT);
    t.connects++;
    t.connectNanos = System.nanoTime();
    t.localIp = socket.localAddress().toString();
    t.localPort = socket.localPort();
    verbose("* Connected to " + t.url.host() + " (" + t.remoteIp + ") port " + t.url.port());
    verbose("> " + request.method() + " " + request.target() + " " + request.version());
    request.headers().fields().forEach(f -> verbose("> " + f.name() + ": " + f.value()));
    verbose("> ");
  }

  @Override
  public void onTimer(String key) {
    if (resolver.onTimer(key)) {
      return;
    }
    if (resolving) {
      // The threaded resolver is abandoned when the transfer's time runs out.
      resolver.cancel();
      resolving = false;
      finish(28, "Resolving timed out after " + (System.nanoTime() - t.startNanos) / 1_000_000 + " milliseconds");
    } else if (fetch != null && !fetch.finished()) {
      connectTimedOut = key.equals(CONNECT_TIMEOUT);
      fetch.timedOut();
    }
  }

  @Override
  public void done(HttpResponse response) {
    t.response = response;
    t.endNanos = System.nanoTime();
    verbose("< " + response.statusLine());
    response.headers().fields().forEach(f -> verbose("< " + f.name() + ": " + f.value()));
    verbose("< ");
    Optional<String> location = response.headers().first("Location");
    if (o.follow && response.status() / 100 == 3 && location.isPresent()) {
      Optional<HttpUrl> moved = location.get().startsWith("/")
          ? HttpUrl.parse((t.url.tls() ? "https://" : "http://") + t.url.hostHeader() + location.get(), true)
          : HttpUrl.parse(location.get(), true);
      if (moved.isPresent() && redirects++ < o.maxRedirs) {
        verbose("* Issue another request to this URL: '" + moved.get().text() + "'");
        transfer(moved.get());
        return;
      }
      finish(redirects > o.maxRedirs ? 47 : 3, redirects > o.maxRedirs
          ? "Maximum (" + o.maxRedirs + ") redirects followed" : "URL rejected: Bad hostname");
      return;
    }
    if (o.fail && response.status() >= 400) {
      finish(22, "The requested URL returned error: " + response.status());
      return;
    }
    boolean toStdout = o.output == null || o.output.equals("-");
    if (toStdout && (o.include || o.head)) {
      ctx.out(new String(response.headBytes(), StandardCharsets.ISO_8859_1));
    }
    if (toStdout) {
      ctx.out(new String(response.body(), StandardCharsets.UTF_8));
    }
    verbose("* Connection #0 to host " + t.url.host() + " left intact");
    finish(0, "");
  }

  @Override
  public void failed(FetchFailure f) {
    t.endNanos = System.nanoTime();
    long ms = (t.endNanos - t.startNanos) / 1_000_000;
    String host = t.url.host() + " port " + t.url.port();
    CurlTls.Failure tls = CurlTls.failure(f.detail(), t.url.host());
    if (tls != null) {
      verbose("* " + f.detail());
      finish(tls.exitCode(), tls.message());
      return;
    }
    switch (f.kind()) {
      case CONNECT -> {
        verbose("* connect to " + t.remoteIp + " port " + t.url.port() + " failed: " + f.detail());
        finish(f.detail().equals("Connection timed out") ? 28 : 7,
            "Failed to connect to " + host + " after " + ms + " ms: Couldn't connect to server");
      }
      case TIMEOUT_CONNECTING -> finish(28, connectTimedOut
          ? "Failed to connect to " + host + " after " + ms + " ms: Timeout was reached"
          : "Connection timed out after " + ms + " milliseconds");
      case TIMEOUT -> finish(28, "Operation timed out after " + ms + " milliseconds with " + fetch.bodyReceived()
          + (fetch.bodyExpected() >= 0 ? " out of " + fetch.bodyExpected() : "") + " bytes received");
      case EMPTY_REPLY -> finish(52, "Empty reply from server");
      case RECEIVE, SEND -> finish(56, "Recv failure: " + (f.detail().isEmpty() ? "Broken pipe" : f.detail()));
      default -> finish(f.detail().startsWith("truncated body") ? 18 : f.detail().startsWith("body too large") ? 63 : 8,
          f.detail().startsWith("truncated body") ? "transfer closed with outstanding read data remaining"
              : f.detail().startsWith("body too large") ? "Exceeded the maximum allowed file size" : "Weird server reply");
    }
  }

  private void cancelTimers() {
    ctx.cancel(MAX_TIME);
    ctx.cancel(CONNECT_TIMEOUT);
  }

  private void verbose(String line) {
    if (o.verbose) {
      ctx.err(line + "\n");
    }
  }

  /** The transfer of one URL ended; the next one starts, or curl exits with the first failure's code. */
  private void finish(int code, String error) {
    cancelTimers();
    t.exitCode = code;
    t.error = error;
    if (t.endNanos == 0) {
      t.endNanos = System.nanoTime();
    }
    if (code != 0 && o.verbose && t.connects > 0) {
      verbose("* Closing connection");
    }
    if (o.showsMeter() && code != 1 && code != 3) {
      ctx.err(CurlReport.meter(t));
    }
    if (code != 0 && o.showsErrors()) {
      ctx.err("curl: (" + code + ") " + error + "\n");
    }
    if (o.writeOut != null) {
      ctx.out(CurlReport.writeOut(o.writeOut, t, () -> ctx.err("curl: unknown --write-out variable\n")));
    }
    if (code != 0 || next == o.urls.size()) {
      ctx.exit(code);
    } else {
      nextUrl();
    }
  }

  @Override
  public void onKill() {
    resolver.cancel();
    if (fetch != null) {
      fetch.cancel();
    }
  }
}
