package io.kubemu.protocols.bgp.session;

import static io.kubemu.protocols.bgp.session.SessionState.ACTIVE;
import static io.kubemu.protocols.bgp.session.SessionState.CONNECT;
import static io.kubemu.protocols.bgp.session.SessionState.ESTABLISHED;
import static io.kubemu.protocols.bgp.session.SessionState.IDLE;
import static io.kubemu.protocols.bgp.session.SessionState.OPEN_CONFIRM;
import static io.kubemu.protocols.bgp.session.SessionState.OPEN_SENT;

import io.kubemu.protocols.bgp.BgpError;
import io.kubemu.protocols.bgp.BgpKeepalive;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpNotification;
import io.kubemu.protocols.bgp.BgpOpen;
import io.kubemu.protocols.bgp.Capability;
import io.kubemu.protocols.bgp.NotificationCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The session state machine of RFC 4271 section 8, as plain code: events go in, {@link SessionAction}s
 * come out, and the clock is a {@code LongSupplier} of milliseconds, so a test drives every timer by
 * hand. The driver (an actor) calls {@link #poll} at {@link #nextDeadline} to let timers fire.
 * Connection collisions (8.2.1.3) and the optional session attributes are left out: a driver keeps one
 * connection per peer. After an error the session rests in Idle until the driver calls {@link #start}.
 */
public final class BgpSession {
  /** The hold timer while waiting for the peer's OPEN: "a large value", suggested 4 minutes (8.2.2). */
  static final Duration OPEN_HOLD_TIME = Duration.ofMinutes(4);
  private static final long STOPPED = Long.MIN_VALUE;

  private final SessionConfig config;
  private final LongSupplier clockMillis;
  private SessionState state = IDLE;
  private long connectRetryAt = STOPPED;
  private long holdAt = STOPPED;
  private long keepaliveAt = STOPPED;
  private Duration holdTime = Duration.ZERO;
  private Duration keepalive = Duration.ZERO;
  private BgpOpen peerOpen;
  /** Whether {@link #peerOpen} announced 4-octet AS numbers, kept: every UPDATE is decoded with it. */
  private boolean peerFourOctetAs;

  public BgpSession(SessionConfig config, LongSupplier clockMillis) {
    this.config = config;
    this.clockMillis = clockMillis;
  }

  public SessionState state() {
    return state;
  }

  /** Whether AS numbers in AS_PATH take four octets: both OPENs announced the capability (RFC 6793). */
  public boolean fourOctetAs() {
    return peerOpen != null && peerFourOctetAs;
  }

  /** The negotiated hold time (the smaller of the two offered); zero before OpenConfirm or when disabled. */
  public Duration holdTime() {
    return holdTime;
  }

  public Duration keepaliveInterval() {
    return keepalive;
  }

  /** The OPEN this side sends: its AS (AS_TRANS when it needs 4 octets), IPv4 unicast, route refresh, 4-octet AS. */
  public BgpOpen localOpen() {
    return BgpOpen.of(config.localAsn(), (int) config.holdTime().toSeconds(), config.routerId(), List.of(
        Capability.Multiprotocol.IPV4_UNICAST, new Capability.RouteRefresh(), new Capability.FourOctetAs(config.localAsn())));
  }

  /** When {@link #poll} next has a timer to fire, in the clock's milliseconds; empty when no timer runs. */
  public OptionalLong nextDeadline() {
    long next = Long.MAX_VALUE;
    for (long at : new long[] {connectRetryAt, holdAt, keepaliveAt}) {
      if (at != STOPPED) {
        next = Math.min(next, at);
      }
    }
    return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
  }

  /** ManualStart (event 1): from Idle, try to connect; elsewhere nothing changes. */
  public List<SessionAction> start() {
    List<SessionAction> out = new ArrayList<>();
    if (state == IDLE) {
      state = CONNECT;
      connectRetryAt = clockMillis.getAsLong() + config.connectRetry().toMillis();
      out.add(new SessionAction.Connect());
    }
    return out;
  }

  /** ManualStop (event 2): Cease / Administrative Shutdown to a peer that has our OPEN, then Idle. */
  public List<SessionAction> stop() {
    List<SessionAction> out = new ArrayList<>();
    if (state == OPEN_SENT || state == OPEN_CONFIRM || state == ESTABLISHED) {
      out.add(new SessionAction.Send(new BgpNotification(NotificationCodes.CEASE, NotificationCodes.ADMINISTRATIVE_SHUTDOWN)));
    }
    return toIdle(out, "stopped");
  }

  /** The TCP connection is up, whichever side opened it (events 16 and 17): send OPEN. */
  public List<SessionAction> connected() {
    List<SessionAction> out = new ArrayList<>();
    if (state != CONNECT && state != ACTIVE) {
      return fsmError(out, "TCP connection in " + state);
    }
    connectRetryAt = STOPPED;
    out.add(new SessionAction.Send(localOpen()));
    holdAt = clockMillis.getAsLong() + OPEN_HOLD_TIME.toMillis();
    state = OPEN_SENT;
    return out;
  }

  /** The TCP connection failed or closed (event 18). */
  public List<SessionAction> connectFailed() {
    List<SessionAction> out = new ArrayList<>();
    if (state == CONNECT || state == OPEN_SENT) {
      clearTimers();
      peerOpen = null;
      state = ACTIVE;
      connectRetryAt = clockMillis.getAsLong() + config.connectRetry().toMillis();
      return out;
    }
    return toIdle(out, "connection closed");
  }

  /** Bytes from the peer did not decode: send the NOTIFICATION the decoder chose and drop the session. */
  public List<SessionAction> receivedMalformed(BgpError error) {
    List<SessionAction> out = new ArrayList<>();
    out.add(new SessionAction.Send(error.notification()));
    return toIdle(out, "sent " + error.notification());
  }

  /** A message from the peer, decoded with {@link #fourOctetAs}. */
  public List<SessionAction> received(BgpMessage message) {
    List<SessionAction> out = new ArrayList<>();
    if (message instanceof BgpNotification n) {
      return toIdle(out, "received " + n);
    }
    switch (state) {
      case OPEN_SENT:
        return message instanceof BgpOpen open ? onOpen(open, out) : fsmError(out, "expected OPEN, got " + message);
      case OPEN_CONFIRM:
        if (!(message instanceof BgpKeepalive)) {
          return fsmError(out, "expected KEEPALIVE, got " + message);
        }
        state = ESTABLISHED;
        restartHoldTimer();
        out.add(new SessionAction.Established(peerOpen, holdTime, fourOctetAs()));
        return out;
      case ESTABLISHED:
        if (message instanceof BgpOpen) {
          return fsmError(out, "OPEN in Established");
        }
        restartHoldTimer();
        return out;
      default:
        return fsmError(out, "message in " + state);
    }
  }

  private List<SessionAction> onOpen(BgpOpen open, List<SessionAction> out) {
    try {
      open.checkPeerAs(config.peerAsn());
    } catch (BgpError e) {
      return receivedMalformed(e);
    }
    peerOpen = open;
    peerFourOctetAs = open.fourOctetAs().isPresent();
    holdTime = config.holdTime().compareTo(Duration.ofSeconds(open.holdTime())) <= 0
        ? config.holdTime() : Duration.ofSeconds(open.holdTime());
    Duration third = holdTime.dividedBy(3);
    keepalive = config.keepalive().compareTo(third) <= 0 ? config.keepalive() : third;
    out.add(new SessionAction.Send(BgpKeepalive.INSTANCE));
    state = OPEN_CONFIRM;
    restartHoldTimer();
    restartKeepaliveTimer();
    return out;
  }

  /** Fires every timer that is due: hold (event 10), keepalive (event 11), connect retry (event 9). */
  public List<SessionAction> poll() {
    List<SessionAction> out = new ArrayList<>();
    long now = clockMillis.getAsLong();
    if (holdAt != STOPPED && holdAt <= now) {
      out.add(new SessionAction.Send(new BgpNotification(NotificationCodes.HOLD_TIMER_EXPIRED, 0)));
      return toIdle(out, "hold timer expired");
    }
    if (keepaliveAt != STOPPED && keepaliveAt <= now) {
      out.add(new SessionAction.Send(BgpKeepalive.INSTANCE));
      restartKeepaliveTimer();
    }
    if (connectRetryAt != STOPPED && connectRetryAt <= now) {
      if (state == CONNECT) {
        out.add(new SessionAction.Disconnect());
      }
      state = CONNECT;
      connectRetryAt = now + config.connectRetry().toMillis();
      out.add(new SessionAction.Connect());
    }
    return out;
  }

  /**
   * An event the state does not expect: Finite State Machine Error, with the RFC 6608 subcode of the
   * state when the peer has our OPEN; before that there is no session to notify.
   */
  private List<SessionAction> fsmError(List<SessionAction> out, String reason) {
    int subcode = state == OPEN_SENT ? 1 : state == OPEN_CONFIRM ? 2 : state == ESTABLISHED ? 3 : -1;
    if (subcode > 0) {
      out.add(new SessionAction.Send(new BgpNotification(NotificationCodes.FSM_ERROR, subcode)));
    }
    return toIdle(out, reason);
  }

  private List<SessionAction> toIdle(List<SessionAction> out, String reason) {
    if (state != IDLE) {
      out.add(new SessionAction.Disconnect());
    }
    if (state == ESTABLISHED) {
      out.add(new SessionAction.Down(reason));
    }
    state = IDLE;
    clearTimers();
    peerOpen = null;
    holdTime = Duration.ZERO;
    keepalive = Duration.ZERO;
    return out;
  }

  private void clearTimers() {
    connectRetryAt = STOPPED;
    holdAt = STOPPED;
    keepaliveAt = STOPPED;
  }

  /** A negotiated hold time of zero runs neither the hold nor the keepalive timer (RFC 4271 4.2). */
  private void restartHoldTimer() {
    holdAt = holdTime.isZero() ? STOPPED : clockMillis.getAsLong() + holdTime.toMillis();
  }

  private void restartKeepaliveTimer() {
    keepaliveAt = holdTime.isZero() ? STOPPED : clockMillis.getAsLong() + keepalive.toMillis();
  }
}
