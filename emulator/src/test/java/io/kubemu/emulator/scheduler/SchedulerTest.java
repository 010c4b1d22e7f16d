package io.kubemu.emulator.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static Node node(String name, Map<String, String> labels) {
    return new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).addToLabels(labels).endMetadata()
        .withNewSpec().endSpec().withNewStatus()
        .withAllocatable(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi"), "pods", new Quantity("3"))).endStatus().build();
  }

  private static PodBuilder pod(String name, String app) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec();
  }

  private static Pod on(Pod p, String node) {
    p.getSpec().setNodeName(node);
    return p;
  }

  private final List<Node> nodes = List.of(node("w1", Map.of("disk", "ssd")), node("w2", Map.of()), node("w3", Map.of("disk", "hdd")));

  @Test
  void podsWithoutRequestsSpreadToTheNodeWithFewestPods() {
    List<Pod> placed = new ArrayList<>(List.of(on(pod("a", "x").build(), "w1"), on(pod("b", "x").build(), "w2")));
    assertEquals(Optional.of("w3"), Scheduler.schedule(pod("c", "x").build(), nodes, placed).node());
  }

  @Test
  void nodeSelectorAndRequiredAffinityFilter() {
    Pod ssd = pod("p", "x").editSpec().addToNodeSelector("disk", "ssd").endSpec().build();
    assertEquals(Optional.of("w1"), Scheduler.schedule(ssd, nodes, List.of()).node());
    Pod notSsd = pod("q", "x").editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("disk").withOperator("In").withValues("hdd").endMatchExpression()
        .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
    assertEquals(Optional.of("w3"), Scheduler.schedule(notSsd, nodes, List.of()).node());
  }

  @Test
  void aTaintKeepsPodsAwayUnlessTolerated() {
    List<Node> tainted = List.of(node("w1", Map.of()));
    tainted.get(0).getSpec().setTaints(List.of(new TaintBuilder().withKey("dedicated").withValue("gpu").withEffect("NoSchedule").build()));
    Scheduler.Decision no = Scheduler.schedule(pod("p", "x").build(), tainted, List.of());
    assertTrue(no.node().isEmpty());
    assertEquals("0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available:"
        + " 1 Preemption is not helpful for scheduling.", no.message());
    Pod tolerant = pod("q", "x").editSpec().withTolerations(new TolerationBuilder().withKey("dedicated").withOperator("Equal")
        .withValue("gpu").withEffect("NoSchedule").build()).endSpec().build();
    assertEquals(Optional.of("w1"), Scheduler.schedule(tolerant, tainted, List.of()).node());
  }

  @Test
  void requestsAndThePodLimitAreCountedAgainstAllocatable() {
    Pod big = pod("big", "x").editSpec().editFirstContainer().withNewResources().addToRequests("cpu", new Quantity("1500m"))
        .endResources().endContainer().endSpec().build();
    List<Pod> placed = List.of(on(Pods.copy(big, "b1"), "w1"), on(Pods.copy(big, "b2"), "w2"), on(Pods.copy(big, "b3"), "w3"));
    Scheduler.Decision d = Scheduler.schedule(big, nodes, placed);
    assertTrue(d.message().startsWith("0/3 nodes are available: 3 Insufficient cpu."), d.message());
    List<Pod> full = new ArrayList<>();
    for (String n : List.of("w1", "w2", "w3")) {
      for (int i = 0; i < 3; i++) {
        full.add(on(pod(n + i, "x").build(), n));
      }
    }
    assertTrue(Scheduler.schedule(pod("one-more", "x").build(), nodes, full).message().contains("3 Too many pods"));
  }

  @Test
  void requiredAntiAffinityPutsReplicasOnDifferentNodes() {
    PodBuilder replica = pod("r", "web").editSpec().withNewAffinity().withNewPodAntiAffinity()
        .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector().addToMatchLabels("app", "web").endLabelSelector()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity().endSpec();
    List<Pod> placed = List.of(on(replica.build(), "w1"), on(replica.build(), "w3"), on(pod("z", "other").build(), "w2"),
        on(pod("z2", "other").build(), "w2"));
    assertEquals(Optional.of("w2"), Scheduler.schedule(replica.build(), nodes, placed).node(),
        "the node with the most pods is the only one without a replica");
    List<Pod> everywhere = List.of(on(replica.build(), "w1"), on(replica.build(), "w2"), on(replica.build(), "w3"));
    assertTrue(Scheduler.schedule(replica.build(), nodes, everywhere).message().contains("3 node(s) didn't match pod anti-affinity rules"));
  }

  @Test
  void anUnschedulableNodeTakesNothingNew() {
    List<Node> cordoned = List.of(node("w1", Map.of()));
    cordoned.get(0).getSpec().setUnschedulable(true);
    assertTrue(Scheduler.schedule(pod("p", "x").build(), cordoned, List.of()).message().contains("1 node(s) were unschedulable"));
  }

  @Test
  void noNodesAtAll() {
    assertEquals("0/0 nodes are available: no nodes registered.", Scheduler.schedule(pod("p", "x").build(), List.of(), List.of()).message());
  }

  /** Copies under another name. */
  private static final class Pods {
    static Pod copy(Pod p, String name) {
      Pod c = new PodBuilder(p).editMetadata().withName(name).endMetadata().build();
      c.setSpec(new io.fabric8.kubernetes.api.model.PodSpecBuilder(p.getSpec()).build());
      return c;
    }
  }
}
