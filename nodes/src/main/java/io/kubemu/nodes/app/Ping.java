package io.kubemu.nodes.app;

import io.kubemu.nodes.app.dns.resolver.Libc;
import io.kubemu.nodes.app.dns.resolver.Resolution;
import io.kubemu.nodes.app.dns.resolver.StubResolver;
import io.kubemu.nodes.stack.IcmpEvent;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.icmp.IcmpMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * iputils-style ping: {@code ping [-c count] [-i interval] [-W timeout] [-s size] [-t ttl] [-q] host}.
 * Exit status 0 when at least one reply came, 1 when none did, 2 on a usage error. The host is
 * resolved by busybox's musl resolver, with busybox's words when it does not resolve ({@code ping:
 * bad address 'web'}, status 1), and named as given in the header and the statistics, as
 * busybox names it; replies name the address only (no reverse lookups).
 */
public final class Ping implements App {
  private static final String SEND = "send";
  private static final String LINGER = "linger";
  private AppContext ctx;
  private StubResolver resolver;
  private String host;
  private Ipv4Address target;
  private long count = Long.MAX_VALUE;
  private double intervalSeconds = 1.0;
  private double timeoutSeconds = 1.0;
  private int size = 56;
  private int ttl = 64;
  private boolean quiet;
  private int identifier;
  private int sent;
  private int received;
  private int errors;
  private long startNanos;
  private final Map<Integer, Long> inFlight = new HashMap<>();
  private double rttMin = Double.MAX_VALUE;
  private double rttMax;
  private double rttSum;
  private double rttSumSquares;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    try {
      parse(ctx.argv());
    } catch (IllegalArgumentException e) {
      ctx.err("ping: " + e.getMessage() + "\nUsage: ping [-c count] [-i interval] [-W timeout] [-s size] [-t ttl] [-q] host\n");
      ctx.exit(2);
      return;
    }
    resolver = new StubResolver(ctx, Libc.MUSL);
    resolver.resolve(host, this::resolved);
  }

  private void resolved(Resolution r) {
    if (!r.resolved()) {
      ctx.err("ping: bad address '" + host + "'\n");
      ctx.exit(1);
      return;
    }
    target = r.first();
    identifier = ctx.net().freeEchoIdentifier();
    ctx.bindEcho(identifier, this::onIcmp);
    ctx.out("PING " + host + " (" + target + ") " + size + "(" + (size + 28) + ") bytes of data.\n");
    startNanos = System.nanoTime();
    sendOne();
  }

  private void parse(List<String> argv) {
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      switch (a) {
        case "-c" -> count = positive(value(argv, ++i, a), a);
        case "-i" -> intervalSeconds = seconds(value(argv, ++i, a), a);
        case "-W" -> timeoutSeconds = seconds(value(argv, ++i, a), a);
        case "-s" -> size = (int) bounded(value(argv, ++i, a), a, 8, 65507);
        case "-t" -> ttl = (int) bounded(value(argv, ++i, a), a, 1, 255);
        case "-q" -> quiet = true;
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("invalid option -- '" + a.substring(1) + "'");
          }
          if (host != null) {
            throw new IllegalArgumentException("only one destination: " + a);
          }
          host = a;
        }
      }
    }
    if (host == null) {
      throw new IllegalArgumentException("usage error: Destination address required");
    }
  }

  private static String value(List<String> argv, int i, String option) {
    if (i >= argv.size()) {
      throw new IllegalArgumentException("option requires an argument -- '" + option.substring(1) + "'");
    }
    return argv.get(i);
  }

  private static long positive(String v, String option) {
    return bounded(v, option, 1, Long.MAX_VALUE);
  }

  private static long bounded(String v, String option, long min, long max) {
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid argument for " + option + ": '" + v + "' (expected: " + min + ".." + max + ")");
    }
  }

  private static double seconds(String v, String option) {
    try {
      double d = Double.parseDouble(v);
      if (d < 0.001 || d > 3600) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad timing value for " + option + ": '" + v + "' (expected: 0.001..3600 seconds)");
    }
  }

  private void sendOne() {
    int seq = ++sent & 0xFFFF; // icmp_seq is 16 bits and wraps, as in iputils
    byte[] data = new byte[size];
    long now = System.nanoTime();
    for (int i = 16; i < size; i++) {
      data[i] = (byte) i;
    }
    inFlight.put(seq, now);
    String problem = ctx.net().sendIcmp(target, IcmpMessage.echoRequest(identifier, seq, data), ttl);
    if (problem != null) {
      ctx.err("ping: sendmsg: " + problem + "\n");
      errors++;
    }
    if (sent < count) {
      ctx.schedule(SEND, Duration.ofNanos((long) (intervalSeconds * 1e9)));
    } else {
      ctx.schedule(LINGER, Duration.ofNanos((long) (timeoutSeconds * 1e9)));
    }
  }

  @Override
  public void onTimer(String key) {
    if (resolver != null && resolver.onTimer(key)) {
      return;
    }
    if (SEND.equals(key)) {
      sendOne();
    } else if (LINGER.equals(key)) {
      finish();
    }
  }

  private void onIcmp(IcmpEvent e) {
    IcmpMessage m = e.message();
    if (m.type() == IcmpMessage.ECHO_REPLY) {
      Long sentAt = inFlight.remove(m.sequence());
      if (sentAt == null) {
        return;
      }
      double rtt = (System.nanoTime() - sentAt) / 1e6;
      received++;
      rttMin = Math.min(rttMin, rtt);
      rttMax = Math.max(rttMax, rtt);
      rttSum += rtt;
      rttSumSquares += rtt * rtt;
      if (!quiet) {
        ctx.out((e.ipLength() - 20) + " bytes from " + e.from() + ": icmp_seq=" + m.sequence() + " ttl=" + e.ttl()
            + " time=" + formatRtt(rtt) + " ms\n");
      }
    } else {
      errors++;
      inFlight.remove(quotedSequence(m));
      if (!quiet) {
        ctx.out("From " + e.from() + " icmp_seq=" + quotedSequence(m) + " " + describe(m) + "\n");
      }
    }
    if (sent >= count && inFlight.isEmpty()) {
      ctx.cancel(LINGER);
      finish();
    }
  }

  private static int quotedSequence(IcmpMessage error) {
    byte[] q = error.body();
    int ihl = q.length > 0 ? (q[0] & 0x0F) * 4 : 0;
    return q.length >= ihl + 8 ? ((q[ihl + 6] & 0xFF) << 8) | (q[ihl + 7] & 0xFF) : 0;
  }

  private static String describe(IcmpMessage m) {
    if (m.type() == IcmpMessage.TIME_EXCEEDED) {
      return "Time to live exceeded";
    }
    return switch (m.code()) {
      case IcmpMessage.NET -> "Destination Net Unreachable";
      case IcmpMessage.HOST -> "Destination Host Unreachable";
      case IcmpMessage.PORT -> "Destination Port Unreachable";
      case IcmpMessage.ADMIN_PROHIBITED -> "Packet filtered";
      default -> "Destination Unreachable, code " + m.code();
    };
  }

  private static String formatRtt(double ms) {
    return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms) : String.format("%.3f", ms);
  }

  private void finish() {
    if (ctx.exited()) {
      return;
    }
    long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
    int loss = sent == 0 ? 0 : (int) Math.round(100.0 * (sent - received) / sent);
    StringBuilder sb = new StringBuilder();
    sb.append("\n--- ").append(host).append(" ping statistics ---\n")
        .append(sent).append(" packets transmitted, ").append(received).append(" received, ")
        .append(errors > 0 ? "+" + errors + " errors, " : "")
        .append(loss).append("% packet loss, time ").append(elapsedMs).append("ms\n");
    if (received > 0) {
      double avg = rttSum / received;
      double mdev = Math.sqrt(Math.max(0, rttSumSquares / received - avg * avg));
      sb.append(String.format("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms%n", rttMin, avg, rttMax, mdev));
    }
    ctx.out(sb.toString());
    ctx.exit(received > 0 ? 0 : 1);
  }

  @Override
  public void onKill() {
    if (resolver != null) {
      resolver.cancel();
    }
  }
}
