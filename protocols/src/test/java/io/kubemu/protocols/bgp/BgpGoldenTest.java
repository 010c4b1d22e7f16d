package io.kubemu.protocols.bgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.wire.ByteReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Public BGP messages decode to what their sources say and encode back byte for byte. */
class BgpGoldenTest {
  private static BgpMessage decode(byte[] bytes) {
    return BgpMessage.decode(new ByteReader(bytes), false);
  }

  @Test
  void openWithOneCapabilityPerParameter() {
    BgpOpen open = (BgpOpen) decode(BgpGolden.OPEN);
    assertEquals(4, open.version());
    assertEquals(4128, open.myAs());
    assertEquals(3, open.holdTime());
    assertEquals(Ipv4Address.parse("1.2.3.4"), open.bgpIdentifier());
    assertEquals(List.of(List.of(new Capability.RouteRefresh()), List.of(new Capability.FourOctetAs(0x12345678L)),
        List.of(Capability.Multiprotocol.IPV4_UNICAST)), open.parameters());
    assertEquals(0x12345678L, open.asn());
    assertArrayEquals(BgpGolden.OPEN, open.toBytes());
  }

  @Test
  void junosUpdateKeepsTheCommunityItDoesNotKnow() {
    BgpUpdate update = (BgpUpdate) decode(BgpGolden.JUNOS_UPDATE);
    assertEquals(List.of(), update.withdrawn());
    assertEquals(List.of(
        PathAttribute.Origin.IGP,
        AsPath.empty(false),
        new PathAttribute.NextHop(Ipv4Address.parse("172.16.0.34")),
        new PathAttribute.MultiExitDisc(20),
        new PathAttribute.LocalPref(100),
        new PathAttribute.Unknown(0xc0, 8, BgpGolden.hex("ffee0457"))), update.attributes());
    assertEquals(List.of(Ipv4Cidr.parse("192.168.3.0/24")), update.nlri());
    assertEquals(100, update.attribute(PathAttribute.LocalPref.class).orElseThrow().value());
    assertArrayEquals(BgpGolden.JUNOS_UPDATE, update.toBytes());
  }

  @Test
  void fourOctetUpdateFromTheInternetEncodesBackWithOneOctetLengths() {
    BgpUpdate update = (BgpUpdate) BgpMessage.decode(
        new ByteReader(BgpGolden.message(BgpMessage.UPDATE, BgpGolden.AS4_UPDATE_BODY)), true);
    assertEquals(new AsPath(List.of(new AsPath.Segment(AsPath.AS_SEQUENCE, List.of(65501L, 44684L, 8530L)),
        new AsPath.Segment(AsPath.AS_SET, List.of(198753L))), true), update.attribute(AsPath.class).orElseThrow());
    assertEquals(4, update.attribute(AsPath.class).orElseThrow().pathLength());
    assertEquals(Ipv4Address.parse("93.93.131.102"), update.attribute(PathAttribute.NextHop.class).orElseThrow().address());
    assertEquals(new PathAttribute.Unknown(0xc0, 7, BgpGolden.hex("00002152 5b8f4018")),
        update.attribute(PathAttribute.Unknown.class).orElseThrow());
    assertEquals(List.of(Ipv4Cidr.parse("5.39.176.0/21")), update.nlri());
    // Known attributes are written in the short form when they fit: one byte less, the same message.
    String canonical = BgpGolden.AS4_UPDATE_BODY.replace("002e", "002d").replace("50 02 0014", "40 02 14");
    assertArrayEquals(BgpGolden.message(BgpMessage.UPDATE, canonical), update.toBytes());
  }

  @Test
  void ciscoNotificationIsReadToItsLengthOnly() {
    ByteReader r = new ByteReader(BgpGolden.CISCO_NOTIFICATION_WORDS);
    BgpNotification n = (BgpNotification) BgpMessage.decode(r, false);
    assertEquals(new BgpNotification(2, 2, new byte[] {(byte) 0xfe, 0x14}), n);
    assertEquals("OPEN Message Error / Bad Peer AS", n.describe());
    assertEquals("NOTIFICATION 2/2 OPEN Message Error / Bad Peer AS data fe14", n.toString());
    assertEquals(1, r.remaining());
    assertArrayEquals(Arrays.copyOf(BgpGolden.CISCO_NOTIFICATION_WORDS, 23), n.toBytes());
  }

  @Test
  void keepaliveIsTheHeaderAlone() {
    assertEquals(BgpKeepalive.INSTANCE, decode(BgpGolden.KEEPALIVE));
    assertArrayEquals(BgpGolden.KEEPALIVE, BgpKeepalive.INSTANCE.toBytes());
  }

  @Test
  void everyTruncationIsABadLength() {
    byte[] notification = Arrays.copyOf(BgpGolden.CISCO_NOTIFICATION_WORDS, 23);
    byte[] as4Update = BgpGolden.message(BgpMessage.UPDATE, BgpGolden.AS4_UPDATE_BODY);
    for (byte[] golden : new byte[][] {BgpGolden.OPEN, BgpGolden.JUNOS_UPDATE, as4Update, notification, BgpGolden.KEEPALIVE}) {
      for (int n = 0; n < golden.length; n++) {
        byte[] prefix = Arrays.copyOf(golden, n);
        BgpError e = assertThrows(BgpError.class, () -> decode(prefix), "prefix of " + n + " bytes");
        assertEquals(NotificationCodes.MESSAGE_HEADER_ERROR, e.notification().code());
        assertEquals(NotificationCodes.BAD_MESSAGE_LENGTH, e.notification().subcode());
      }
    }
  }

  @Test
  void routeRefreshRoundTrips() {
    byte[] bytes = BgpGolden.message(BgpMessage.ROUTE_REFRESH, "0001 00 01");
    BgpMessage m = decode(bytes);
    assertInstanceOf(BgpRouteRefresh.class, m);
    assertEquals(new BgpRouteRefresh(1, 1), m);
    assertArrayEquals(bytes, m.toBytes());
    assertTrue(m.toString().contains("afi=1"));
  }
}
