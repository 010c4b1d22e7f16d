package io.kubemu.nodes.tcp;

import static io.kubemu.protocols.tcp.TcpSegment.ACK;
import static io.kubemu.protocols.tcp.TcpSegment.FIN;
import static io.kubemu.protocols.tcp.TcpSegment.RST;
import static io.kubemu.protocols.tcp.TcpSegment.SYN;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.tcp.TcpSegment;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A network namespace's TCP: listening sockets, the connection table, ephemeral ports, and
 * RST for segments nobody owns (RFC 9293 3.10.7.1). Segments that connections emit are queued
 * and sent when the outermost call returns, so a connection to the pod's own address (which
 * loops back at once) never re-enters a connection half way through its work. Single-threaded:
 * its owner (the pod) calls it from one thread.
 */
public final class TcpEndpoints {
  /** Where segments leave: the IP layer, which answers an errno text when the packet cannot go. */
  public interface Output {
    String send(Ipv4Address source, Ipv4Address destination, byte[] segment);
  }

  /** A listening socket; closing it resets the connections it has not accepted yet. */
  public final class Listener {
    private final int port;
    private final int backlog;
    private final TcpAcceptor acceptor;
    private int halfOpen;
    private boolean closed;

    private Listener(int port, int backlog, TcpAcceptor acceptor) {
      this.port = port;
      this.backlog = backlog;
      this.acceptor = acceptor;
    }

    public int port() {
      return port;
    }

    public void close() {
      run(() -> {
        if (!closed) {
          closed = true;
          listeners.remove(port, this);
          for (TcpConnection c : List.copyOf(connections.values())) {
            if (c.listener() == this) {
              emit(c, c.sender.max(), c.rcvNxt(), RST | ACK, NONE, NONE);
              c.destroy(null, false);
            }
          }
        }
        return true;
      });
    }
  }

  private record Outgoing(Ipv4Address source, Ipv4Address destination, byte[] bytes, TcpConnection opening) {}

  private static final byte[] NONE = new byte[0];
  private static final int EPHEMERAL_LOW = 32768;
  private static final int EPHEMERAL_HIGH = 60999;

  private final TcpConfig config;
  private final Output out;
  private final TcpTimer.Scheduler timers;
  private final UnaryOperator<Ipv4Address> sourceFor;
  private final int localMss;
  private final LongSupplier nanos;
  private final IntSupplier isn;
  private final Map<ConnectionKey, TcpConnection> connections = new HashMap<>();
  private final Map<Long, TcpConnection> byId = new HashMap<>();
  private final Map<Integer, Listener> listeners = new HashMap<>();
  private final Set<Long> timeWait = new LinkedHashSet<>();
  private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
  private final TcpStats stats = new TcpStats();
  private long nextId = 1;
  private int nextEphemeral = EPHEMERAL_LOW;
  private int depth;

  /**
   * @param sourceFor the source address for a destination (the pod's IP, or the destination itself on loopback)
   * @param localMss the MSS this end announces: the interface MTU less 40 bytes of headers
   */
  public TcpEndpoints(TcpConfig config, Output out, TcpTimer.Scheduler timers, UnaryOperator<Ipv4Address> sourceFor,
      int localMss, LongSupplier nanos, IntSupplier isn) {
    this.config = config;
    this.out = out;
    this.timers = timers;
    this.sourceFor = sourceFor;
    this.localMss = localMss;
    this.nanos = nanos;
    this.isn = isn;
  }

  /** listen(2); null when the port is taken. The backlog bounds connections not yet established. */
  public Listener listen(int port, int backlog, TcpAcceptor acceptor) {
    if (listeners.containsKey(port)) {
      return null;
    }
    Listener l = new Listener(port, Math.max(1, Math.min(backlog, config.maxBacklog())), acceptor);
    listeners.put(port, l);
    return l;
  }

