package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnderlayLinksTest {
  private static NodeLease lease(String node, String ip) {
    return new NodeLease(node, "h1", Ipv4Address.parse(ip), MacAddress.local(1), Ipv4Cidr.parse("10.244.0.0/24"), "calico-bgp",
        null, null);
  }

  private final Map<String, NodeLease> peers = Map.of("w1", lease("w1", "172.18.0.2"), "w2", lease("w2", "172.18.0.3"),
      "w3", lease("w3", "172.18.0.4"));

  @Test
  void aCutLinkLosesFramesToThatNodeOnlyUntilItIsMended() {
    UnderlayLinks links = new UnderlayLinks("w1");
    assertFalse(links.isCut(Ipv4Address.parse("172.18.0.3"), peers));
    NodeAgent.LinkSet set = links.set("w2", false, peers);
    assertNull(set.error());
    assertEquals(List.of("w2"), set.cut());
    assertTrue(links.isCut(Ipv4Address.parse("172.18.0.3"), peers));
    assertFalse(links.isCut(Ipv4Address.parse("172.18.0.4"), peers), "w3 is still reachable");
    assertEquals(List.of(), links.set("w2", true, peers).cut());
    assertFalse(links.isCut(Ipv4Address.parse("172.18.0.3"), peers));
  }

  @Test
  void unknownNodesAndItselfAreRefusedWithTheNodesItKnows() {
    UnderlayLinks links = new UnderlayLinks("w1");
    assertEquals("node w1 has no link to 'w9' (nodes it knows: w1, w2, w3)", links.set("w9", false, peers).error());
    assertTrue(links.set("w1", false, peers).error().startsWith("node w1 has no link to 'w1'"));
    assertEquals(List.of(), links.set("w9", false, peers).cut());
  }
}
