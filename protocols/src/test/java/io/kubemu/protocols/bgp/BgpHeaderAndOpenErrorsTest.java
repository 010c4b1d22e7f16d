package io.kubemu.protocols.bgp;

import static io.kubemu.protocols.bgp.BgpGolden.MARKER;
import static io.kubemu.protocols.bgp.BgpGolden.hex;
import static io.kubemu.protocols.bgp.BgpGolden.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4271 6.1 and 6.2: each bad header or OPEN yields the NOTIFICATION the RFC names. */
class BgpHeaderAndOpenErrorsTest {
  /** The golden OPEN's body after the version: AS 4128, hold 90, id 1.2.3.4, no parameters. */
  private static final String OPEN_REST = "1020 005a 01020304 00";

  static BgpNotification notificationFor(byte[] bytes) {
    return assertThrows(BgpError.class, () -> BgpMessage.decode(new ByteReader(bytes), false)).notification();
  }

  static void assertNotification(int code, int subcode, String dataHex, byte[] bytes) {
    BgpNotification n = notificationFor(bytes);
    assertEquals(code + "/" + subcode + " " + dataHex,
        n.code() + "/" + n.subcode() + " " + HexFormat.of().formatHex(n.data()), n.describe());
  }

  @Test
  void badMarkerIsConnectionNotSynchronized() {
    byte[] bytes = BgpGolden.KEEPALIVE.clone();
    bytes[7] = 0x7f;
    assertNotification(1, 1, "", bytes);
    BgpError e = assertThrows(BgpError.class, () -> BgpMessage.decode(new ByteReader(bytes), false));
    assertEquals("BGP marker byte 7 not 0xFF (expected: 16 bytes of ones)"
        + " (Message Header Error / Connection Not Synchronized) at offset 7", e.getMessage());
  }

  @Test
  void lengthOutsideTheLimitsIsBadLengthWithTheLength() {
    assertNotification(1, 2, "0012", hex(MARKER + "0012 04 00"));
    assertNotification(1, 2, "1001", hex(MARKER + "1001 02" + "00".repeat(4082)));
  }

  @Test
  void lengthTheTypeCannotHaveIsBadLength() {
    assertNotification(1, 2, "0014", message(BgpMessage.KEEPALIVE, "00"));
    assertNotification(1, 2, "001c", message(BgpMessage.OPEN, "04 1020 005a 01020304"));
    assertNotification(1, 2, "0016", message(BgpMessage.UPDATE, "0000 00"));
    assertNotification(1, 2, "0014", message(BgpMessage.NOTIFICATION, "06"));
    assertNotification(1, 2, "0018", message(BgpMessage.ROUTE_REFRESH, "0001 00 01 00"));
  }

  @Test
  void unknownTypeIsBadTypeWithTheType() {
    assertNotification(1, 3, "06", message(6, ""));
    assertNotification(1, 3, "00", message(0, ""));
  }

  @Test
  void versionOtherThanFourNamesFour() {
    assertNotification(2, 1, "0004", message(BgpMessage.OPEN, "05" + OPEN_REST));
    assertNotification(2, 1, "0004", message(BgpMessage.OPEN, "03" + OPEN_REST));
  }

  @Test
  void asZeroIsBadPeerAs() {
    assertNotification(2, 2, "0000", message(BgpMessage.OPEN, "04 0000 005a 01020304 00"));
    assertNotification(2, 2, "", message(BgpMessage.OPEN, "04 5ba0 005a 01020304 08 0206 4104 00000000"));
  }

  @Test
  void holdTimeOneOrTwoIsUnacceptableButZeroAndThreeAreFine() {
    assertNotification(2, 6, "", message(BgpMessage.OPEN, "04 1020 0001 01020304 00"));
    assertNotification(2, 6, "", message(BgpMessage.OPEN, "04 1020 0002 01020304 00"));
    for (String hold : new String[] {"0000", "0003"}) {
      BgpOpen open = (BgpOpen) BgpMessage.decode(new ByteReader(message(BgpMessage.OPEN, "04 1020 " + hold + " 01020304 00")), false);
      assertEquals(Integer.parseInt(hold, 16), open.holdTime());
    }
  }

  @Test
  void zeroIdentifierIsBadBgpIdentifier() {
    assertNotification(2, 3, "", message(BgpMessage.OPEN, "04 1020 005a 00000000 00"));
  }

  @Test
  void parameterOtherThanCapabilitiesIsUnsupported() {
    assertNotification(2, 4, "", message(BgpMessage.OPEN, "04 1020 005a 01020304 04 0102 abcd"));
  }

  @Test
  void inconsistentParameterLengthsAreOpenErrors() {
    assertNotification(2, 0, "", message(BgpMessage.OPEN, "04 1020 005a 01020304 05 0202 0200"));
    assertNotification(2, 0, "", message(BgpMessage.OPEN, "04 1020 005a 01020304 04 0203 0200"));
    assertNotification(2, 0, "", message(BgpMessage.OPEN, "04 1020 005a 01020304 04 0202 0201"));
    assertNotification(2, 0, "", message(BgpMessage.OPEN, "04 1020 005a 01020304 05 0203 410100"));
  }

  @Test
  void peerAsIsCheckedAgainstConfiguration() {
    BgpOpen open = BgpOpen.of(4200000001L, 90, Ipv4Address.parse("10.0.0.1"),
        List.of(new Capability.FourOctetAs(4200000001L)));
    assertEquals(BgpOpen.AS_TRANS, open.myAs());
    open.checkPeerAs(4200000001L);
    BgpError e = assertThrows(BgpError.class, () -> open.checkPeerAs(64512));
    assertEquals(new BgpNotification(2, 2, hex("5ba0")), e.notification());
    BgpOpen twoOctet = BgpOpen.of(64512, 90, Ipv4Address.parse("10.0.0.1"), List.of());
    assertEquals(64512, twoOctet.asn());
    assertArrayEquals(message(BgpMessage.OPEN, "04 fc00 005a 0a000001 00"), twoOctet.toBytes());
  }

  @Test
  void unknownCapabilitiesAreKeptByteForByte() {
    byte[] bytes = message(BgpMessage.OPEN, "04 fc00 00b4 0a000001 12 0210 0104 00010001 4002 4078 4104 0000fc00");
    BgpOpen open = (BgpOpen) BgpMessage.decode(new ByteReader(bytes), false);
    assertEquals(new Capability.Unknown(64, hex("4078")), open.capabilities().get(1));
    assertArrayEquals(bytes, open.toBytes());
  }

  @Test
  void notificationNamesCoverTheRfcAndUnknownCodes() {
    assertEquals("UPDATE Message Error / Malformed AS_PATH", NotificationCodes.describe(3, 11));
    assertEquals("Hold Timer Expired / Unspecific", NotificationCodes.describe(4, 0));
    assertEquals("Cease / Administrative Shutdown", NotificationCodes.describe(6, 2)); // RFC 4486
    assertEquals("Cease / subcode 10", NotificationCodes.describe(6, 10));
    assertEquals("error code 9 / subcode 1", NotificationCodes.describe(9, 1));
  }
}
