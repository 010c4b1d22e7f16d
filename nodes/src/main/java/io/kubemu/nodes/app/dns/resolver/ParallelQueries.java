package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Questions sent over one UDP socket to every nameserver at once, as musl's {@code res_msend_rc}
 * sends them, and busybox nslookup's {@code send_queries} (which it borrowed) to one server: every
 * unanswered question goes again each timeout/attempts, until timeout is over. A SERVFAIL is asked
 * again at once (twice per question per round); which answers count is the {@link Policy}'s. The
 * first answer to a question wins; the rest are dropped.
 */
public final class ParallelQueries implements Exchange {
  /** What the asker hears, on the pod's thread; {@link #done} last, once. */
  public interface Listener {
    void answered(int question, Message answer, Ipv4Address server);

    /** Every question answered, or the time is up for those that are not. */
    void done();
  }

  /**
   * How long, how often, which answers count: musl takes NOERROR and NXDOMAIN only and asks
   * again over TCP for a truncated answer (musl 1.2.4); busybox nslookup takes any answer, a
   * SERVFAIL once its second asking failed too, and reads a truncated one as it is.
   */
  public record Policy(Duration timeout, int attempts, boolean anyRcode, boolean tcpWhenTruncated) {
    public static Policy musl(ResolvConf conf) {
      return new Policy(conf.timeout(), conf.attempts(), false, true);
    }
  }

  private final AppContext ctx;
  private final Timers timers;
  private final List<Ipv4Address> servers;
  private final int port;
  private final List<Message> questions;
  private final Policy policy;
  private final Listener listener;
  private final boolean[] answered;
  private final TcpQuery[] overTcp;
  private final long intervalMillis;
  private int socket = -1;
  private int rounds;
  private int servfailRetries;
  private int unanswered;
  private String timer;
  private boolean finished;

  private ParallelQueries(AppContext ctx, Timers timers, List<Ipv4Address> servers, int port, List<Message> questions,
      Policy policy, Listener listener) {
    this.ctx = ctx;
    this.timers = timers;
    this.servers = List.copyOf(servers);
    this.port = port;
    this.questions = List.copyOf(questions);
    this.policy = policy;
    this.listener = listener;
    this.answered = new boolean[questions.size()];
    this.overTcp = new TcpQuery[questions.size()];
    this.unanswered = questions.size();
    this.intervalMillis = policy.timeout().toMillis() / policy.attempts();
  }

  /** Sends {@code questions} to {@code servers} on {@code port}; the listener may hear everything before this returns. */
  public static ParallelQueries start(AppContext ctx, Timers timers, List<Ipv4Address> servers, int port, List<Message> questions,
      Policy policy, Listener listener) {
    ParallelQueries q = new ParallelQueries(ctx, timers, servers, port, questions, policy, listener);
    q.socket = questions.isEmpty() ? -1 : ctx.bindUdp(0, q::onDatagram);
    if (q.socket < 0) {
      q.finish(); // nothing to ask, or no port left to ask it from
    } else {
      q.round();
    }
    return q;
  }

  /** Stops asking; the listener hears nothing more. */
  @Override
  public void cancel() {
    if (!finished) {
      finished = true;
      close();
    }
  }

  /** One round of asking: every question not answered yet, to every server; then the next round or the deadline. */
  private void round() {
    rounds++;
    servfailRetries = 2 * questions.size();
    for (int i = 0; i < questions.size() && !finished; i++) {
      if (!answered[i] && overTcp[i] == null) {
        for (int s = 0; s < servers.size() && !finished && !answered[i]; s++) {
          send(i, servers.get(s));
        }
      }
    }
    if (!finished) {
      long next = rounds < policy.attempts() ? intervalMillis : policy.timeout().toMillis() - intervalMillis * (rounds - 1);
      timer = timers.schedule(Duration.ofMillis(Math.max(1, next)), this::tick);
    }
  }

  private void tick() {
    timer = null;
    if (rounds < policy.attempts()) {
      round();
    } else {
      finish();
    }
  }

  /** musl ignores what sendto(2) says: a question that could not leave is simply not answered. */
  private void send(int question, Ipv4Address server) {
    ctx.net().sendUdp(socket, server, port, questions.get(question).toWire());
  }

  private void onDatagram(Datagram d) {
    if (finished || d.sourcePort() != port || !servers.contains(d.source())) {
      return;
    }
    Optional<Message> parsed = DnsWire.parse(d.payload());
    if (parsed.isEmpty()) {
      return;
    }
    Message answer = parsed.get();
    int i = question(answer.getHeader().getID());
    if (i < 0 || answered[i] || overTcp[i] != null) {
      return;
    }
    int rcode = answer.getRcode();
    if (rcode == Rcode.SERVFAIL && servfailRetries > 0) {
      servfailRetries--;
      send(i, d.source());
      return;
    }
    if (!policy.anyRcode() && rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return;
    }
    if (policy.tcpWhenTruncated() && answer.getHeader().getFlag(Flags.TC)) {
      overTcp[i] = TcpQuery.start(ctx, d.source(), port, questions.get(i), new TcpQuery.Listener() {
        @Override
        public void answered(Message whole) {
          accept(i, whole, d.source());
        }

        @Override
        public void failed(String error) {
          accept(i, answer, d.source()); // musl keeps the truncated answer when TCP fails
        }
      });
      return;
    }
    accept(i, answer, d.source());
  }

  private int question(int id) {
    for (int i = 0; i < questions.size(); i++) {
      if (questions.get(i).getHeader().getID() == id) {
        return i;
      }
    }
    return -1;
  }

  private void accept(int i, Message answer, Ipv4Address server) {
    if (finished || answered[i]) {
      return;
    }
    answered[i] = true;
    overTcp[i] = null;
    unanswered--;
    listener.answered(i, answer, server);
    if (unanswered == 0) {
      finish();
    }
  }

  private void finish() {
    if (!finished) {
      finished = true;
      close();
      listener.done();
    }
  }

  private void close() {
    timers.cancel(timer);
    for (TcpQuery t : overTcp) {
      if (t != null) {
        t.cancel();
      }
    }
    if (socket >= 0) {
      ctx.closeUdp(socket);
    }
  }
}
