package io.kubemu.nodes.tcp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.tcp.TcpSegment;
import io.kubemu.protocols.wire.ByteReader;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Two TCP endpoints (a client at 10.244.0.2, a server at 10.244.1.2) joined by a wire the test
 * controls: segments wait on it until {@link #deliver} moves them, a filter may drop them, and
 * time passes only when the test says, firing both sides' timers in order.
 */
final class TcpPair {
  static final Ipv4Address CLIENT = Ipv4Address.parse("10.244.0.2");
  static final Ipv4Address SERVER = Ipv4Address.parse("10.244.1.2");

  /** A segment on the wire. */
  record Sent(Ipv4Address source, Ipv4Address destination, TcpSegment segment) {
    boolean has(int flag) {
      return (segment.flags() & flag) != 0;
    }
  }

  long now = 1_000_000_000L;
  final FakeTcpTimers clientTimers = new FakeTcpTimers(() -> now);
  final FakeTcpTimers serverTimers = new FakeTcpTimers(() -> now);
  final ArrayDeque<Sent> wire = new ArrayDeque<>();
  /** Every segment either side sent, in order, including dropped ones. */
  final List<Sent> log = new ArrayList<>();
  Predicate<Sent> drop = s -> false;
  /** Segments this says yes to arrive twice. */
  Predicate<Sent> duplicate = s -> false;
  final TcpEndpoints client;
  final TcpEndpoints server;

  TcpPair() {
    this(TcpConfig.LINUX, 1000, 5000);
  }

  TcpPair(TcpConfig config, int clientIsn, int serverIsn) {
    client = new TcpEndpoints(config, this::send, clientTimers, d -> CLIENT, 1410, () -> now, () -> clientIsn);
    server = new TcpEndpoints(config, this::send, serverTimers, d -> SERVER, 1410, () -> now, () -> serverIsn);
  }

  private String send(Ipv4Address src, Ipv4Address dst, byte[] bytes) {
    TcpSegment seg = TcpSegment.decode(new ByteReader(bytes));
    if (!seg.checksumValid(src, dst)) {
      throw new AssertionError("bad checksum on " + seg);
    }
    Sent s = new Sent(src, dst, seg);
    log.add(s);
    if (!drop.test(s)) {
      wire.add(s);
      if (duplicate.test(s)) {
        wire.add(s);
      }
    }
    return null;
  }

  /** Moves segments across until the wire is empty (what they cause is delivered too). */
  void deliver() {
    for (int i = 0; !wire.isEmpty(); i++) {
      if (i > 1_000_000) {
        throw new AssertionError("the wire never went quiet");
      }
      Sent s = wire.poll();
      (s.destination().equals(SERVER) ? server : client).receive(s.source(), s.destination(), s.segment());
    }
  }

  /**
   * Delivers in a random order, as a network that reorders does; each step may also let 10 ms
   * pass, so retransmission timers run while segments are in flight.
   */
  void deliverShuffled(java.util.Random random) {
    java.util.LinkedList<Sent> pending = new java.util.LinkedList<>();
    for (int i = 0; !wire.isEmpty() || !pending.isEmpty(); i++) {
      if (i > 5_000_000) {
        throw new AssertionError("the wire never went quiet");
      }
      while (!wire.isEmpty()) {
        pending.add(wire.poll());
      }
      if (pending.isEmpty()) {
        continue;
      }
      Sent s = pending.remove(random.nextInt(Math.min(pending.size(), 4)));
      (s.destination().equals(SERVER) ? server : client).receive(s.source(), s.destination(), s.segment());
      if (random.nextInt(20) == 0) {
        wire.addAll(pending);
        pending.clear();
        advance(Duration.ofMillis(10));
      }
    }
  }

  /** Lets time pass, firing timers as they fall due and delivering what they send. */
  void advance(Duration d) {
    long end = now + d.toNanos();
    while (true) {
      var c = clientTimers.takeDue(end);
      var s = serverTimers.takeDue(end);
      if (c.isEmpty() && s.isEmpty()) {
        break;
      }
      boolean clientFirst = s.isEmpty() || (c.isPresent() && c.get().getValue() <= s.get().getValue());
      if (clientFirst) {
        s.ifPresent(e -> serverTimers.schedule(e.getKey(), Duration.ofNanos(e.getValue() - now)));
        now = Math.max(now, c.get().getValue());
        client.onTimer(c.get().getKey());
      } else {
        c.ifPresent(e -> clientTimers.schedule(e.getKey(), Duration.ofNanos(e.getValue() - now)));
        now = Math.max(now, s.get().getValue());
        server.onTimer(s.get().getKey());
      }
      deliver();
    }
    now = end;
  }

  List<Sent> from(Ipv4Address source) {
    return log.stream().filter(s -> s.source().equals(source)).toList();
  }
}
