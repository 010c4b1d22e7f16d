package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kubectl label, annotate, taint and cordon, and kubemu apply of a Node, on the nodes the registry makes; the
 * lifecycle's own taints and flannel's annotations stay the registry's.
 */
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

  /** Route reflectors are picked by a label and given a cluster ID by an annotation, as Calico reads Kubernetes nodes. */
  @Test
  void annotationsAreKeptButFlannelsStayTheRegistrys() {
    registry.heartbeat(NodeRegistryTest.lease("w2", 2), System.currentTimeMillis());
    Writes.Outcome out = NodeWrites.patch(registry, "w2", Patches.MERGE, """
        {"metadata":{"labels":{"route-reflector":"true"},"annotations":{"projectcalico.org/RouteReflectorClusterID":"244.0.0.1",
          "flannel.alpha.coreos.com/public-ip":"1.2.3.4"}}}""", registry.toNode("w2"));
    assertEquals(200, out.code());
    registry.heartbeat(NodeRegistryTest.lease("w2", 2), System.currentTimeMillis() + 1000);
    Node n = registry.toNode("w2");
    assertEquals("true", n.getMetadata().getLabels().get("route-reflector"), "labels survive heartbeats");
    assertEquals("244.0.0.1", n.getMetadata().getAnnotations().get("projectcalico.org/RouteReflectorClusterID"));
    assertEquals("172.18.0.3", n.getMetadata().getAnnotations().get("flannel.alpha.coreos.com/public-ip"));
    NodeWrites.patch(registry, "w2", Patches.JSON_PATCH, "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/"
        + "projectcalico.org~1RouteReflectorClusterID\"}]", registry.toNode("w2"));
    assertEquals(null, registry.toNode("w2").getMetadata().getAnnotations().get("projectcalico.org/RouteReflectorClusterID"));
  }

  @Test
  void invalidLabelsAreRefusedWithTheApiServersMessage() {
    registry.heartbeat(NodeRegistryTest.lease("w1", 1), System.currentTimeMillis());
    Writes.Outcome out = NodeWrites.patch(registry, "w1", Patches.MERGE, "{\"metadata\":{\"labels\":{\"rack\":\"a b\"}}}",
        registry.toNode("w1"));
    assertEquals(422, out.code());
    assertTrue(out.json().contains("Node \\\"w1\\\" is invalid: metadata.labels[rack]: Invalid value: \\\"a b\\\""), out.json());
  }

  @Test
  void anAppliedNodeSetsLabelsAndAnnotationsOfAnExistingNodeOnly() {
    registry.heartbeat(NodeRegistryTest.lease("w1", 1), System.currentTimeMillis());
    NodeWrites.patch(registry, "w1", Patches.MERGE, "{\"spec\":{\"unschedulable\":true}}", registry.toNode("w1"));
    Node manifest = new NodeBuilder().withNewMetadata().withName("w1").addToLabels("rack", "a")
        .addToAnnotations("projectcalico.org/RouteReflectorClusterID", "244.0.0.2").endMetadata()
        .withNewSpec().withPodCIDR("10.0.0.0/8").endSpec().build();
    assertNull(NodeWrites.admitApply(registry, manifest));
    NodeWrites.apply(registry, manifest);
    Node n = registry.toNode("w1");
    assertEquals("a", n.getMetadata().getLabels().get("rack"));
    assertEquals("244.0.0.2", n.getMetadata().getAnnotations().get("projectcalico.org/RouteReflectorClusterID"));
    assertEquals("10.244.0.0/24", n.getSpec().getPodCIDR(), "the spec stays the registry's");
    assertEquals(Boolean.TRUE, n.getSpec().getUnschedulable(), "and the cordon the kubectl's that set it");
    Admission.Refusal missing = NodeWrites.admitApply(registry, new NodeBuilder().withNewMetadata().withName("w9").endMetadata().build());
    assertEquals(404, missing.code());
    assertTrue(missing.statusJson().contains("nodes \\\"w9\\\" not found: kubemu's nodes come from its hosts"), missing.statusJson());
  }
}
