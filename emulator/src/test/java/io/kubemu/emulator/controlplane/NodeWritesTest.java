package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl label, taint and cordon on the nodes the registry makes; the lifecycle's own taints stay its own. */
class NodeWritesTest {
  private final NodeRegistry registry = new NodeRegistry(Duration.ofSeconds(5));

  @Test
  void labelsTaintsAndCordonAreKeptAndServed() {
    registry.heartbeat(NodeRegistryTest.lease("w1", 1), System.currentTimeMillis());
    Writes.Outcome out = NodeWrites.patch(registry, "w1", Patches.MERGE, """
        {"metadata":{"labels":{"disk":"ssd"}},"spec":{"unschedulable":true,
          "taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"},{"key":"node.kubernetes.io/unreachable","effect":"NoExecute"}]}}""",
        registry.toNode("w1"));
    assertEquals(200, out.code());
    Node n = registry.toNode("w1");
    assertEquals("ssd", n.getMetadata().getLabels().get("disk"));
    assertEquals("w1", n.getMetadata().getLabels().get("kubernetes.io/hostname"));
    assertEquals(Boolean.TRUE, n.getSpec().getUnschedulable());
    assertEquals(List.of("dedicated", "node.kubernetes.io/unschedulable"), n.getSpec().getTaints().stream().map(Taint::getKey).toList(),
        "the unreachable taint is the lifecycle controller's to set");
    NodeWrites.patch(registry, "w1", Patches.MERGE, "{\"spec\":{\"unschedulable\":null,\"taints\":null}}", registry.toNode("w1"));
    List<Taint> left = registry.toNode("w1").getSpec().getTaints();
    assertTrue(left == null || left.isEmpty(), String.valueOf(left));
  }

  @Test
  void unknownNodesAndStaleVersionsAreRefused() {
    assertEquals(404, NodeWrites.patch(registry, "w9", Patches.MERGE, "{}", null).code());
    registry.heartbeat(NodeRegistryTest.lease("w1", 1), System.currentTimeMillis());
    Writes.Outcome stale = NodeWrites.update(registry, "w1", "{\"metadata\":{\"name\":\"w1\",\"resourceVersion\":\"3\"}}", "7");
    assertEquals(409, stale.code());
    assertTrue(stale.json().contains("Conflict"));
  }
}