  /** connect(2): a socket in SYN-SENT; a failure may reach {@code handler} before this returns. */
  public TcpSocket connect(Ipv4Address destination, int port, TcpHandler handler) {
    Ipv4Address source = sourceFor.apply(destination);
    TcpConnection[] made = new TcpConnection[1];
    run(() -> {
      int local = ephemeralPort(source, destination, port);
      TcpConnection c = new TcpConnection(this, nextId++, new ConnectionKey(source, Math.max(local, 0), destination, port),
          isn.getAsInt(), handler);
      made[0] = c;
      if (local < 0 || connections.size() >= config.maxConnections()) {
        c.destroy("Cannot assign requested address", true);
        return false;
      }
      connections.put(c.key, c);
      byId.put(c.id, c);
      stats.activeOpens++;
      c.start();
      return true;
    });
    return made[0];
  }

  private int ephemeralPort(Ipv4Address source, Ipv4Address destination, int port) {
    for (int i = 0; i <= EPHEMERAL_HIGH - EPHEMERAL_LOW; i++) {
      int candidate = nextEphemeral;
      nextEphemeral = nextEphemeral == EPHEMERAL_HIGH ? EPHEMERAL_LOW : nextEphemeral + 1;
      if (!listeners.containsKey(candidate)
          && !connections.containsKey(new ConnectionKey(source, candidate, destination, port))) {
        return candidate;
      }
    }
    return -1;
  }

  /** A segment addressed to this namespace, its checksum already verified. */
  public void receive(Ipv4Address source, Ipv4Address destination, TcpSegment seg) {
    run(() -> {
      ConnectionKey key = new ConnectionKey(destination, seg.destinationPort(), source, seg.sourcePort());
      TcpConnection c = connections.get(key);
      Listener l = listeners.get(seg.destinationPort());
      if (c != null) {
        c.receive(seg);
      } else if (l != null) {
        receiveInListen(l, key, seg);
      } else {
        reset(key, seg);
      }
      return true;
    });
  }

  /** RFC 9293 3.10.7.2: only a SYN opens a connection; an ACK is answered with RST. */
  private void receiveInListen(Listener l, ConnectionKey key, TcpSegment seg) {
    if ((seg.flags() & RST) != 0) {
      return;
    }
    if ((seg.flags() & ACK) != 0) {
      reset(key, seg);
      return;
    }
    if ((seg.flags() & SYN) == 0) {
      return;
    }
    if (l.halfOpen >= l.backlog || connections.size() >= config.maxConnections()) {
      stats.listenDrops++;
      return;
    }
    l.halfOpen++;
    stats.passiveOpens++;
    TcpConnection c = new TcpConnection(this, nextId++, key, isn.getAsInt(), seg, l);
    connections.put(key, c);
    byId.put(c.id, c);
  }

  /** The reset a closed port answers with (RFC 9293 3.10.7.1); never for a reset. */
  private void reset(ConnectionKey key, TcpSegment seg) {
    if ((seg.flags() & RST) != 0) {
      return;
    }
    stats.resetsSent++;
    if ((seg.flags() & ACK) != 0) {
      queue(key, (int) seg.acknowledgment(), 0, RST, NONE, NONE, null);
    } else {
      int length = seg.payload().length + ((seg.flags() & SYN) != 0 ? 1 : 0) + ((seg.flags() & FIN) != 0 ? 1 : 0);
      queue(key, 0, (int) seg.sequence() + length, RST | ACK, NONE, NONE, null);
    }
  }

  /** An ICMP error quoting a segment this namespace sent from {@code local} to {@code remote}. */
  public void icmpError(Ipv4Address local, int localPort, Ipv4Address remote, int remotePort, String error) {
    run(() -> {
      TcpConnection c = connections.get(new ConnectionKey(local, localPort, remote, remotePort));
      if (c != null) {
        c.icmpError(error);
      }
      return true;
    });
  }

  /** A timer this namespace scheduled has fired. */
  public void onTimer(TcpTimer timer) {
    run(() -> {
      TcpConnection c = byId.get(timer.connection());
      if (c != null) {
        c.timer(timer.kind());
      }
      return true;
    });
  }

  public TcpStats stats() {
    return stats;
  }

