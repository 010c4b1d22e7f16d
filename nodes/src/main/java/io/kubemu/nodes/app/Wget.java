package io.kubemu.nodes.app;

import io.kubemu.nodes.app.dns.resolver.Libc;
import io.kubemu.nodes.app.dns.resolver.Resolution;
import io.kubemu.nodes.app.dns.resolver.StubResolver;
import io.kubemu.nodes.app.http.FetchFailure;
import io.kubemu.nodes.app.http.HttpFetch;
import io.kubemu.nodes.app.http.HttpUrl;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * busybox 1.36 {@code wget}: {@code wget [-qS] [-O FILE] [-T SEC] [-U AGENT] [--header 'H: v']
 * [--spider] [--post-data STR] URL...}, with its request (Host, User-Agent: Wget, Connection:
 * close), its messages and exit status 1 on any error. Redirects are followed. Host names are
 * resolved as busybox's musl resolves them (/etc/hosts, then the resolv.conf nameservers); a
 * name that does not resolve, or no answer, is a "bad address". There is no file system: a
 * download to a file is read and dropped, with the messages a real one prints.
 */
public final class Wget implements App, HttpFetch.Listener {
  private static final String TIMEOUT = "timeout";
  private static final Set<String> LONG_FLAGS = Set.of("quiet", "server-response", "spider", "continue",
      "no-check-certificate");
  private static final Set<String> LONG_VALUED = Set.of("output-document", "output-file", "directory-prefix", "proxy",
      "user-agent", "timeout", "tries", "header", "post-data");

  private AppContext ctx;
  private StubResolver resolver;
  private final WgetOutput out = new WgetOutput();
  private List<String> urls = List.of();
  private int next;
  private int redirectsLeft;
  private HttpUrl url;
  private Ipv4Address address;
  private HttpFetch fetch;
  private long seen;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    this.resolver = new StubResolver(ctx, Libc.MUSL);
    out.ctx = ctx;
    try {
      Getopt.Parsed parsed = Getopt.parse(ctx.argv().subList(1, ctx.argv().size()), "cqSO:o:P:Y:U:T:t:n:",
          LONG_FLAGS, LONG_VALUED);
      for (Getopt.Option o : parsed.options()) {
        out.option(o);
      }
      urls = parsed.operands();
    } catch (Getopt.Problem p) {
      out.usage(p.kind == Getopt.Problem.Kind.UNKNOWN
          ? (p.option.length() == 1 ? "invalid option -- '" + p.option + "'" : "unrecognized option '" + p.option + "'")
          : "option requires an argument -- '" + p.option + "'");
      return;
    } catch (IllegalArgumentException e) {
      out.die(e.getMessage());
      return;
    }
    if (urls.isEmpty()) {
      out.usage(null);
      return;
    }
    nextUrl();
  }

  private void nextUrl() {
    if (next == urls.size()) {
      ctx.exit(0);
      return;
    }
    String text = urls.get(next++);
    redirectsLeft = 16;
    Optional<HttpUrl> parsed = HttpUrl.parse(text);
    if (parsed.isEmpty()) {
      out.die(text.contains("://") && !text.toLowerCase().startsWith("http://")
          ? "not an http or ftp url: " + text : "bad address '" + text + "'");
      return;
    }
    get(parsed.get());
  }

  private void get(HttpUrl target) {
    url = target;
    resolver.resolve(url.host(), this::resolved);
  }

  private void resolved(Resolution r) {
    if (!r.resolved()) {
      out.die("bad address '" + url.authority() + "'");
      return;
    }
    HttpRequest request;
    try {
      request = request();
    } catch (IllegalArgumentException e) {
      out.die(e.getMessage()); // an agent or host HTTP cannot carry (a line break)
      return;
    }
    address = r.first();
    out.connecting(url, address);
    seen = 0;
    ctx.schedule(TIMEOUT, Duration.ofSeconds(out.timeoutSeconds));
    // Over loopback the whole exchange (a redirect's next one too) may happen inside start().
    HttpFetch started = HttpFetch.start(ctx::connectTcp, address, url.port(), request, HttpFetch.CLIENT_LIMITS, this);
    if (!started.finished()) {
      fetch = started;
    }
  }

  private HttpRequest request() {
    HttpHeaders h = HttpHeaders.EMPTY;
    if (!out.userHeader("Host")) {
      h = h.with("Host", url.authority());
    }
    if (!out.userHeader("User-Agent")) {
      h = h.with("User-Agent", out.userAgent);
    }
    h = h.with("Connection", "close");
    for (HttpHeaders.Field f : out.headers) {
      h = h.with(f.name(), f.value());
    }
    String method = out.postData == null ? "GET" : "POST";
    HttpRequest r = new HttpRequest(method, url.target(), HttpVersion.HTTP_1_1, h, new byte[0]);
    if (out.postData == null) {
      return r;
    }
    if (!out.userHeader("Content-Type")) {
      r = r.withHeaders(h.with("Content-Type", "application/x-www-form-urlencoded"));
    }
    return r.withBody(out.postData.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void onTimer(String key) {
    if (resolver.onTimer(key) || fetch == null || fetch.finished()) {
      return;
    }
    if (fetch.received() > seen) {
      seen = fetch.received();
      ctx.schedule(TIMEOUT, Duration.ofSeconds(out.timeoutSeconds));
    } else {
      fetch.timedOut();
    }
  }

  @Override
  public void done(HttpResponse response) {
    ctx.cancel(TIMEOUT);
    out.serverResponse(response.statusLine());
    int status = response.status();
    boolean redirect = List.of(300, 301, 302, 303, 307, 308).contains(status);
    if (!(status >= 200 && status <= 204) && !redirect) {
      out.die("server returned error: " + response.statusLine());
      return;
    }
    for (HttpHeaders.Field f : response.headers().fields()) {
      out.serverResponse(f.name() + ": " + f.value());
    }
    Optional<String> location = response.headers().first("Location");
    if (redirect && location.isPresent()) {
      if (--redirectsLeft == 0) {
        out.die("too many redirections");
        return;
      }
      Optional<HttpUrl> moved = location.get().startsWith("/")
          ? HttpUrl.parse("http://" + url.authority() + location.get()) : HttpUrl.parse(location.get());
      if (moved.isEmpty()) {
        out.die("not an http or ftp url: " + location.get());
        return;
      }
      get(moved.get());
      return;
    }
    out.saved(url, response.body());
    nextUrl();
  }

  @Override
  public void failed(FetchFailure f) {
    ctx.cancel(TIMEOUT);
    out.die(switch (f.kind()) {
      case CONNECT -> "can't connect to remote host (" + address + "): " + f.detail();
      case TIMEOUT, TIMEOUT_CONNECTING -> "download timed out";
      case RECEIVE -> f.received() == 0 ? "error getting response: " + f.detail() : "read error: " + f.detail();
      case MALFORMED -> f.detail().startsWith("truncated body") ? "connection closed prematurely"
          : "error getting response";
      default -> "error getting response";
    });
  }

  @Override
  public void onKill() {
    resolver.cancel();
    if (fetch != null) {
      fetch.cancel();
    }
  }
}
