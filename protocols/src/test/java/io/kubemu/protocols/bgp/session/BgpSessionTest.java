package io.kubemu.protocols.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.bgp.BgpError;
import io.kubemu.protocols.bgp.BgpKeepalive;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpNotification;
import io.kubemu.protocols.bgp.BgpOpen;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.Capability;
import io.kubemu.protocols.wire.ByteReader;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The FSM under a clock moved by hand: no test waits for real time. */
class BgpSessionTest {
  private static final Ipv4Address W1 = Ipv4Address.parse("192.168.1.11");
  private static final Ipv4Address W2 = Ipv4Address.parse("192.168.1.12");
  private static final SessionAction SEND_KEEPALIVE = new SessionAction.Send(BgpKeepalive.INSTANCE);

  private long now = 1_000_000;
  private final BgpSession session = new BgpSession(SessionConfig.of(64512, 64512, W1), () -> now);

  private static BgpOpen peerOpen(long asn, int holdSeconds) {
    return BgpOpen.of(asn, holdSeconds, W2, List.of(new Capability.FourOctetAs(asn)));
  }

  private void advanceSeconds(long seconds) {
    now += seconds * 1000;
  }

  private void establish(int peerHoldSeconds) {
    assertEquals(List.of(new SessionAction.Connect()), session.start());
    assertEquals(List.of(new SessionAction.Send(session.localOpen())), session.connected());
    assertEquals(SessionState.OPEN_SENT, session.state());
    assertEquals(List.of(SEND_KEEPALIVE), session.received(peerOpen(64512, peerHoldSeconds)));
    assertEquals(SessionState.OPEN_CONFIRM, session.state());
    List<SessionAction> up = session.received(BgpKeepalive.INSTANCE);
    assertEquals(SessionState.ESTABLISHED, session.state());
    assertEquals(List.of(new SessionAction.Established(peerOpen(64512, peerHoldSeconds), session.holdTime(), true)), up);
  }

  @Test
  void localOpenOffersCalicosTimersAndCapabilities() {
    BgpOpen open = session.localOpen();
    assertEquals(90, open.holdTime());
    assertEquals(64512, open.asn());
    BgpOpen big = new BgpSession(SessionConfig.of(4200000001L, 64512, W1), () -> now).localOpen();
    assertEquals(BgpOpen.AS_TRANS, big.myAs());
    assertEquals(4200000001L, big.asn());
  }

  @Test
  void keepalivesEveryThirtySecondsAndHoldTimerResetByTraffic() {
    establish(90);
    assertEquals(Duration.ofSeconds(90), session.holdTime());
    assertEquals(Duration.ofSeconds(30), session.keepaliveInterval());
    advanceSeconds(29);
    assertEquals(List.of(), session.poll());
    advanceSeconds(1);
    assertEquals(List.of(SEND_KEEPALIVE), session.poll());
    advanceSeconds(59); // polled late: the keepalive due at 60 s goes now and the next is due 30 s later
    assertEquals(List.of(SEND_KEEPALIVE), session.poll());
    assertEquals(List.of(), session.received(BgpUpdate.withdraw(List.of()))); // traffic restarts the hold timer
    advanceSeconds(89);
    assertEquals(List.of(SEND_KEEPALIVE), session.poll());
    assertEquals(SessionState.ESTABLISHED, session.state());
    advanceSeconds(1);
    assertEquals(new SessionAction.Send(new BgpNotification(4, 0)), session.poll().get(0));
    assertEquals(SessionState.IDLE, session.state());
  }

  @Test
  void holdTimerExpiryNotifiesAndWithdrawsTheRoutes() {
    establish(90);
    advanceSeconds(30);
    session.poll();
    advanceSeconds(60);
    List<SessionAction> actions = session.poll();
    assertEquals(List.of(new SessionAction.Send(new BgpNotification(4, 0)), new SessionAction.Disconnect(),
        new SessionAction.Down("hold timer expired")), actions);
    assertEquals(SessionState.IDLE, session.state());
    assertEquals(OptionalLong.empty(), session.nextDeadline());
  }