  /** Every socket, listeners first, as {@code ss -tan} lists them. */
  public String show() {
    StringBuilder b = new StringBuilder(String.format("%-11s%-7s%-7s%-22s%s%n", "State", "Recv-Q", "Send-Q",
        "Local Address:Port", "Peer Address:Port"));
    listeners.keySet().stream().sorted().forEach(p -> b.append(String.format("%-11s%-7d%-7d%-22s%s%n",
        TcpState.LISTEN.ss(), 0, listeners.get(p).backlog, "0.0.0.0:" + p, "0.0.0.0:*")));
    connections.values().stream().sorted((x, y) -> Long.compare(x.id, y.id)).forEach(c ->
        b.append(String.format("%-11s%-7d%-7d%-22s%s%n", c.state().ss(), 0, c.unacknowledged(),
            c.localAddress() + ":" + c.localPort(), c.remoteAddress() + ":" + c.remotePort())));
    return b.toString();
  }

  public int connectionCount() {
    return connections.size();
  }

  // --- what connections call ---

  TcpConfig config() {
    return config;
  }

  int localMss() {
    return localMss;
  }

  long nanos() {
    return nanos.getAsLong();
  }

  /** Runs a call of a program or of the network; the segments it emits leave once the outermost call ends. */
  boolean run(BooleanSupplier work) {
    depth++;
    try {
      return work.getAsBoolean();
    } finally {
      if (--depth == 0) {
        flush();
      }
    }
  }

  private void flush() {
    depth++;
    try {
      Outgoing o;
      while ((o = outbox.poll()) != null) {
        String problem = out.send(o.source(), o.destination(), o.bytes());
        if (problem != null && o.opening() != null) {
          o.opening().unsendable(problem);
        }
      }
    } finally {
      depth--;
    }
  }

  void emit(TcpConnection c, int seq, int ack, int flags, byte[] options, byte[] payload) {
    if ((flags & ACK) != 0) {
      c.acked(ack);
    }
    if ((flags & RST) != 0) {
      stats.resetsSent++;
    }
    boolean opening = (flags & SYN) != 0 && (flags & ACK) == 0;
    queue(c.key, seq, ack, flags, options, payload, opening ? c : null);
  }

  private void queue(ConnectionKey key, int seq, int ack, int flags, byte[] options, byte[] payload, TcpConnection opening) {
    TcpSegment seg = TcpSegment.of(key.localAddress(), key.remoteAddress(), key.localPort(), key.remotePort(),
        Seq.unsigned(seq), Seq.unsigned(ack), flags, (flags & RST) != 0 && (flags & ACK) == 0 ? 0 : config.receiveWindow(),
        options, payload);
    outbox.add(new Outgoing(key.localAddress(), key.remoteAddress(), seg.toBytes(), opening));
    stats.segmentsSent++;
  }

  void schedule(TcpTimer timer, Duration delay) {
    timers.schedule(timer, delay);
  }

  void cancel(TcpTimer timer) {
    timers.cancel(timer);
  }

  void retransmitted() {
    stats.retransmits++;
  }

  void droppedOutOfOrder() {
    stats.outOfOrderDrops++;
  }

  /** TIME-WAIT, or FIN-WAIT-2 of a closed socket, for {@code delay}; past the TIME-WAIT bound the connection goes at once. */
  void linger(TcpConnection c, Duration delay) {
    if (c.state() == TcpState.TIME_WAIT && timeWait.add(c.id) && timeWait.size() > config.maxTimeWait()) {
      stats.timeWaitOverflows++; // Linux: "time wait bucket table overflow"
      c.destroy(null, false);
      return;
    }
    timers.schedule(new TcpTimer(c.id, TcpTimer.Kind.LINGER), delay);
  }

  void accepted(TcpConnection c, Listener l) {
    l.halfOpen--;
    TcpHandler handler = l.closed ? null : l.acceptor.accept(c);
    if (handler == null) {
      emit(c, c.sender.max(), c.rcvNxt(), RST | ACK, NONE, NONE); // closed, or the program refused it
      c.destroy(null, false);
      return;
    }
    c.handler(handler);
    if (c.state() != TcpState.CLOSED) {
      handler.onConnected(c);
    }
  }

  void removed(TcpConnection c) {
    connections.remove(c.key, c);
    byId.remove(c.id);
    timeWait.remove(c.id);
    timers.cancel(new TcpTimer(c.id, TcpTimer.Kind.LINGER));
    if (c.listening()) {
      c.listener().halfOpen--;
    }
  }

  /** The open connections, for tests and {@code ss}. */
  List<TcpSocket> sockets() {
    return new ArrayList<>(connections.values());
  }
}
