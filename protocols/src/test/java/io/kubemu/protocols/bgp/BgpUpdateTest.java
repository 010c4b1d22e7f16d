package io.kubemu.protocols.bgp;

import static io.kubemu.protocols.bgp.BgpGolden.hex;
import static io.kubemu.protocols.bgp.BgpHeaderAndOpenErrorsTest.assertNotification;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.wire.ByteReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** RFC 4271 6.3 error by error, and UPDATEs a route reflector and a 4-octet AS speaker send. */
class BgpUpdateTest {
  private static final String ORIGIN = "40 01 01 00";
  private static final String AS_PATH = "40 02 04 02 01 fc00"; // AS_SEQUENCE of one 2-octet AS, 64512
  private static final String NEXT_HOP = "40 03 04 0a000001"; // 10.0.0.1
  private static final String MANDATORY = ORIGIN + AS_PATH + NEXT_HOP;
  private static final String NLRI = "1a 0af40040"; // 10.244.0.64/26, a Calico block

  /** An UPDATE with no withdrawals, {@code attributes} and {@code nlri}, lengths computed. */
  static byte[] update(String attributes, String nlri) {
    int length = hex(attributes).length;
    return BgpGolden.message(BgpMessage.UPDATE, "0000" + String.format("%04x", length) + attributes + nlri);
  }

  private static BgpUpdate decode(byte[] bytes, boolean fourOctetAs) {
    return (BgpUpdate) BgpMessage.decode(new ByteReader(bytes), fourOctetAs);
  }

  @Test
  void malformedAttributeList() {
    assertNotification(3, 1, "", BgpGolden.message(BgpMessage.UPDATE, "0005 00 0000")); // withdrawn past the end
    assertNotification(3, 1, "", BgpGolden.message(BgpMessage.UPDATE, "0000 0009 40010100")); // attributes past the end
    assertNotification(3, 1, "", update(MANDATORY + "40 01 01 01", NLRI)); // ORIGIN twice
    assertNotification(3, 1, "", update(ORIGIN + "40 03 05 0a000001", NLRI)); // NEXT_HOP's length overruns the list
    assertNotification(3, 1, "", update(ORIGIN + "50 02", "")); // extended length cut short
  }

  @Test
  void unrecognizedWellKnownCarriesTheAttribute() {
    assertNotification(3, 2, "4063020102", update(MANDATORY + "40 63 02 0102", NLRI));
  }

  @Test
  void missingWellKnownNamesTheType() {
    assertNotification(3, 3, "01", update(AS_PATH + NEXT_HOP, NLRI));
    assertNotification(3, 3, "02", update(ORIGIN + NEXT_HOP, NLRI));
    assertNotification(3, 3, "03", update(ORIGIN + AS_PATH, NLRI));
    assertEquals(List.of(), decode(update(ORIGIN, ""), false).nlri()); // no NLRI: nothing is mandatory
  }

  @Test
  void flagsErrorCarriesTheAttribute() {
    assertNotification(3, 4, "c0010100", update("c0 01 01 00" + AS_PATH + NEXT_HOP, NLRI)); // ORIGIN marked optional
    assertNotification(3, 4, "60010100", update("60 01 01 00" + AS_PATH + NEXT_HOP, NLRI)); // ORIGIN marked partial
    assertNotification(3, 4, "c00404" + "00000014", update(MANDATORY + "c0 04 04 00000014", NLRI)); // MED transitive
  }

  @Test
  void lengthErrorCarriesTheAttribute() {
    assertNotification(3, 5, "40030500000000ff", update(ORIGIN + AS_PATH + "40 03 05 00000000ff", NLRI));
    assertNotification(3, 5, "4001020000", update("40 01 02 0000" + AS_PATH + NEXT_HOP, NLRI));
    assertNotification(3, 5, "800a030a0000", update(MANDATORY + "80 0a 03 0a0000", NLRI)); // CLUSTER_LIST of 3 bytes
  }

  @Test
  void invalidOriginAndNextHop() {
    assertNotification(3, 6, "40010103", update("40 01 01 03" + AS_PATH + NEXT_HOP, NLRI));
    assertNotification(3, 8, "40030400000000", update(ORIGIN + AS_PATH + "40 03 04 00000000", NLRI));
    assertNotification(3, 8, "400304e0000005", update(ORIGIN + AS_PATH + "40 03 04 e0000005", NLRI));
    assertNotification(3, 8, "400304ffffffff", update(ORIGIN + AS_PATH + "40 03 04 ffffffff", NLRI));
  }

  @Test
  void optionalAttributeError() {
    assertNotification(3, 9, "80090400000000", update(MANDATORY + "80 09 04 00000000", NLRI)); // ORIGINATOR_ID 0
    assertNotification(3, 9, "800a00", update(MANDATORY + "80 0a 00", NLRI)); // empty CLUSTER_LIST
  }

  @Test
  void invalidNetworkField() {
    assertNotification(3, 10, "", update(MANDATORY, "21 0a000000ff")); // /33
    assertNotification(3, 10, "", update(MANDATORY, "18 0af4")); // /24 with two octets
    assertNotification(3, 10, "", BgpGolden.message(BgpMessage.UPDATE, "0002 19 0a 0000")); // withdrawn /25 cut short
  }

