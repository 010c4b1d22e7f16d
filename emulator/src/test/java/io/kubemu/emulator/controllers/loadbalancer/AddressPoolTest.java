package io.kubemu.emulator.controllers.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPoolTest {
  @Test
  void rangesAndCidrsInTheOrderGiven() {
    AddressPool pool = AddressPool.parse("172.18.255.200-172.18.255.201, 10.0.0.0/31");
    assertEquals("172.18.255.200-172.18.255.201,10.0.0.0-10.0.0.1", pool.toString());
    assertTrue(pool.contains(Ipv4Address.parse("10.0.0.1")));
    assertFalse(pool.contains(Ipv4Address.parse("172.18.255.202")));
    Set<Ipv4Address> taken = Set.of(Ipv4Address.parse("172.18.255.200"), Ipv4Address.parse("172.18.255.201"));
    assertEquals(Optional.of(Ipv4Address.parse("10.0.0.0")), pool.first(taken::contains));
  }

  @Test
  void anEmptyPoolHasNothingAndBadEntriesAreRefused() {
    assertEquals(Optional.empty(), AddressPool.parse("").first(ip -> false));
    IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class, () -> AddressPool.parse("10.0.0.9-10.0.0.1"));
    assertTrue(backwards.getMessage().contains("expected: the first address before the last"), backwards.getMessage());
    IllegalArgumentException single = assertThrows(IllegalArgumentException.class, () -> AddressPool.parse("10.0.0.9"));
    assertTrue(single.getMessage().contains("expected: a.b.c.d-e.f.g.h or a.b.c.d/n"), single.getMessage());
  }
}
