package io.kubemu.protocols.ethernet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EtherTypeTest {
  @Test
  void namesTheKnownTypes() {
    assertEquals("ipv4", EtherType.name(0x0800));
    assertEquals("arp", EtherType.name(0x0806));
    assertEquals("vlan", EtherType.name(0x8100));
    assertEquals("ipv6", EtherType.name(0x86DD));
  }

  @Test
  void namesUnknownTypesByNumber() {
    assertEquals("unknown(0x88cc)", EtherType.name(0x88CC)); // LLDP
    assertEquals("unknown(0x002e)", EtherType.name(46)); // an 802.3 length, not a type
  }
}
