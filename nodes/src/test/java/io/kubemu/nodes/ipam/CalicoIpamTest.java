package io.kubemu.nodes.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalicoIpamTest {
  private static final Ipv4Cidr B1 = Ipv4Cidr.parse("10.244.0.64/26");
  private static final Ipv4Cidr B2 = Ipv4Cidr.parse("10.244.1.0/26");

  @Test
  void noBlockNoAddressThenEveryAddressOfTheBlockInOrder() {
    CalicoIpam ipam = new CalicoIpam();
    assertTrue(ipam.allocate().isEmpty(), "a node holds no block until it claims one");
    ipam.addBlock(B1);
    assertEquals("10.244.0.64", ipam.allocate().orElseThrow().toString(), "a block is no subnet: its first address is used");
    for (int i = 1; i < 64; i++) {
      assertEquals(B1.address(i), ipam.allocate().orElseThrow());
    }
    assertTrue(ipam.allocate().isEmpty(), "64 addresses, then a new block is needed");
    ipam.addBlock(B2);
    assertEquals("10.244.1.0", ipam.allocate().orElseThrow().toString());
    assertEquals(65, ipam.allocated());
  }

  @Test
  void releasedAddressesAreReusedLowestFirst() {
    CalicoIpam ipam = new CalicoIpam();
    ipam.addBlock(B1);
    Ipv4Address a = ipam.allocate().orElseThrow();
    ipam.allocate();
    assertTrue(ipam.release(a));
    assertEquals(a, ipam.allocate().orElseThrow());
    assertFalse(ipam.release(Ipv4Address.parse("10.9.9.9")), "not of this node's blocks");
  }

  @Test
  void lentAndBorrowedAddressesAndWhatIsAdvertised() {
    CalicoIpam lender = new CalicoIpam();
    lender.addBlock(B1);
    Ipv4Address ip = lender.lend("w2").orElseThrow();
    assertEquals("w2", lender.lent().get(ip));
    CalicoIpam borrower = new CalicoIpam();
    borrower.borrowed(ip, "w1");
    assertEquals(Set.of(Ipv4Cidr.parse(ip + "/32")), borrower.advertised(), "a /32 per borrowed address");
    assertEquals(Set.of(B1), lender.advertised());
    assertEquals("w1", borrower.giveBack(ip));
    assertNull(borrower.giveBack(ip));
    assertTrue(lender.release(ip));
    assertTrue(lender.lent().isEmpty());
  }
}