  @Test
  void malformedAsPath() {
    assertNotification(3, 11, "", update(ORIGIN + "40 02 04 05 01 fc00" + NEXT_HOP, NLRI)); // segment type 5
    assertNotification(3, 11, "", update(ORIGIN + "40 02 02 02 00" + NEXT_HOP, NLRI)); // empty segment
    assertNotification(3, 11, "", update(ORIGIN + "40 02 03 02 01 fc" + NEXT_HOP, NLRI)); // AS cut short
    assertNotification(3, 11, "", update(ORIGIN + "40 02 01 02" + NEXT_HOP, NLRI)); // segment header cut short
  }

  @Test
  void asPathWidthFollowsTheNegotiation() {
    byte[] bytes = update(ORIGIN + "40 02 0a 02 02 0000fc00 fa56ea01" + NEXT_HOP, NLRI);
    BgpUpdate update = decode(bytes, true);
    AsPath path = update.attribute(AsPath.class).orElseThrow();
    assertEquals(AsPath.sequence(true, 64512L, 4200000001L), path);
    assertEquals(2, path.pathLength());
    assertArrayEquals(bytes, update.toBytes());
    // read as 2-octet ASes, the segment ends after 4 bytes and the next "segment" has type 0xfa
    BgpError e = assertThrows(BgpError.class, () -> decode(bytes, false));
    assertEquals(new BgpNotification(3, 11), e.notification());
    assertThrows(IllegalArgumentException.class, () -> AsPath.sequence(false, 4200000001L));
  }

  @Test
  void routeReflectorAttributesRoundTrip() {
    BgpUpdate update = new BgpUpdate(List.of(Ipv4Cidr.parse("10.244.1.0/26")), List.of(
        PathAttribute.Origin.IGP,
        AsPath.empty(true),
        new PathAttribute.NextHop(Ipv4Address.parse("192.168.1.12")),
        new PathAttribute.LocalPref(100),
        new PathAttribute.AtomicAggregate(),
        new PathAttribute.OriginatorId(Ipv4Address.parse("192.168.1.12")),
        new PathAttribute.ClusterList(List.of(Ipv4Address.parse("244.0.0.1"), Ipv4Address.parse("244.0.0.2")))),
        List.of(Ipv4Cidr.parse("10.244.2.0/26"), Ipv4Cidr.parse("0.0.0.0/0"), Ipv4Cidr.parse("10.0.0.1/32")));
    byte[] bytes = update.toBytes();
    assertArrayEquals(BgpGolden.message(BgpMessage.UPDATE, "0005 1a 0af40100" // withdrawn 10.244.1.0/26
        + "002a" // 42 bytes of attributes
        + "40 01 01 00" + "40 02 00" + "40 03 04 c0a8010c" + "40 05 04 00000064" + "40 06 00"
        + "80 09 04 c0a8010c" + "80 0a 08 f4000001 f4000002"
        + "1a 0af40200" + "00" + "20 0a000001"), bytes); // NLRI /26, default route, /32
    assertEquals(update, decode(bytes, true));
  }

  @Test
  void strayBitsPastThePrefixLengthAreMaskedOff() {
    BgpUpdate update = decode(update(MANDATORY, "17 0af401"), false); // /23 sent with the last bit set
    assertEquals(List.of(Ipv4Cidr.parse("10.244.0.0/23")), update.nlri());
  }

  @Test
  void unknownTransitiveAttributeIsForwardedPartialAndLongOnesUseExtendedLength() {
    byte[] value = new byte[300];
    value[299] = 7;
    PathAttribute.Unknown unknown = new PathAttribute.Unknown(0xc0, 99, value);
    PathAttribute.Unknown forwarded = unknown.forwarded();
    assertEquals(0xe0, forwarded.flags());
    BgpUpdate update = new BgpUpdate(List.of(), List.of(forwarded), List.of());
    byte[] bytes = update.toBytes();
    assertArrayEquals(hex("f0 63 012c"), Arrays.copyOfRange(bytes, 23, 27)); // flags with Extended Length, 300
    assertEquals(update, decode(bytes, false));
    assertTrue(unknown.transitive());
    PathAttribute.Unknown local = new PathAttribute.Unknown(0x80, 98, new byte[0]);
    assertFalse(local.transitive());
    assertThrows(IllegalStateException.class, local::forwarded);
  }

  @Test
  void asPathPrependStartsOrExtendsTheFirstSequence() {
    assertEquals(AsPath.sequence(false, 64512L), AsPath.empty(false).prepend(64512));
    assertEquals(AsPath.sequence(false, 64513L, 64512L), AsPath.sequence(false, 64512L).prepend(64513));
    assertTrue(AsPath.sequence(false, 64512L).contains(64512));
  }

  @Test
  void tooLongAMessageIsRefusedWhenEncoding() {
    List<Ipv4Cidr> many = IntStream.range(0, 1100)
        .mapToObj(i -> Ipv4Cidr.containing(Ipv4Address.parse("10.0.0.0").plus(i * 256L), 24)).toList();
    assertThrows(IllegalArgumentException.class, () -> BgpUpdate.withdraw(many).toBytes());
  }
}
