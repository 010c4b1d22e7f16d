package io.kubemu.emulator.controllers.daemonset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubemu.emulator.scheduler.NodeMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node affinity terms and taint tolerations as the scheduler's predicates read them. */
class NodeFitTest {
  private static final Node W1 = DaemonSetReconcilerTest.node("w1", Map.of("zone", "a", "cores", "8"));

  private static PodSpec requiring(NodeSelectorTerm... terms) {
    return new PodSpecBuilder().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withNodeSelectorTerms(terms).endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().build();
  }

  private static NodeSelectorTerm expression(String key, String op, String... values) {
    return new NodeSelectorTerm(List.of(new NodeSelectorRequirement(key, op, List.of(values))), null);
  }

  @Test
  void anyTermMayMatchAndEveryRequirementOfATermMust() {
    assertTrue(NodeMatch.matchesNodeSelector(requiring(expression("zone", "In", "b"), expression("zone", "In", "a")), W1));
    assertTrue(NodeMatch.matchesNodeSelector(requiring(expression("cores", "Gt", "4")), W1));
    assertFalse(NodeMatch.matchesNodeSelector(requiring(expression("cores", "Lt", "4")), W1));
    assertFalse(NodeMatch.matchesNodeSelector(requiring(expression("zone", "NotIn", "a")), W1));
    assertTrue(NodeMatch.matchesNodeSelector(requiring(expression("gpu", "DoesNotExist")), W1));
    assertFalse(NodeMatch.matchesNodeSelector(requiring(new NodeSelectorTerm()), W1), "an empty term matches no node");
    assertTrue(NodeMatch.matchesNodeSelector(requiring(new NodeSelectorTerm(null,
        List.of(new NodeSelectorRequirement("metadata.name", "In", List.of("w1"))))), W1));
  }

  @Test
  void tolerationsMatchByKeyEffectAndValue() {
    Taint taint = new Taint("NoSchedule", "dedicated", null, "db");
    assertTrue(NodeMatch.tolerates(List.of(new Toleration("NoSchedule", "dedicated", "Equal", null, "db")), taint));
    assertFalse(NodeMatch.tolerates(List.of(new Toleration("NoSchedule", "dedicated", "Equal", null, "web")), taint));
    assertFalse(NodeMatch.tolerates(List.of(new Toleration("NoExecute", "dedicated", "Exists", null, null)), taint));
    assertTrue(NodeMatch.tolerates(List.of(new Toleration(null, null, "Exists", null, null)), taint), "an empty key with Exists tolerates all");
  }

  @Test
  void anUntoleratedNoScheduleTaintKeepsNewPodsOffButLetsARunningOneStay() {
    Node tainted = DaemonSetReconcilerTest.node("w2", Map.of(), DaemonSetReconcilerTest.taint("dedicated", "NoSchedule"));
    assertEquals(new NodeFit.Verdict(false, true), NodeFit.of(tainted, new PodSpec()));
    Node evicting = DaemonSetReconcilerTest.node("w3", Map.of(), DaemonSetReconcilerTest.taint("dedicated", "NoExecute"));
    assertEquals(new NodeFit.Verdict(false, false), NodeFit.of(evicting, new PodSpec()));
  }
}
