package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {
  private static final long T0 = 1_700_000_000_000L;
  private final NodeRegistry registry = new NodeRegistry(Duration.ofSeconds(5));

  static NodeLease lease(String node, int index) {
    return new NodeLease(node, "h1", Ipv4Address.parse("172.18.0." + (index + 1)), MacAddress.local(index),
        Ipv4Cidr.parse("10.244." + (index - 1) + ".0/24"), "flannel-vxlan", MacAddress.local(0x100 + index), null);
  }

  private NodeCondition ready(String node) {
    Node n = registry.toNode(node);
    return n.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
  }

  @Test
  void registrationIsNewsOnlyOnce() {
    assertTrue(registry.heartbeat(lease("w1", 1), T0));
    assertFalse(registry.heartbeat(lease("w1", 1), T0 + 1000));
    assertEquals(List.of("w1"), registry.readyNodes());
    assertEquals("True", ready("w1").getStatus());
    assertEquals("KubeletReady", ready("w1").getReason());
  }

  @Test
  void aChangedLeaseIsNews() {
    registry.heartbeat(lease("w1", 1), T0);
    NodeLease moved = new NodeLease("w1", "h2", Ipv4Address.parse("172.18.0.2"), MacAddress.local(1),
        Ipv4Cidr.parse("10.244.0.0/24"), "flannel-vxlan", MacAddress.local(0x101), null);
    assertTrue(registry.heartbeat(moved, T0 + 1000));
    assertEquals("h2", registry.get("w1").lease().host());
  }

  @Test
  void silenceLongerThanTheGraceMakesANodeNotReadyWithTheUnreachableTaint() {
    registry.heartbeat(lease("w1", 1), T0);
    registry.heartbeat(lease("w2", 2), T0 + 3000);
    assertEquals(List.of(), registry.expire(T0 + 5000), "exactly the grace period is still fine");
    assertEquals(List.of("w1"), registry.expire(T0 + 5001));
    assertEquals(List.of(), registry.expire(T0 + 5002), "reported once");
    assertEquals(List.of("w2"), registry.readyNodes());
    assertFalse(registry.get("w1").ready());
    NodeCondition c = ready("w1");
    assertEquals("Unknown", c.getStatus());
    assertEquals("NodeStatusUnknown", c.getReason());
    List<Taint> taints = registry.toNode("w1").getSpec().getTaints();
    assertEquals(List.of("node.kubernetes.io/unreachable"), taints.stream().map(Taint::getKey).distinct().toList());
    assertEquals(List.of("NoSchedule", "NoExecute"), taints.stream().map(Taint::getEffect).toList());
    assertNotNull(taints.get(1).getTimeAdded(), "eviction counts tolerationSeconds from timeAdded");
  }

  @Test
  void aHeartbeatBringsItBack() {
    registry.heartbeat(lease("w1", 1), T0);
    registry.expire(T0 + 10_000);
    assertTrue(registry.heartbeat(lease("w1", 1), T0 + 11_000), "a returning node is news");
    assertTrue(registry.get("w1").ready());
    assertEquals("True", ready("w1").getStatus());
    List<Taint> taints = registry.toNode("w1").getSpec().getTaints();
    assertTrue(taints == null || taints.isEmpty(), "taints: " + taints);
    assertEquals(List.of(), registry.expire(T0 + 12_000));
  }

  @Test
  void theNodeObjectCarriesTheLease() {
    registry.heartbeat(lease("w2", 2), T0);
    Node n = registry.toNode("w2");
    assertEquals("w2", n.getMetadata().getName());
    assertEquals("10.244.1.0/24", n.getSpec().getPodCIDR());
    assertEquals("172.18.0.3", n.getStatus().getAddresses().get(0).getAddress());
    assertEquals("InternalIP", n.getStatus().getAddresses().get(0).getType());
    assertEquals("vxlan", n.getMetadata().getAnnotations().get("flannel.alpha.coreos.com/backend-type"));
    assertEquals("h1", n.getMetadata().getLabels().get("kubemu.io/host"));
  }

  @Test
  void unknownNodesHaveNoAgent() {
    assertNull(registry.agent("w9"));
    assertNull(registry.get("w9"));
  }

  /** After a failover the new store knows the nodes the old one registered: silent ones go NotReady, live ones come back. */
  @Test
  void aRestoredNodeMustRenewOrGoNotReady() {
    registry.heartbeat(lease("w1", 1), T0);
    registry.edit("w1", java.util.Map.of("disk", "ssd"), List.of(), false);
    registry.annotate("w1", java.util.Map.of("projectcalico.org/RouteReflectorClusterID", "244.0.0.1"));
    Node stored = registry.toNode("w1");
    NodeRegistry next = new NodeRegistry(Duration.ofSeconds(5));
    next.restore(stored, T0 + 10_000);
    next.restore(registry.toNode("w1"), T0 + 10_000);
    assertEquals(List.of("w1"), next.readyNodes(), "ready until it misses the grace period");
    assertNull(next.agent("w1"));
    assertEquals("ssd", next.toNode("w1").getMetadata().getLabels().get("disk"));
    next.annotate("w1", java.util.Map.of("projectcalico.org/RouteReflectorClusterID", "244.0.0.9"));
    assertEquals("244.0.0.9", next.toNode("w1").getMetadata().getAnnotations().get("projectcalico.org/RouteReflectorClusterID"),
        "annotations are restored and stay editable");
    assertEquals("vxlan", next.toNode("w1").getMetadata().getAnnotations().get("flannel.alpha.coreos.com/backend-type"));
    assertEquals(List.of("w1"), next.expire(T0 + 15_001));
    Node lost = next.toNode("w1");
    assertEquals("10.244.0.0/24", lost.getSpec().getPodCIDR());
    assertEquals("Unknown", lost.getStatus().getConditions().get(0).getStatus());
    assertEquals(List.of("NoSchedule", "NoExecute"), lost.getSpec().getTaints().stream().map(Taint::getEffect).toList());
    assertTrue(next.heartbeat(lease("w1", 1), T0 + 16_000));
    assertEquals("True", next.toNode("w1").getStatus().getConditions().get(0).getStatus());
  }
}
