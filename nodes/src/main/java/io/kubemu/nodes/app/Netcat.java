package io.kubemu.nodes.app;

import io.kubemu.nodes.app.dns.resolver.Libc;
import io.kubemu.nodes.app.dns.resolver.Resolution;
import io.kubemu.nodes.app.dns.resolver.StubResolver;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.protocols.addr.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * busybox {@code nc}. TCP: {@code nc [-v] [-w SEC] HOST PORT} sends stdin, then prints what comes
 * back until the peer closes (or {@code -w} seconds pass without a byte); {@code nc -l -p PORT}
 * takes one connection and does the same; {@code nc -z -v HOST PORT} only tells whether the port
 * is open (see {@link NetcatTcp}). UDP: {@code nc -u [-w SEC] HOST PORT} sends stdin as one
 * datagram and prints what comes back until the timeout (1 s by default here); {@code nc -u -l -p
 * PORT} prints every datagram it receives. HOST is resolved by busybox's musl resolver (see
 * {@link StubResolver}); with {@code -n} it must be an address.
 */
public final class Netcat implements App {
  /** The parsed command line. */
  record Options(boolean udp, boolean listen, boolean zero, boolean numeric, int verbose, int localPort, double waitSeconds,
      List<String> operands) {}

  static final String USAGE = """
      BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

      Usage: nc [OPTIONS] HOST PORT  - connect
      nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

      \t-l\tListen mode, for inbound connects
      \t-p PORT\tLocal port
      \t-w SEC\tTimeout for connects and final net reads
      \t-n\tDon't do DNS resolution
      \t-u\tUDP mode
      \t-v\tVerbose
      \t-z\tZero-I/O mode (scanning)
      """;

  private AppContext ctx;
  private StubResolver resolver;
  private NetcatTcp tcp;
  private boolean gotReply;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    Options o;
    try {
      o = parse(ctx.argv().subList(1, ctx.argv().size()));
    } catch (IllegalArgumentException | Getopt.Problem e) {
      ctx.err((e instanceof Getopt.Problem p ? "nc: invalid option -- '" + p.option + "'\n"
          : "nc: " + e.getMessage() + "\n") + USAGE);
      ctx.exit(1);
      return;
    }
    if (o.listen()) {
      listen(o);
      return;
    }
    String host = o.operands().get(0);
    int port;
    try {
      port = port(o.operands().get(1), "bad port '" + o.operands().get(1) + "'");
    } catch (IllegalArgumentException e) {
      ctx.err("nc: " + e.getMessage() + "\n");
      ctx.exit(1);
      return;
    }
    if (o.numeric() && !literal(host)) {
      badAddress(host); // -n: no name lookups
      return;
    }
    resolver = new StubResolver(ctx, Libc.MUSL);
    resolver.resolve(host, r -> connect(o, host, r, port));
  }

  private void badAddress(String host) {
    ctx.err("nc: bad address '" + host + "'\n");
    ctx.exit(1);
  }

  private void listen(Options o) {
    if (!o.udp()) {
      tcp = new NetcatTcp(ctx, o);
      tcp.listen();
    } else if (ctx.bindUdp(o.localPort(), d -> ctx.out(new String(d.payload(), StandardCharsets.UTF_8))) < 0) {
      ctx.err("nc: bind: Address in use\n");
      ctx.exit(1);
    }
  }

  private static boolean literal(String host) {
    try {
      Ipv4Address.parse(host);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void connect(Options o, String host, Resolution r, int port) {
    if (!r.resolved()) {
      badAddress(host);
    } else if (o.udp()) {
      sendDatagram(o, r.first(), port);
    } else {
      tcp = new NetcatTcp(ctx, o);
      tcp.connect(host, r.first(), port);
    }
  }

  static Options parse(List<String> args) throws Getopt.Problem {
    Getopt.Parsed parsed = Getopt.parse(args, "hnp:s:uvw:lzb", Set.of(), Set.of());
    boolean udp = false;
    boolean listen = false;
    boolean zero = false;
    boolean numeric = false;
    int verbose = 0;
    int localPort = 0;
    double wait = -1;
    for (Getopt.Option opt : parsed.options()) {
      switch (opt.name()) {
        case "u" -> udp = true;
        case "l" -> listen = true;
        case "z" -> zero = true;
        case "n" -> numeric = true;
        case "v" -> verbose++;
        case "p" -> localPort = port(opt.value(), "bad local port '" + opt.value() + "'");
        case "w" -> wait = seconds(opt.value());
        default -> { } // -s, -b: nothing to do here
      }
    }
    int needed = listen ? 0 : 2;
    if (parsed.operands().size() < needed || parsed.operands().size() > 2 || (listen && localPort == 0)) {
      throw new IllegalArgumentException(listen ? "-l needs -p PORT" : "HOST and PORT required");
    }
    return new Options(udp, listen, zero, numeric, verbose, localPort, wait, parsed.operands());
  }

  static int port(String text, String problem) {
    try {
      int p = Integer.parseInt(text);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // the message below says it
    }
    throw new IllegalArgumentException(problem);
  }

  private static double seconds(String text) {
    try {
      double d = Double.parseDouble(text);
      if (d >= 0 && d < 1e6) {
        return d;
      }
    } catch (NumberFormatException e) {
      // the message below says it
    }
    throw new IllegalArgumentException("invalid number '" + text + "'");
  }

  private void sendDatagram(Options o, Ipv4Address ip, int port) {
    int src = ctx.bindUdp(o.localPort(), this::onReply);
    String problem = ctx.net().sendUdp(src, ip, port, ctx.stdin());
    if (problem != null) {
      ctx.err("nc: " + problem + "\n");
      ctx.exit(1);
      return;
    }
    ctx.schedule("timeout", Duration.ofMillis((long) ((o.waitSeconds() < 0 ? 1 : o.waitSeconds()) * 1000)));
  }

  private void onReply(Datagram d) {
    gotReply = true;
    ctx.out(new String(d.payload(), StandardCharsets.UTF_8));
  }

  @Override
  public void onTimer(String key) {
    if (resolver != null && resolver.onTimer(key)) {
      return;
    }
    if (tcp != null) {
      tcp.onTimer(key);
    } else {
      ctx.exit(gotReply ? 0 : 1);
    }
  }

  @Override
  public void onKill() {
    if (resolver != null) {
      resolver.cancel();
    }
    if (tcp != null) {
      tcp.kill();
    }
  }
}
