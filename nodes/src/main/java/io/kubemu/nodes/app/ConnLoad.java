package io.kubemu.nodes.app;

import io.kubemu.nodes.app.http.FetchFailure;
import io.kubemu.nodes.app.http.HttpFetch;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The client of the services benchmark, new connections per second through a Service:
 * {@code conn-load [--connections N] [--warmup S] [--seconds S] [--timeout S] [--path P] HOST [PORT]}.
 * N slots each open a connection, send one GET, read the response, close, and open the next, as
 * a closed-loop load tool does; a slot whose connection failed waits for the next tick (100 ms),
 * so a refusing address is not hammered in a hot loop. It counts what ended inside the measured
 * interval after the warm-up, splits the completed connections by the answering pod (the body of
 * the response, as agnhost serve-hostname and netexec's /hostname give it) and prints one line,
 * {@link ConnLoadReport}.
 */
public final class ConnLoad implements App {
  private static final Duration TICK = Duration.ofMillis(100);
  /** What agnhost's hostname answers look like: anything else is counted as {@link #OTHER}. */
  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
  static final String OTHER = "(other)";

  private AppContext ctx;
  private ConnLoadOptions options;
  private HttpRequest request;
  private HttpFetch[] fetches;
  private long[] startedAt;
  private final ArrayDeque<Integer> idle = new ArrayDeque<>();
  private final List<Integer> backingOff = new ArrayList<>();
  private final Map<String, Long> endpoints = new TreeMap<>();
  private final Map<String, Long> failures = new TreeMap<>();
  private boolean measuring;
  private boolean stopped;
  private boolean opening;
  private long completed;
  private long failed;
  private long t0;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    try {
      options = ConnLoadOptions.parse(ctx.argv());
    } catch (IllegalArgumentException e) {
      ctx.err("conn-load: " + e.getMessage() + "\nUsage: " + ConnLoadOptions.USAGE + "\n");
      ctx.exit(2);
      return;
    }
    request = new HttpRequest("GET", options.path(), HttpVersion.HTTP_1_1,
        HttpHeaders.of("Host", options.host() + ":" + options.port(), "User-Agent", "conn-load", "Accept", "*/*"), new byte[0]);
    fetches = new HttpFetch[options.connections()];
    startedAt = new long[options.connections()];
    for (int i = 0; i < fetches.length; i++) {
      idle.add(i);
    }
    ctx.schedule("warmup", options.warmup());
    ctx.schedule("tick", TICK);
    openIdle();
  }

  @Override
  public void onTimer(String key) {
    switch (key) {
      case "warmup" -> {
        measuring = true;
        t0 = System.nanoTime();
        ctx.schedule("end", options.measure());
      }
      case "tick" -> tick();
      case "end" -> finish();
      default -> { }
    }
  }

  @Override
  public void onKill() {
    stopAll();
  }

  /** Gives up on connections past their timeout, and lets the slots that failed try again. */
  private void tick() {
    long now = System.nanoTime();
    for (int i = 0; i < fetches.length; i++) {
      if (fetches[i] != null && now - startedAt[i] > options.timeout().toNanos()) {
        fetches[i].timedOut();
      }
    }
    idle.addAll(backingOff);
    backingOff.clear();
    openIdle();
    ctx.schedule("tick", TICK);
  }

  /**
   * Opens a connection for each idle slot. A connection may end inside {@code HttpFetch.start}
   * (over loopback), which frees its slot again: the loop is capped at one round of the slots, and
   * what is left waits for the next tick.
   */
  private void openIdle() {
    if (opening) {
      return;
    }
    opening = true;
    try {
      for (int budget = fetches.length; budget > 0 && !stopped && !idle.isEmpty(); budget--) {
        open(idle.poll());
      }
    } finally {
      opening = false;
    }
  }

  private void open(int slot) {
    startedAt[slot] = System.nanoTime();
    HttpFetch f = HttpFetch.start(ctx::connectTcp, options.host(), options.port(), request, HttpFetch.CLIENT_LIMITS,
        new Slot(slot));
    if (!f.finished()) {
      fetches[slot] = f;
    }
  }

  private void ended(int slot, String endpoint, String failure) {
    fetches[slot] = null;
    if (stopped) {
      return;
    }
    if (measuring) {
      if (failure == null) {
        completed++;
        endpoints.merge(endpoint, 1L, Long::sum);
      } else {
        failed++;
        failures.merge(failure, 1L, Long::sum);
      }
    }
    if (failure == null) {
      idle.add(slot);
      openIdle();
    } else {
      backingOff.add(slot);
    }
  }

  private void finish() {
    double seconds = (System.nanoTime() - t0) / 1e9;
    long aborted = stopAll();
    ctx.out(new ConnLoadReport(options.connections(), completed, failed, seconds, endpoints, failures, aborted).line() + "\n");
    ctx.exit(0);
  }

  /** Stops opening connections and resets the open ones; returns how many were open. */
  private long stopAll() {
    stopped = true;
    long open = 0;
    for (int i = 0; i < fetches.length; i++) {
      if (fetches[i] != null) {
        open++;
        fetches[i].cancel();
        fetches[i] = null;
      }
    }
    return open;
  }

  /** The pod that answered, by the body of its response. */
  static String endpoint(HttpResponse response) {
    String body = response.bodyText().trim();
    return HOSTNAME.matcher(body).matches() ? body : OTHER;
  }

  /** Why a connection failed, as one word: the fetch's failure kind, and the errno text of a refused or reset one. */
  static String failure(FetchFailure f) {
    String kind = f.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    String detail = f.detail().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    boolean withDetail = (f.kind() == FetchFailure.Kind.CONNECT || f.kind() == FetchFailure.Kind.RECEIVE) && !detail.isEmpty();
    return withDetail ? kind + "-" + detail : kind;
  }

  /** One slot's connection: its outcome frees the slot. */
  private final class Slot implements HttpFetch.Listener {
    private final int slot;

    Slot(int slot) {
      this.slot = slot;
    }

    @Override
    public void done(HttpResponse response) {
      ended(slot, endpoint(response), response.status() == 200 ? null : "http-" + response.status());
    }

    @Override
    public void failed(FetchFailure failure) {
      ended(slot, null, failure(failure));
    }
  }
}
