package io.kubemu.nodes.app;

import io.kubemu.nodes.stack.Datagram;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sending end of the dataplane benchmark, a windowed UDP flood towards a {@code udp-sink}:
 * {@code udp-flood [--size B] [--window N] [--ack-every N] [--warmup S] [--seconds S] HOST [PORT]}.
 * It keeps at most N datagrams unacked, probes when acks stop (writing off what a probe's answer
 * does not count), measures datagrams delivered to the sink's socket per second after the
 * warm-up, drains, asks the sink for its report and prints one line of {@code key=value} results.
 */
public final class UdpFlood implements App {
  private enum State { CONNECTING, RUNNING, DRAINING, REPORTING }

  private static final Duration HELLO_EVERY = Duration.ofMillis(100);
  private static final int HELLO_TRIES = 100;
  private static final Duration WATCH_EVERY = Duration.ofMillis(200);
  private static final Duration DRAIN = Duration.ofSeconds(1);
  private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(3);

  private AppContext ctx;
  private FloodOptions options;
  private SendWindow window;
  private int localPort;
  private State state = State.CONNECTING;
  private int hellos;
  private long acksSinceWatch;
  private long stalls;
  private long sendErrors;
  private String lastError = "";
  private long t0;
  private long d0;
  private long t1;
  private long d1;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    try {
      options = FloodOptions.parse(ctx.argv());
    } catch (IllegalArgumentException e) {
      ctx.err("udp-flood: " + e.getMessage() + "\nUsage: " + FloodOptions.USAGE + "\n");
      ctx.exit(2);
      return;
    }
    window = new SendWindow(options.window());
    localPort = ctx.bindUdp(0, this::onDatagram);
    hello();
  }

  private void hello() {
    if (++hellos > HELLO_TRIES) {
      ctx.err("udp-flood: no answer from " + options.host() + ":" + options.port() + " (is udp-sink running?)\n");
      ctx.exit(1);
      return;
    }
    send(FloodMessage.of(FloodMessage.HELLO, 0, options.ackEvery()), 0);
    ctx.schedule("hello", HELLO_EVERY);
  }

  @Override
  public void onTimer(String key) {
    switch (key) {
      case "hello" -> hello();
      case "warmup" -> {
        t0 = System.nanoTime();
        d0 = window.deliveredCount();
        ctx.schedule("end", options.measure());
      }
      case "end" -> {
        t1 = System.nanoTime();
        d1 = window.deliveredCount();
        state = State.DRAINING;
        ctx.schedule("drain", DRAIN);
      }
      case "watch" -> watch();
      case "drain" -> {
        state = State.REPORTING;
        send(FloodMessage.of(FloodMessage.REPORT_REQUEST, 0, 0), 0);
        ctx.schedule("report-timeout", REPORT_TIMEOUT);
      }
      case "report-timeout" -> finish(null);
      default -> { }
    }
  }

  /** Acks stopped while datagrams are out: probe, so lost ones are written off instead of stalling. */
  private void watch() {
    if (state != State.RUNNING) {
      return;
    }
    if (acksSinceWatch == 0 && window.inFlight() > 0) {
      stalls++;
      send(FloodMessage.of(FloodMessage.PROBE, 0, window.sentCount()), 0);
    }
    acksSinceWatch = 0;
    ctx.schedule("watch", WATCH_EVERY);
  }

  private void onDatagram(Datagram d) {
    FloodMessage m;
    try {
      m = FloodMessage.decode(d.payload());
    } catch (MalformedPacketException e) {
      return;
    }
    switch (m.kind()) {
      case FloodMessage.ACK -> {
        if (state == State.CONNECTING) {
          connected();
        }
        acksSinceWatch++;
        window.acked(m.value());
      }
      case FloodMessage.PROBE_ACK -> window.probeAnswered(m.value(), m.extra());
      case FloodMessage.REPORT -> {
        if (state == State.REPORTING) {
          ctx.cancel("report-timeout");
          finish(m);
        }
        return;
      }
      default -> { }
    }
    fill();
  }

  private void connected() {
    ctx.cancel("hello");
    state = State.RUNNING;
    ctx.schedule("warmup", options.warmup());
    ctx.schedule("watch", WATCH_EVERY);
  }

  private void fill() {
    while (state == State.RUNNING && window.canSend()) {
      if (!send(FloodMessage.of(FloodMessage.DATA, window.sentCount(), 0), options.size())) {
        return;
      }
      window.sent();
    }
  }

  private boolean send(FloodMessage m, int size) {
    String problem = ctx.net().sendUdp(localPort, options.host(), options.port(), m.encode(size));
    if (problem != null) {
      sendErrors++;
      lastError = problem;
    }
    return problem == null;
  }

  private void finish(FloodMessage report) {
    double seconds = (t1 - t0) / 1e9;
    long delivered = report == null ? window.deliveredCount() : report.value();
    Map<String, Long> drops = ctx.net().eth0().stats().drops();
    List<String> fields = List.of(
        "sent=" + window.sentCount(),
        "delivered=" + delivered,
        "lost=" + (window.sentCount() - delivered),
        "measured=" + (d1 - d0),
        "seconds=" + String.format("%.3f", seconds),
        "pps=" + (seconds > 0 ? Math.round((d1 - d0) / seconds) : 0),
        "stalls=" + stalls,
        "written-off=" + window.lostCount(),
        "send-errors=" + sendErrors,
        "eth0-tx=" + ctx.net().eth0().stats().txPackets(),
        "eth0-drops=" + (drops.isEmpty() ? "-" : drops.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","))),
        "sink-drops=" + (report == null ? "?" : report.text().isEmpty() ? "-" : report.text()),
        "sink-malformed=" + (report == null ? "?" : Long.toString(report.extra())));
    ctx.out("udp-flood: " + String.join(" ", fields) + "\n");
    if (sendErrors > 0) {
      ctx.err("udp-flood: " + sendErrors + " sends failed, last: " + lastError + "\n");
    }
    ctx.exit(report == null ? 1 : 0);
  }
}
