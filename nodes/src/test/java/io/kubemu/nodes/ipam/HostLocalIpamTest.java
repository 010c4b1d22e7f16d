package io.kubemu.nodes.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostLocalIpamTest {
  private final HostLocalIpam ipam = new HostLocalIpam(Ipv4Cidr.parse("10.244.1.0/24"));

  private Ipv4Address next() {
    return ipam.next().orElseThrow();
  }

  @Test
  void gatewayIsDotOneAndFirstPodGetsDotTwo() {
    assertEquals(Ipv4Address.parse("10.244.1.1"), ipam.gateway());
    assertEquals(Ipv4Address.parse("10.244.1.2"), next());
    assertEquals(Ipv4Address.parse("10.244.1.3"), next());
    assertEquals(2, ipam.allocated());
  }

  @Test
  void handsOutEveryHostAddressButNetworkGatewayAndBroadcast() {
    Set<Ipv4Address> seen = new HashSet<>();
    Optional<Ipv4Address> a;
    while ((a = ipam.next()).isPresent()) {
      assertTrue(seen.add(a.get()), "handed out twice: " + a.get());
    }
    assertEquals(253, seen.size());
    assertFalse(seen.contains(Ipv4Address.parse("10.244.1.0")));
    assertFalse(seen.contains(Ipv4Address.parse("10.244.1.1")));
    assertFalse(seen.contains(Ipv4Address.parse("10.244.1.255")));
    assertTrue(seen.contains(Ipv4Address.parse("10.244.1.254")));
  }

  @Test
  void exhaustionGivesTheHostLocalMessage() {
    for (int i = 0; i < 253; i++) {
      next();
    }
    assertEquals(Optional.empty(), ipam.next());
    assertTrue(ipam.exhaustedMessage().startsWith(
        "failed to allocate for range 0: no IP addresses available in range set: 10.244.1."), ipam.exhaustedMessage());
    assertTrue(ipam.exhaustedMessage().endsWith("-10.244.1.254"), ipam.exhaustedMessage());
  }

  @Test
  void exhaustionNamesTheRangeAsHostLocalDoes() {
    assertEquals("failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254",
        ipam.exhaustedMessage());
  }

  @Test
  void releasedAddressIsReusedOnlyAfterTheRestOfTheRange() {
    next();
    Ipv4Address second = next();
    next();
    ipam.release(second);
    assertEquals(2, ipam.allocated());
    assertEquals(Ipv4Address.parse("10.244.1.5"), next(), "round robin: the cursor moves on");
    for (int i = 0; i < 249; i++) {
      next();
    }
    assertEquals(second, next(), "after the end of the range the free address comes back");
    assertEquals(Optional.empty(), ipam.next());
  }

  @Test
  void releaseOfAForeignOrUnusedAddressChangesNothing() {
    next();
    ipam.release(Ipv4Address.parse("10.244.2.2"));
    ipam.release(Ipv4Address.parse("10.244.1.1"));
    ipam.release(Ipv4Address.parse("10.244.1.77"));
    assertEquals(1, ipam.allocated());
    assertEquals(Ipv4Address.parse("10.244.1.3"), next());
  }

  @Test
  void tinyRanges() {
    HostLocalIpam slash30 = new HostLocalIpam(Ipv4Cidr.parse("10.0.0.0/30"));
    assertEquals(Optional.of(Ipv4Address.parse("10.0.0.2")), slash30.next());
    assertEquals(Optional.empty(), slash30.next());
    assertEquals(Optional.empty(), new HostLocalIpam(Ipv4Cidr.parse("10.0.0.0/31")).next());
  }
}
