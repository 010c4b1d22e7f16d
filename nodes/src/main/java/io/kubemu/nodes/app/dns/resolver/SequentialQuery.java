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
 * One question asked of one nameserver at a time, in the order given, each attempt waiting
 * {@code timeout}: glibc's {@code res_send} goes round the servers {@code attempts} times; dig asks
 * each server its {@code tries} times before the next. A truncated UDP answer is asked again over
 * TCP of the same server. glibc moves on from a SERVFAIL, NOTIMP or REFUSED; dig takes any answer.
 */
public final class SequentialQuery implements Exchange {
  /** What the asker hears, on the pod's thread; {@link #answered} or {@link #failed} last, once. */
  public interface Listener {
    /** An attempt at {@code server} heard nothing in time. */
    default void timedOut(Ipv4Address server) {}

    /** {@code server} answered over UDP with TC set: the question goes again over TCP. */
    default void truncated(Ipv4Address server) {}

    /** A TCP connection to {@code server} failed ({@code error} as errno says it). */
    default void tcpFailed(Ipv4Address server, String error) {}

    void answered(Message answer, Ipv4Address server, boolean tcp);

    /** No attempt brought an answer that counts: {@code last} is the last answer heard (a SERVFAIL), or null for none. */
    void failed(Message last);
  }

  /** How long an attempt waits, whether a failure answer counts (dig) or sends on (glibc), whether to ask over TCP from the start. */
  public record Policy(Duration timeout, boolean anyRcode, boolean tcpOnly) {
    public static Policy glibc(ResolvConf conf) {
      return new Policy(conf.timeout(), false, false);
    }
  }

  private final AppContext ctx;
  private final Timers timers;
  private final List<Ipv4Address> attempts;
  private final int port;
  private final Message question;
  private final Policy policy;
  private final Listener listener;
  private int next;
  private int socket = -1;
  private Ipv4Address current;
  private TcpQuery tcp;
  private String timer;
  private Message last;
  private boolean finished;

  private SequentialQuery(AppContext ctx, Timers timers, List<Ipv4Address> attempts, int port, Message question, Policy policy,
      Listener listener) {
    this.ctx = ctx;
    this.timers = timers;
    this.attempts = List.copyOf(attempts);
    this.port = port;
    this.question = question;
    this.policy = policy;
    this.listener = listener;
  }

  /** Asks {@code question} of {@code attempts} in order (a server appears once per attempt at it); the listener may hear all before this returns. */
  public static SequentialQuery start(AppContext ctx, Timers timers, List<Ipv4Address> attempts, int port, Message question,
      Policy policy, Listener listener) {
    SequentialQuery q = new SequentialQuery(ctx, timers, attempts, port, question, policy, listener);
    if (!policy.tcpOnly()) {
      q.socket = ctx.bindUdp(0, q::onDatagram);
    }
    q.attempt();
    return q;
  }

  /** glibc's order: every server, {@code rounds} times over. */
  public static List<Ipv4Address> roundRobin(List<Ipv4Address> servers, int rounds) {
    return java.util.stream.IntStream.range(0, rounds).boxed().flatMap(r -> servers.stream()).toList();
  }

  /** dig's order: each server {@code tries} times before the next. */
  public static List<Ipv4Address> eachInTurn(List<Ipv4Address> servers, int tries) {
    return servers.stream().flatMap(s -> java.util.Collections.nCopies(tries, s).stream()).toList();
  }

  /** Stops asking; the listener hears nothing more. */
  @Override
  public void cancel() {
    if (!finished) {
      finished = true;
      close();
    }
  }

  private void attempt() {
    if (finished) {
      return;
    }
    if (next == attempts.size() || (socket < 0 && !policy.tcpOnly())) {
      finished = true;
      close();
      listener.failed(last);
      return;
    }
    current = attempts.get(next++);
    Ipv4Address server = current;
    timer = timers.schedule(policy.timeout(), () -> onTimeout(server));
    if (policy.tcpOnly()) {
      overTcp(server);
    } else if (ctx.net().sendUdp(socket, server, port, question.toWire()) != null) {
      timers.cancel(timer);
      attempt(); // glibc: a server it cannot send to is skipped at once
    }
  }

  private void onTimeout(Ipv4Address server) {
    timer = null;
    if (tcp != null) {
      tcp.cancel();
      tcp = null;
    }
    listener.timedOut(server);
    attempt();
  }

  private void onDatagram(Datagram d) {
    if (finished || tcp != null || d.sourcePort() != port || !d.source().equals(current)) {
      return;
    }
    Optional<Message> parsed = DnsWire.parse(d.payload());
    if (parsed.isEmpty() || parsed.get().getHeader().getID() != question.getHeader().getID()) {
      return;
    }
    Message answer = parsed.get();
    if (answer.getHeader().getFlag(Flags.TC)) {
      listener.truncated(current);
      overTcp(current);
      return;
    }
    answer(answer, false);
  }

  /** The question over TCP; what the connection says counts only while this attempt is still the current one. */
  private void overTcp(Ipv4Address server) {
    int attempt = next;
    TcpQuery started = TcpQuery.start(ctx, server, port, question, new TcpQuery.Listener() {
      @Override
      public void answered(Message answer) {
        if (attempt == next) {
          answer(answer, true);
        }
      }

      @Override
      public void failed(String error) {
        if (attempt == next && !finished) {
          tcp = null;
          timers.cancel(timer);
          listener.tcpFailed(server, error);
          attempt();
        }
      }
    });
    if (attempt == next && !finished) {
      tcp = started;
    }
  }

  private void answer(Message answer, boolean overTcp) {
    if (finished) {
      return;
    }
    timers.cancel(timer);
    int rcode = answer.getRcode();
    if (!policy.anyRcode() && rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      last = answer;
      tcp = null;
      attempt();
      return;
    }
    finished = true;
    close();
    listener.answered(answer, current, overTcp);
  }

  private void close() {
    timers.cancel(timer);
    if (tcp != null) {
      tcp.cancel();
    }
    if (socket >= 0) {
      ctx.closeUdp(socket);
    }
  }
}