  @Test
  void holdTimeIsTheSmallerOfferAndKeepaliveAThirdOfIt() {
    establish(9);
    assertEquals(Duration.ofSeconds(9), session.holdTime());
    assertEquals(Duration.ofSeconds(3), session.keepaliveInterval());
    assertEquals(OptionalLong.of(now + 3000), session.nextDeadline());
  }

  @Test
  void holdTimeZeroRunsNoTimers() {
    establish(0);
    assertEquals(Duration.ZERO, session.holdTime());
    assertEquals(OptionalLong.empty(), session.nextDeadline());
    advanceSeconds(100_000);
    assertEquals(List.of(), session.poll());
    assertEquals(SessionState.ESTABLISHED, session.state());
  }

  @Test
  void wrongPeerAsIsBadPeerAs() {
    session.start();
    session.connected();
    List<SessionAction> actions = session.received(peerOpen(64513, 90));
    assertEquals(new SessionAction.Send(new BgpNotification(2, 2, new byte[] {(byte) 0xfc, 0x01})), actions.get(0));
    assertEquals(new SessionAction.Disconnect(), actions.get(1));
    assertEquals(SessionState.IDLE, session.state());
  }

  @Test
  void malformedBytesSendTheDecodersNotification() {
    establish(90);
    byte[] badHold = BgpOpen.of(64512, 1, W2, List.of()).toBytes(); // hold time 1: encodable, but not acceptable
    BgpError error = assertThrows(BgpError.class, () -> BgpMessage.decode(new ByteReader(badHold), session.fourOctetAs()));
    List<SessionAction> actions = session.receivedMalformed(error);
    assertEquals(List.of(new SessionAction.Send(new BgpNotification(2, 6)), new SessionAction.Disconnect(),
        new SessionAction.Down("sent NOTIFICATION 2/6 OPEN Message Error / Unacceptable Hold Time")), actions);
  }

  @Test
  void unexpectedMessagesAreFsmErrorsWithTheStateSubcode() {
    session.start();
    session.connected();
    assertEquals(new SessionAction.Send(new BgpNotification(5, 1)), session.received(BgpKeepalive.INSTANCE).get(0));
    establish(90);
    assertEquals(new SessionAction.Send(new BgpNotification(5, 3)), session.received(peerOpen(64512, 90)).get(0));
    assertEquals(SessionState.IDLE, session.state());
  }

  @Test
  void connectRetryFromActiveAndOpenSentTimesOutAfterFourMinutes() {
    session.start();
    assertEquals(List.of(), session.connectFailed());
    assertEquals(SessionState.ACTIVE, session.state());
    advanceSeconds(120);
    assertEquals(List.of(new SessionAction.Connect()), session.poll());
    assertEquals(SessionState.CONNECT, session.state());
    session.connected();
    assertEquals(OptionalLong.of(now + BgpSession.OPEN_HOLD_TIME.toMillis()), session.nextDeadline());
    advanceSeconds(240);
    assertEquals(new SessionAction.Send(new BgpNotification(4, 0)), session.poll().get(0));
    assertEquals(SessionState.IDLE, session.state());
  }

  @Test
  void stopSendsCeaseAndNotificationFromPeerEndsTheSession() {
    establish(90);
    assertEquals(List.of(new SessionAction.Send(new BgpNotification(6, 2)), new SessionAction.Disconnect(),
        new SessionAction.Down("stopped")), session.stop());
    establish(90);
    List<SessionAction> actions = session.received(new BgpNotification(6, 4));
    assertEquals(new SessionAction.Disconnect(), actions.get(0));
    assertTrue(actions.get(1) instanceof SessionAction.Down);
    assertFalse(session.fourOctetAs());
  }
}
