package io.kubemu.nodes.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.AsPath;
import io.kubemu.protocols.bgp.BgpError;
import io.kubemu.protocols.bgp.BgpKeepalive;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.PathAttribute;
import io.kubemu.protocols.wire.ByteReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same UPDATE bytes decode once per JVM; everything else decodes as the codec alone decodes it. */
class DecodedUpdatesTest {
  private static byte[] update(String prefix, String nextHop, boolean fourOctetAs) {
    return new BgpUpdate(List.of(), List.of(PathAttribute.Origin.IGP, AsPath.sequence(fourOctetAs, 64512L),
        new PathAttribute.NextHop(Ipv4Address.parse(nextHop))), List.of(Ipv4Cidr.parse(prefix))).toBytes();
  }

  @Test
  void equalBytesArrivingTwiceShareOneDecodedUpdate() {
    byte[] sent = update("10.244.7.0/26", "172.18.0.8", true);
    BgpMessage first = DecodedUpdates.decode(sent.clone(), true);
    BgpMessage second = DecodedUpdates.decode(sent.clone(), true);
    assertSame(first, second);
    assertEquals(BgpMessage.decode(new ByteReader(sent), true), first);
  }

  @Test
  void otherBytesOrAnotherAsWidthAreDecodedForThemselves() {
    byte[] a = update("10.244.8.0/26", "172.18.0.9", true);
    byte[] b = update("10.244.9.0/26", "172.18.0.9", true);
    BgpUpdate ua = (BgpUpdate) DecodedUpdates.decode(a, true);
    BgpUpdate ub = (BgpUpdate) DecodedUpdates.decode(b, true);
    assertEquals(List.of(Ipv4Cidr.parse("10.244.8.0/26")), ua.nlri());
    assertEquals(List.of(Ipv4Cidr.parse("10.244.9.0/26")), ub.nlri());

    // Read by a 4-octet session, a 2-octet session's bytes are another message (here a malformed AS_PATH)
    byte[] two = update("10.244.10.0/26", "172.18.0.10", false);
    BgpMessage asTwo = DecodedUpdates.decode(two, false);
    assertEquals(BgpMessage.decode(new ByteReader(two), false), asTwo);
    assertThrows(BgpError.class, () -> DecodedUpdates.decode(two, true));
    assertSame(asTwo, DecodedUpdates.decode(two, false));
  }

  @Test
  void malformedBytesFailEveryTimeAndAreNeverShared() {
    byte[] bad = update("10.244.11.0/26", "172.18.0.11", true);
    bad[bad.length - 9] = (byte) 240; // NEXT_HOP 240.18.0.11, just before the 5 bytes of NLRI: not unicast
    for (int i = 0; i < 2; i++) {
      BgpError e = assertThrows(BgpError.class, () -> DecodedUpdates.decode(bad, true));
      assertEquals(e.getMessage(), assertThrows(BgpError.class, () -> BgpMessage.decode(new ByteReader(bad), true))
          .getMessage());
    }
  }

  @Test
  void otherMessagesAreNotKept() {
    byte[] keepalive = BgpKeepalive.INSTANCE.toBytes();
    assertSame(BgpKeepalive.INSTANCE, DecodedUpdates.decode(keepalive, true));
  }
}
