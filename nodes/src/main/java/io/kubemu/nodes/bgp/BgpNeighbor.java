package io.kubemu.nodes.bgp;

import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.BgpError;
import io.kubemu.protocols.bgp.BgpFramer;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpNotification;
import io.kubemu.protocols.bgp.BgpOpen;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.PathAttribute;
import io.kubemu.protocols.bgp.session.BgpSession;
import io.kubemu.protocols.bgp.session.SessionAction;
import io.kubemu.protocols.bgp.session.SessionConfig;
import io.kubemu.protocols.bgp.session.SessionState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One configured neighbour: its session's state machine, the connection under it, and what this
 * speaker advertised to it (the Adj-RIB-Out). It turns bytes into messages and session actions into
 * work for its speaker; a malformed message gets the NOTIFICATION RFC 4271 prescribes and a reset,
 * and after any reset the session rests for {@link #IDLE_HOLD} before it starts again.
 */
final class BgpNeighbor {
  /** BIRD's {@code error wait time} floor in Calico's template: how long a reset session stays Idle. */
  static final Duration IDLE_HOLD = Duration.ofSeconds(5);

  /** What the neighbour needs from its speaker. */
  interface Speaker {
    /** Opens the connection for an active neighbour; it later calls {@link #attach} or {@link #connectFailed}. */
    void connect(BgpNeighbor n);

    void established(BgpNeighbor n);

    void down(BgpNeighbor n, String reason);

    void update(BgpNeighbor n, BgpUpdate update);
  }

  final PeerSpec spec;
  private final BgpSession session;
  private final Speaker speaker;
  private final LongSupplier clock;
  /** Prefix to the attributes last advertised with it, for the exports to send only changes. */
  final Map<Ipv4Cidr, List<PathAttribute>> advertised = new HashMap<>();
  private BgpTransport transport;
  private BgpFramer framer;
  private BgpOpen peerOpen;
  private long since;
  /** What the paths learned over this session carry of it: one for the session, where one per UPDATE was 40 bytes a path. */
  private BgpPath.Source source;
  private long restartAt = Long.MAX_VALUE;
  private String lastError = "";
  private long received;
  private long sent;
  private boolean removed;
  /** The state when the last actions were applied: the session's methods change it before their actions come. */
  private SessionState lastState = SessionState.IDLE;

  BgpNeighbor(PeerSpec spec, SessionConfig config, Speaker speaker, LongSupplier clock) {
    this.spec = spec;
    this.session = new BgpSession(config, clock);
    this.speaker = speaker;
    this.clock = clock;
    this.since = clock.getAsLong();
  }

  SessionState state() {
    return session.state();
  }

  boolean established() {
    return session.state() == SessionState.ESTABLISHED;
  }

  boolean fourOctetAs() {
    return session.fourOctetAs();
  }

  BgpOpen peerOpen() {
    return peerOpen;
  }

  long since() {
    return since;
  }

  /** The source of the paths this session brings, for a speaker of AS {@code localAsn}; only while established. */
  BgpPath.Source source(long localAsn) {
    BgpPath.Source s = source;
    boolean ibgp = spec.asn() == localAsn;
    if (s == null || s.sinceMillis() != since || s.ibgp() != ibgp || !s.routerId().equals(peerOpen.bgpIdentifier())) {
      s = new BgpPath.Source(spec.name(), peerOpen.bgpIdentifier(), spec.address(), ibgp, spec.rrClient(), since);
      source = s;
    }
    return s;
  }

  String lastError() {
    return lastError;
  }

  long messagesReceived() {
    return received;
  }

  long messagesSent() {
    return sent;
  }

  Duration holdTime() {
    return session.holdTime();
  }

  void start() {
    apply(session.start());
  }

  /** Stops for good (the neighbour was configured away): a Cease to the peer, and no restart. */
  void remove() {
    removed = true;
    apply(session.stop());
  }

  /**
   * A connection is up for this neighbour: the one it opened, or one the peer opened to a passive
   * neighbour. False when it already has one past the handshake (the caller closes the new one).
   */
  boolean attach(BgpTransport t) {
    if (transport == t) {
      return true; // an accepted connection is attached when accepted, and hears onConnected after
    }
    if (removed || transport != null) {
      return false;
    }
    if (session.state() == SessionState.IDLE) {
      session.start(); // a passive neighbour wakes when the peer connects; its Connect is not acted on
    }
    transport = t;
    framer = new BgpFramer();
    apply(session.connected());
    return true;
  }

  /** The connection failed to open, or closed (the peer's FIN or RST, or a timeout). */
  void connectFailed(BgpTransport t, String error) {
    if (t != transport) {
      return;
    }
    transport = null;
    framer = null;
    if (error != null) {
      lastError = error;
    }
    apply(session.connectFailed());
  }

  void data(BgpTransport t, byte[] bytes) {
    if (t != transport || framer == null) {
      return;
    }
    try {
      for (byte[] m : framer.feed(bytes)) {
        received++;
        BgpMessage message = DecodedUpdates.decode(m, session.fourOctetAs());
        if (message instanceof BgpOpen open) {
          peerOpen = open;
        }
        if (message instanceof BgpNotification n) {
          lastError = "Received: " + n;
        }
        apply(session.received(message));
        if (message instanceof BgpUpdate u && established()) {
          speaker.update(this, u);
        }
        if (transport != t) {
          return; // the session reset on this message: what follows it is not read
        }
      }
    } catch (BgpError e) {
      lastError = "Sent: " + e.notification();
      apply(session.receivedMalformed(e));
    } catch (RuntimeException e) {
      // A message this speaker failed on (a bug, never the peer's right): the session resets with a
      // Cease, as BIRD's does on an internal error, and the node agent goes on.
      lastError = "Internal error: " + e;
      apply(session.stop()); // Idle, and started again after IDLE_HOLD
    }
  }

  /** Lets timers fire: hold, keepalive, connect retry; and restarts a session that rested long enough. */
  void poll(long now) {
    if (session.nextDeadline().isPresent() && session.nextDeadline().getAsLong() <= now) {
      apply(session.poll());
    }
    if (!removed && session.state() == SessionState.IDLE && restartAt <= now) {
      restartAt = Long.MAX_VALUE;
      start();
    }
  }

  /** Sends a message on the established session; a connection that cannot take it resets the session. */
  void send(BgpMessage message) {
    send(List.of(message));
  }

  /** Sends messages in one write, as BIRD fills its socket buffer: TCP carries several per segment. */
  void send(List<? extends BgpMessage> messages) {
    if (transport == null || messages.isEmpty()) {
      return;
    }
    sendEncoded(messages.stream().map(BgpMessage::toBytes).toList());
  }

  private void write(int count, byte[] bytes) {
    sent += count;
    if (!transport.write(bytes)) {
      lastError = "Socket: send buffer full";
      BgpTransport t = transport;
      connectFailed(t, null);
      t.close();
    }
  }

  /** Sends messages encoded already (by the exports, once for every neighbour they go to) in one write. */
  void sendEncoded(List<byte[]> messages) {
    if (transport == null || messages.isEmpty()) {
      return;
    }
    int length = 0;
    for (byte[] m : messages) {
      length += m.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] m : messages) {
      System.arraycopy(m, 0, out, at, m.length);
      at += m.length;
    }
    write(messages.size(), out);
  }

  private void apply(List<SessionAction> actions) {
    SessionState before = lastState;
    for (SessionAction a : actions) {
      if (a instanceof SessionAction.Connect) {
        if (!spec.passive() && transport == null) {
          speaker.connect(this);
        }
      } else if (a instanceof SessionAction.Send s) {
        send(s.message());
      } else if (a instanceof SessionAction.Disconnect) {
        BgpTransport t = transport;
        transport = null;
        framer = null;
        if (t != null) {
          t.close();
        }
      } else if (a instanceof SessionAction.Established) {
        since = clock.getAsLong();
        speaker.established(this);
      } else if (a instanceof SessionAction.Down d) {
        since = clock.getAsLong();
        lastError = d.reason();
        advertised.clear();
        speaker.down(this, d.reason());
      }
    }
    lastState = session.state();
    if (session.state() != before) {
      if (session.state() != SessionState.ESTABLISHED && before != SessionState.ESTABLISHED) {
        since = clock.getAsLong();
      }
      if (session.state() == SessionState.IDLE && !removed) {
        restartAt = clock.getAsLong() + IDLE_HOLD.toMillis();
      }
    }
  }
}
