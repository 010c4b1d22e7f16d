package io.kubemu.emulator.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.AsPath;
import io.kubemu.protocols.bgp.BgpKeepalive;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpNotification;
import io.kubemu.protocols.bgp.BgpOpen;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.Capability;
import io.kubemu.protocols.bgp.PathAttribute;
import io.kubemu.protocols.bgp.session.SessionConfig;
import io.kubemu.protocols.bgp.session.SessionState;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that misbehaves gets the NOTIFICATION that RFC 4271 section 6 names, and then the
 * connection closes: our session over a real loopback socket, against a {@link FakePeer}.
 */
class MisbehavingPeerIT {
  private static final long PEER_AS = 65000;
  private static final String MARKER = "ffffffffffffffffffffffffffffffff";
  private FakePeer peer;
  private SocketSpeaker node;

  @BeforeEach
  void connect() throws Exception {
    peer = FakePeer.listening();
    node = new SocketSpeaker(SessionConfig.of(64512, PEER_AS, Ipv4Address.parse("172.18.0.2")), peer.address(), "127.0.0.2");
    node.start();
    peer.accept();
    assertInstanceOf(BgpOpen.class, peer.read());
  }

  @AfterEach
  void close() throws Exception {
    node.close();
    peer.close();
  }

  private static BgpOpen open(long asn, int holdTime) {
    return BgpOpen.of(asn, holdTime, Ipv4Address.parse("10.255.0.1"), List.of(new Capability.FourOctetAs(asn)));
  }

  /** What the node sends until it closes the connection ends with {@code expected}; the session rests in Idle. */
  private void answeredWith(BgpNotification expected) throws Exception {
    List<BgpMessage> rest = peer.readUntilClosed();
    assertEquals(expected, rest.get(rest.size() - 1), "the node sent " + rest);
    node.await("Idle", Duration.ofSeconds(5), () -> Optional.of(true).filter(x -> node.state() == SessionState.IDLE));
  }

  private void establish(int holdTime) throws Exception {
    peer.send(open(PEER_AS, holdTime));
    assertEquals(BgpKeepalive.INSTANCE, peer.read());
    peer.send(BgpKeepalive.INSTANCE);
    node.await("Established", Duration.ofSeconds(5), () -> Optional.of(true).filter(x -> node.state() == SessionState.ESTABLISHED));
  }

  @Test
  void garbageGetsConnectionNotSynchronized() throws Exception {
    byte[] garbage = new byte[64];
    new Random(4271).nextBytes(garbage);
    garbage[0] = 0x17;
    peer.write(garbage);
    answeredWith(new BgpNotification(1, 1));
  }

  @Test
  void aBadMarkerGetsConnectionNotSynchronized() throws Exception {
    peer.write(HexFormat.of().parseHex("ffffffffffffffffffffffffffff00ff" + "0013" + "04")); // byte 14 of the marker is 0
    answeredWith(new BgpNotification(1, 1));
  }

  @Test
  void aLengthBeyond4096GetsBadMessageLengthWithTheLength() throws Exception {
    peer.write(HexFormat.of().parseHex(MARKER + "1388" + "02")); // 5000
    answeredWith(new BgpNotification(1, 2, new byte[] {0x13, (byte) 0x88}));
  }

  @Test
  void anUnknownTypeGetsBadMessageType() throws Exception {
    peer.write(HexFormat.of().parseHex(MARKER + "0013" + "09"));
    answeredWith(new BgpNotification(1, 3, new byte[] {9}));
  }

  @Test
  void holdTimeOneGetsUnacceptableHoldTime() throws Exception {
    peer.send(open(PEER_AS, 1));
    answeredWith(new BgpNotification(2, 6));
  }

  @Test
  void anotherAsGetsBadPeerAs() throws Exception {
    peer.send(open(65001, 90));
    answeredWith(new BgpNotification(2, 2, new byte[] {(byte) 0xfd, (byte) 0xe9}));
  }

  @Test
  void anUpdateBeforeTheKeepaliveGetsFsmErrorInOpenConfirm() throws Exception {
    peer.send(open(PEER_AS, 90));
    assertEquals(BgpKeepalive.INSTANCE, peer.read());
    peer.send(BgpUpdate.withdraw(List.of()));
    answeredWith(new BgpNotification(5, 2));
  }

  @Test
  void anUpdateWithoutNextHopGetsMissingWellKnownAttribute() throws Exception {
    establish(90);
    peer.send(new BgpUpdate(List.of(), List.of(PathAttribute.Origin.IGP, AsPath.sequence(true, PEER_AS)),
        List.of(Ipv4Cidr.parse("203.0.113.0/24"))));
    answeredWith(new BgpNotification(3, 3, new byte[] {PathAttribute.NEXT_HOP}));
  }

  @Test
  void aSilentPeerGetsHoldTimerExpired() throws Exception {
    establish(3);
    answeredWith(new BgpNotification(4, 0)); // after KEEPALIVEs of ours, about 3 s after the peer's last word
  }
}
