package io.kubemu.nodes.net;

import static io.kubemu.nodes.net.TestFrames.ip;
import static io.kubemu.nodes.net.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NeighborTableTest {
  private static final Ipv4Address GATEWAY = ip("10.244.0.1");

  private final NeighborTable table = new NeighborTable();

  private static Ipv4Packet packet(int id) {
    return Ipv4Packet.of(IpProtocol.UDP, ip("10.244.0.2"), ip("10.244.1.2"), 64, id, new byte[8]);
  }

  @Test
  void learntEntriesAreReplacedButPermanentOnesStay() {
    table.learn(GATEWAY, mac(1));
    table.learn(GATEWAY, mac(2));
    assertEquals(mac(2), table.lookup(GATEWAY));
    table.addPermanent(ip("10.244.1.0"), mac(3));
    table.learn(ip("10.244.1.0"), mac(4));
    assertEquals(mac(3), table.lookup(ip("10.244.1.0")));
    table.remove(ip("10.244.1.0"));
    assertNull(table.lookup(ip("10.244.1.0")));
  }

  @Test
  void firstPacketAsksThenTheQueueFillsUpToTheLimit() {
    assertEquals(NeighborTable.Queued.SEND_REQUEST, table.enqueue(GATEWAY, packet(1)));
    for (int i = 2; i <= NeighborTable.QUEUE_LIMIT; i++) {
      assertEquals(NeighborTable.Queued.WAITING, table.enqueue(GATEWAY, packet(i)));
    }
    assertEquals(NeighborTable.Queued.QUEUE_FULL, table.enqueue(GATEWAY, packet(999)));
    assertEquals(NeighborTable.QUEUE_LIMIT, table.learn(GATEWAY, mac(1)).size());
  }

  @Test
  void learnFlushesTheQueueInOrderOnce() {
    table.enqueue(GATEWAY, packet(1));
    table.enqueue(GATEWAY, packet(2));
    table.enqueue(GATEWAY, packet(3));
    assertTrue(table.hasPending());
    assertEquals(List.of(packet(1), packet(2), packet(3)), table.learn(GATEWAY, mac(1)));
    assertFalse(table.hasPending());
    assertEquals(mac(1), table.lookup(GATEWAY));
    assertEquals(List.of(), table.learn(GATEWAY, mac(1)));
  }

  @Test
  void probesEachTickThenFailsAfterMaxProbes() {
    table.enqueue(GATEWAY, packet(1));
    table.enqueue(GATEWAY, packet(2));
    Map<Ipv4Address, List<Ipv4Packet>> failed = new HashMap<>();
    // the request sent on enqueue is the first probe
    for (int tick = 1; tick < NeighborTable.MAX_PROBES; tick++) {
      assertEquals(List.of(GATEWAY), table.tick(failed), "tick " + tick);
      assertTrue(failed.isEmpty());
    }
    assertEquals(List.of(), table.tick(failed));
    assertEquals(Map.of(GATEWAY, List.of(packet(1), packet(2))), failed);
    assertFalse(table.hasPending());
    assertNull(table.lookup(GATEWAY));
    assertEquals(NeighborTable.Queued.SEND_REQUEST, table.enqueue(GATEWAY, packet(3)), "a new resolution starts over");
  }

  @Test
  void showListsEntriesLikeIpNeigh() {
    table.addPermanent(ip("10.244.1.0"), mac(3));
    table.enqueue(ip("10.244.0.9"), packet(1));
    String shown = table.show("flannel.1");
    assertTrue(shown.contains("10.244.1.0 dev flannel.1 lladdr " + mac(3) + " PERMANENT\n"), shown);
    assertTrue(shown.contains("10.244.0.9 dev flannel.1 INCOMPLETE\n"), shown);
    table.learn(ip("10.244.0.9"), mac(9));
    assertTrue(table.show("eth0").contains("10.244.0.9 dev eth0 lladdr " + mac(9) + " REACHABLE\n"));
  }
}
