package io.kubemu.nodes.app.dns;

import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.app.dns.ForwardConfig.Upstream;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * The forward plugin's relay: a query is sent on to an upstream nameserver under an ID of its own
 * (over UDP from one ephemeral port, or over TCP when the client asked over TCP), and the upstream's
 * answer goes back to the client under the client's ID. An answer counts only when it comes from
 * the upstream asked, with the ID and question sent; anything else is dropped and counted. An
 * upstream that does not answer within {@link #ATTEMPT} is given up for the next one, in the
 * policy's order, until {@link #BUDGET} is spent; then the client gets SERVFAIL and the error is
 * reported as CoreDNS's errors plugin prints it.
 */
final class Forwarder {
  static final Duration ATTEMPT = Duration.ofSeconds(2);
  static final Duration BUDGET = Duration.ofSeconds(5);
  private static final String TIMER = "forward:";

  private final AppContext ctx;
  private final DnsMetrics metrics;
  private final Random random;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private final Map<ForwardConfig, Integer> inFlight = new HashMap<>();
  private final Map<ForwardConfig, Integer> rotation = new HashMap<>();
  private int port = -1;

  Forwarder(AppContext ctx, DnsMetrics metrics, Random random) {
    this.ctx = ctx;
    this.metrics = metrics;
    this.random = random;
  }

  /** Queries sent on and not yet answered or given up. */
  int pending() {
    return pending.size();
  }

  /** Relays {@code request}; {@code reply} gets the answer or SERVFAIL, {@code failed} the error behind a SERVFAIL. */
  void forward(ForwardConfig config, DnsRequest request, Consumer<Message> reply, Consumer<String> failed) {
    if (config.maxConcurrent() > 0 && inFlight.getOrDefault(config, 0) >= config.maxConcurrent()) {
      metrics.inc("forward_max_concurrent_rejects_total");
      reply.accept(DnsReplies.failure(request.query(), Rcode.REFUSED));
      return;
    }
    if (port < 0) {
      port = ctx.bindUdp(0, this::datagram);
      if (port < 0) {
        failed.accept("plugin/forward: no free UDP port");
        reply.accept(DnsReplies.failure(request.query(), Rcode.SERVFAIL));
        return;
      }
    }
    Pending p = new Pending(freeId(), config, request, reply, failed, order(config));
    pending.put(p.id, p);
    inFlight.merge(config, 1, Integer::sum);
    attempt(p);
  }

  /** Handles the forwarder's timers; false for a key that is not one of them. */
  boolean onTimer(String key) {
    if (!key.startsWith(TIMER)) {
      return false;
    }
    Pending p = pending.get(Integer.parseInt(key.substring(TIMER.length())));
    if (p != null) {
      metrics.inc("forward_timeouts_total", "to", p.current.toString());
      p.error = (p.connection != null ? "read tcp " : "read udp ") + ctx.net().address() + ":" + localPort(p) + "->"
          + p.current + ": i/o timeout";
      p.dropConnection(false);
      attempt(p);
    }
    return true;
  }

  private void attempt(Pending p) {
    while (p.spent.compareTo(BUDGET) < 0) {
      Upstream up = p.order.get(p.tries++ % p.order.size());
      Duration timeout = ATTEMPT.compareTo(BUDGET.minus(p.spent)) < 0 ? ATTEMPT : BUDGET.minus(p.spent);
      p.spent = p.spent.plus(timeout);
      p.current = up;
      metrics.inc("forward_requests_total", "to", up.toString());
      Message copy = p.request.query().clone();
      copy.getHeader().setID(p.id);
      byte[] wire = copy.toWire();
      ctx.schedule(TIMER + p.id, timeout);
      if (p.config.forceTcp() || (p.request.tcp() && !p.config.preferUdp())) {
        UpstreamConnection c = new UpstreamConnection(p, wire);
        p.connection = c;
        c.socket = ctx.connectTcp(up.address(), up.port(), c);
        return;
      }
      String problem = ctx.net().sendUdp(port, up.address(), up.port(), wire);
      if (problem == null) {
        return;
      }
      ctx.cancel(TIMER + p.id);
      p.error = "write udp " + ctx.net().address() + ":" + port + "->" + up + ": " + problem.toLowerCase();
    }
    fail(p);
  }

  private void datagram(Datagram d) {
    byte[] wire = d.payload();
    Pending p = wire.length < 2 ? null : pending.get(((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF));
    if (p == null || p.connection != null || !d.source().equals(p.current.address()) || d.sourcePort() != p.current.port()) {
      metrics.inc("forward_unexpected_responses_total");
      return;
    }
    answered(p, wire);
  }

  /** An upstream's bytes for {@code p}: the answer, unless they do not parse or answer another question. */
  private void answered(Pending p, byte[] wire) {
    Message m;
    try {
      m = new Message(wire);
    } catch (IOException | RuntimeException malformed) {
      metrics.inc("forward_malformed_responses_total", "to", p.current.toString());
      return;
    }
    Record asked = p.request.query().getQuestion();
    Record got = m.getQuestion();
    if (m.getHeader().getID() != p.id || got == null || !got.getName().equals(asked.getName()) || got.getType() != asked.getType()
        || got.getDClass() != asked.getDClass()) {
      metrics.inc("forward_unexpected_responses_total");
      return;
    }
    finish(p);
    m.getHeader().setID(p.request.query().getHeader().getID());
    metrics.inc("forward_responses_total", "rcode", Rcode.string(m.getRcode()), "to", p.current.toString());
    p.reply.accept(m);
  }

  private void fail(Pending p) {
    finish(p);
    metrics.inc("forward_failures_total");
    p.failed.accept(p.error);
    p.reply.accept(DnsReplies.failure(p.request.query(), Rcode.SERVFAIL));
  }

  private void finish(Pending p) {
    ctx.cancel(TIMER + p.id);
    pending.remove(p.id);
    inFlight.merge(p.config, -1, Integer::sum);
    p.dropConnection(true);
  }

  private List<Upstream> order(ForwardConfig config) {
    List<Upstream> out = new ArrayList<>(config.to());
    switch (config.policy()) {
      case RANDOM:
        Collections.shuffle(out, random);
        break;
      case ROUND_ROBIN:
        Collections.rotate(out, -rotation.merge(config, 1, Integer::sum));
        break;
      default:
        break;
    }
    return out;
  }

  private int freeId() {
    int id;
    do {
      id = random.nextInt(0x10000);
    } while (pending.containsKey(id));
    return id;
  }

  private int localPort(Pending p) {
    return p.connection != null && p.connection.socket != null ? p.connection.socket.localPort() : port;
  }

  /** A query on its way: to which upstreams, how far along, and who waits for the answer. */
  private static final class Pending {
    final int id;
    final ForwardConfig config;
    final DnsRequest request;
    final Consumer<Message> reply;
    final Consumer<String> failed;
    final List<Upstream> order;
    int tries;
    Duration spent = Duration.ZERO;
    Upstream current;
    UpstreamConnection connection;
    String error = "no upstream answered";

    Pending(int id, ForwardConfig config, DnsRequest request, Consumer<Message> reply, Consumer<String> failed, List<Upstream> order) {
      this.id = id;
      this.config = config;
      this.request = request;
      this.reply = reply;
      this.failed = failed;
      this.order = order;
    }

    /** Leaves the TCP exchange in progress, if any: closed after an answer, reset after a timeout. */
    void dropConnection(boolean answered) {
      UpstreamConnection c = connection;
      connection = null;
      if (c != null) {
        c.abandoned = true;
        if (c.socket != null && answered) {
          c.socket.close();
        } else if (c.socket != null) {
          c.socket.abort();
        }
      }
    }
  }

  /** One TCP exchange with an upstream: the framed query out, one framed answer in; abandoned once the attempt is over. */
  private final class UpstreamConnection implements TcpHandler {
    private final Pending p;
    private final byte[] wire;
    private final DnsFraming framing = new DnsFraming();
    TcpSocket socket;
    boolean abandoned;

    UpstreamConnection(Pending p, byte[] wire) {
      this.p = p;
      this.wire = wire;
    }

    @Override
    public void onConnected(TcpSocket s) {
      s.write(DnsFraming.frame(wire));
    }

    @Override
    public void onData(TcpSocket s, byte[] data) {
      for (byte[] message : framing.feed(data)) {
        if (!abandoned) {
          answered(p, message);
        }
      }
    }

    @Override
    public void onClosed(TcpSocket s, String error) {
      if (abandoned) {
        return;
      }
      abandoned = true;
      p.connection = null;
      ctx.cancel(TIMER + p.id);
      p.error = "dial tcp " + p.current + ": connect: " + (error == null ? "connection closed" : error.toLowerCase());
      attempt(p);
    }
  }
}
