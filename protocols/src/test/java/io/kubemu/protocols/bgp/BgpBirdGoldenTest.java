package io.kubemu.protocols.bgp;

import static io.kubemu.protocols.bgp.BgpGolden.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.wire.ByteReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Messages a real BIRD 2 sent our speaker (see {@link BgpGolden}): each decodes, and encodes back to the same bytes. */
class BgpBirdGoldenTest {
  private static final Ipv4Address BIRD_ID = Ipv4Address.parse("10.255.0.1");

  private static BgpMessage roundTrip(int type, String body, boolean fourOctetAs) {
    byte[] bytes = message(type, body);
    BgpMessage m = BgpMessage.decode(new ByteReader(bytes), fourOctetAs);
    assertArrayEquals(bytes, m.toBytes());
    return m;
  }

  @Test
  void birdsOpenNamesItsFourOctetAsAndKeepsTheCapabilitiesWeDoNotKnow() {
    BgpOpen open = (BgpOpen) roundTrip(BgpMessage.OPEN, BgpGolden.BIRD_OPEN_BODY, false);
    assertEquals(BgpOpen.AS_TRANS, open.myAs());
    assertEquals(4_200_000_001L, open.asn());
    assertEquals(90, open.holdTime());
    assertEquals(BIRD_ID, open.bgpIdentifier());
    assertEquals(List.of(Capability.Multiprotocol.IPV4_UNICAST, new Capability.RouteRefresh(),
        new Capability.Unknown(64, new byte[] {0x00, 0x78}), new Capability.FourOctetAs(4_200_000_001L),
        new Capability.Unknown(70, new byte[0]), new Capability.Unknown(71, new byte[0])), open.capabilities());
    open.checkPeerAs(4_200_000_001L);
  }

  @Test
  void birdsUpdateReadsOnlyWithTheNegotiatedFourOctetWidth() {
    BgpUpdate update = (BgpUpdate) roundTrip(BgpMessage.UPDATE, BgpGolden.BIRD_UPDATE_BODY, true);
    assertEquals(List.of(PathAttribute.Origin.IGP, AsPath.sequence(true, 4_200_000_001L),
        new PathAttribute.NextHop(Ipv4Address.parse("127.0.0.1"))), update.attributes());
    assertEquals(List.of(Ipv4Cidr.parse("203.0.113.0/24")), update.nlri());
    BgpError twoOctets = assertThrows(BgpError.class,
        () -> BgpMessage.decode(new ByteReader(message(BgpMessage.UPDATE, BgpGolden.BIRD_UPDATE_BODY)), false));
    assertEquals(new BgpNotification(3, 11), twoOctets.notification());
  }

  @Test
  void birdReflectsAPodBlockWithTheNodesNextHopOriginatorAndCluster() {
    BgpUpdate update = (BgpUpdate) roundTrip(BgpMessage.UPDATE, BgpGolden.BIRD_REFLECTED_BODY, true);
    Ipv4Address node = Ipv4Address.parse("172.18.0.2");
    assertEquals(List.of(PathAttribute.Origin.IGP, AsPath.empty(true), new PathAttribute.NextHop(node),
        new PathAttribute.LocalPref(100), new PathAttribute.OriginatorId(node), new PathAttribute.ClusterList(List.of(BIRD_ID))),
        update.attributes());
    assertEquals(List.of(Ipv4Cidr.parse("10.244.1.0/26")), update.nlri());
  }

  @Test
  void birdsWithdrawAndEndOfRib() {
    BgpUpdate withdraw = (BgpUpdate) roundTrip(BgpMessage.UPDATE, BgpGolden.BIRD_WITHDRAW_BODY, true);
    assertEquals(BgpUpdate.withdraw(List.of(Ipv4Cidr.parse("10.244.1.0/26"))), withdraw);
    assertEquals(BgpUpdate.withdraw(List.of()), roundTrip(BgpMessage.UPDATE, BgpGolden.BIRD_END_OF_RIB_BODY, true));
  }

  @Test
  void birdsShutdownCarriesACommunicationForTheOperator() {
    BgpNotification n = (BgpNotification) roundTrip(BgpMessage.NOTIFICATION, BgpGolden.BIRD_SHUTDOWN_BODY, true);
    assertEquals("Cease / Administrative Shutdown", n.describe());
    assertEquals(Optional.of("maintenance"), n.shutdownCommunication());
    assertEquals("NOTIFICATION 6/2 Cease / Administrative Shutdown: \"maintenance\"", n.toString());
    assertEquals(n, BgpNotification.shutdown("maintenance"));
  }

  @Test
  void aMalformedCommunicationIsOnlyData() {
    assertEquals(Optional.empty(), new BgpNotification(6, 2, new byte[] {5, 'a'}).shutdownCommunication()); // length
    assertEquals(Optional.empty(), new BgpNotification(6, 2, new byte[] {1, (byte) 0xff}).shutdownCommunication()); // UTF-8
    assertEquals(Optional.empty(), new BgpNotification(6, 3, new byte[] {1, 'a'}).shutdownCommunication()); // de-configured
    assertEquals(Optional.of(""), new BgpNotification(6, 4, new byte[] {0}).shutdownCommunication()); // reset, empty
    assertEquals("NOTIFICATION 6/2 Cease / Administrative Shutdown data 0561", new BgpNotification(6, 2, new byte[] {5, 'a'}).toString());
    assertThrows(IllegalArgumentException.class, () -> BgpNotification.shutdown("x".repeat(256)));
  }

  @Test
  void birdsRefusalOfHoldTimeOneAndTheSubcodesOfCeaseAndFsmErrorHaveTheirNames() {
    BgpNotification n = (BgpNotification) roundTrip(BgpMessage.NOTIFICATION, BgpGolden.BIRD_HOLD_TIME_BODY, true);
    assertEquals("OPEN Message Error / Unacceptable Hold Time", n.describe());
    assertEquals("Finite State Machine Error / Receive Unexpected Message in OpenConfirm State", new BgpNotification(5, 2).describe());
    assertEquals("Cease / Peer De-configured", new BgpNotification(6, 3).describe());
    assertEquals("Cease / Hard Reset", new BgpNotification(6, 9).describe());
    assertEquals("Cease / subcode 10", new BgpNotification(6, 10).describe());
  }
}
