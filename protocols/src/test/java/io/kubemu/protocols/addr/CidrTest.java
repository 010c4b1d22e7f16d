package io.kubemu.protocols.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The family-independent view that dual-stack IPAM code works through. */
class CidrTest {

  @Test
  void parseDispatchesOnTheFamily() {
    assertInstanceOf(Ipv4Cidr.class, Cidr.parse("10.244.0.0/16"));
    assertInstanceOf(Ipv6Cidr.class, Cidr.parse("fd00:10:244::/56"));
    assertInstanceOf(Ipv6Cidr.class, Cidr.parse("::ffff:10.0.0.0/104"));
    assertEquals(32, Cidr.parse("10.244.0.0/16").maxPrefixLength());
    assertEquals(128, Cidr.parse("fd00:10:244::/56").maxPrefixLength());
  }

  @Test
  void splitsDualStackClusterCidrsTheSameWay() {
    List<String> nodeCidrs = new ArrayList<>();
    for (String cluster : new String[] {"10.244.0.0/16", "fd00:10:244::/56"}) {
      Cidr c = Cidr.parse(cluster);
      int nodePrefix = c.maxPrefixLength() == 32 ? 24 : 64;
      Cidr node = c.subnet(nodePrefix, 2);
      nodeCidrs.add(node + " gw " + node.firstHost() + " last " + node.address(255));
    }
    assertEquals(List.of("10.244.2.0/24 gw 10.244.2.1 last 10.244.2.255",
        "fd00:10:244:2::/64 gw fd00:10:244:2::1 last fd00:10:244:2::ff"), nodeCidrs);
  }

  @Test
  void familiesNeverMix() {
    Cidr v4 = Cidr.parse("0.0.0.0/0");
    Cidr v6 = Cidr.parse("::/0");
    assertFalse(v4.contains(v6) || v6.contains(v4) || v4.overlaps(v6) || v6.overlaps(v4));
    assertFalse(v6.contains(Ipv4Address.ANY) || v4.contains(Ipv6Address.ANY));
  }

  @Test
  void badTextOfEitherFamilyIsAnIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.244.0.0"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("fd00::1/64"));
  }
}
