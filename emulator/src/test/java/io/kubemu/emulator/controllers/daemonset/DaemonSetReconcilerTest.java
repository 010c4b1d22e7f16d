package io.kubemu.emulator.controllers.daemonset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.FakeWorkloadCluster;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.RevisionHash;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonSetReconcilerTest {
  private final FakeWorkloadCluster cluster = new FakeWorkloadCluster();
  private final DaemonSetReconciler controller = new DaemonSetReconciler();

  static Node node(String name, Map<String, String> labels, Taint... taints) {
    return new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).addToLabels(labels)
        .endMetadata().withNewSpec().withTaints(taints).endSpec().build();
  }

  static Taint taint(String key, String effect) {
    return new Taint(effect, key, null, null);
  }

  static DaemonSet daemonSet(String strategy, Map<String, String> nodeSelector) {
    return new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("default").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withNewUpdateStrategy().withType(strategy).endUpdateStrategy()
        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
        .withNewSpec().withNodeSelector(nodeSelector).withRestartPolicy("Always")
        .addNewContainer().withName("c").withImage("busybox:1.36").withCommand("sleep", "infinity").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private DaemonSet current() {
    return cluster.get(DaemonSet.class, "DaemonSet", "default", "agent");
  }

  private List<Pod> pods() {
    return cluster.livePods("default");
  }

  private Pod podOn(String node) {
    return pods().stream().filter(p -> node.equals(p.getSpec().getNodeName())).findFirst().orElseThrow(() -> new AssertionError("no pod on " + node));
  }

  private List<String> nodesWithPods() {
    return pods().stream().map(p -> p.getSpec().getNodeName()).sorted().toList();
  }

  private void settle() {
    cluster.settle(controller, "default/agent");
  }

  @Test
  void onePodGoesToEachNodeThatMatchesTheSelectorAndWhoseTaintsAreTolerated() {
    cluster.add(node("w1", Map.of("disk", "ssd")));
    cluster.add(node("w2", Map.of("disk", "ssd"), taint("dedicated", "NoSchedule")));
    cluster.add(node("w3", Map.of("disk", "hdd")));
    cluster.add(daemonSet("RollingUpdate", Map.of("disk", "ssd")));
    settle();
    assertEquals(List.of("w1"), nodesWithPods());
    Pod p = podOn("w1");
    assertTrue(p.getMetadata().getName().startsWith("agent-"), p.getMetadata().getName());
    assertTrue(Owners.controlledBy(p, current()));
    assertEquals(List.of("w1"), p.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues(), "pinned by node affinity on metadata.name, as Kubernetes does");
    assertTrue(p.getSpec().getTolerations().contains(new TolerationBuilder().withKey("node.kubernetes.io/not-ready")
        .withOperator("Exists").withEffect("NoExecute").build()));
    assertTrue(p.getSpec().getTolerations().contains(new TolerationBuilder().withKey("node.kubernetes.io/unschedulable")
        .withOperator("Exists").withEffect("NoSchedule").build()));
    assertEquals(RevisionHash.of(current().getSpec().getTemplate()), p.getMetadata().getLabels().get("controller-revision-hash"));
    DaemonSetStatus s = current().getStatus();
    assertEquals(List.of(1, 1, 0, 0, 0, 1, 1L), List.of(s.getDesiredNumberScheduled(), s.getCurrentNumberScheduled(),
        s.getNumberMisscheduled(), s.getNumberReady(), s.getNumberAvailable(), s.getUpdatedNumberScheduled(), s.getObservedGeneration()));
  }

  @Test
  void aToleratedTaintLetsTheDaemonOnTheNode() {
    cluster.add(node("w1", Map.of()));
    cluster.add(node("w2", Map.of(), taint("dedicated", "NoSchedule")));
    DaemonSet ds = daemonSet("RollingUpdate", null);
    ds.getSpec().getTemplate().getSpec().setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()));
    cluster.add(ds);
    settle();
    assertEquals(List.of("w1", "w2"), nodesWithPods());
  }

  @Test
  void podsFollowNodesThatStartOrStopMatching() {
    cluster.add(node("w1", Map.of("disk", "ssd")));
    cluster.add(node("w2", Map.of("disk", "hdd")));
    cluster.add(daemonSet("RollingUpdate", Map.of("disk", "ssd")));
    settle();
    cluster.update(node("w2", Map.of("disk", "ssd")));
    cluster.update(node("w1", Map.of("disk", "hdd")));
    cluster.add(node("w3", Map.of("disk", "ssd")));
    settle();
    assertEquals(List.of("w2", "w3"), nodesWithPods());
    assertEquals(0, current().getStatus().getNumberMisscheduled());
  }

  @Test
  void anUnreachableNodeKeepsItsDaemonPodButAnUntoleratedNoExecuteTaintEvictsIt() {
    cluster.add(node("w1", Map.of()));
    cluster.add(node("w2", Map.of()));
    cluster.add(daemonSet("RollingUpdate", null));
    settle();
    cluster.update(node("w1", Map.of(), taint("node.kubernetes.io/unreachable", "NoSchedule"),
        taint("node.kubernetes.io/unreachable", "NoExecute")));
    settle();
    assertEquals(List.of("w1", "w2"), nodesWithPods(), "a daemon pod tolerates unreachable:NoExecute");
    assertEquals(1, current().getStatus().getDesiredNumberScheduled(), "but no new pod would go there: it is not desired");
    assertEquals(1, current().getStatus().getNumberMisscheduled());
    cluster.update(node("w2", Map.of(), taint("maintenance", "NoExecute")));
    settle();
    assertEquals(List.of("w1"), nodesWithPods());
  }

  @Test
  void aSecondPodOnANodeIsAdoptedThenDeletedAndTheOldestStays() {
    cluster.add(node("w1", Map.of()));
    cluster.add(daemonSet("RollingUpdate", null));
    settle();
    Pod first = podOn("w1");
    cluster.advance(Duration.ofMinutes(1));
    Pod stray = DaemonPods.newPod(current(), "w1", "other");
    stray.getMetadata().setName("stray");
    stray.getMetadata().setOwnerReferences(null);
    cluster.add(stray);
    settle();
    assertEquals(List.of(first.getMetadata().getName()), pods().stream().map(p -> p.getMetadata().getName()).toList());
  }

  @Test
  void aFailedDaemonPodIsReplaced() {
    cluster.add(node("w1", Map.of()));
    cluster.add(daemonSet("RollingUpdate", null));
    settle();
    Pod first = podOn("w1");
    cluster.failed(first);
    settle();
    String second = podOn("w1").getMetadata().getName();
    assertNotEquals(first.getMetadata().getName(), second);
    String name = first.getMetadata().getName();
    assertEquals(List.of("SuccessfulCreate: Created pod: " + name,
        "FailedDaemonPod: Found failed daemon pod default/" + name + " on node w1, will try to kill it",
        "SuccessfulDelete: Deleted pod: " + name, "SuccessfulCreate: Created pod: " + second), cluster.events());
    assertTrue(cluster.recorded().stream().allMatch(e -> e.getSource().getComponent().equals("daemonset-controller")
        && e.getInvolvedObject().getName().equals("agent")));
  }

  private void allRunningAndReady() {
    pods().stream().filter(p -> p.getStatus() == null).forEach(p -> cluster.running(p, true));
  }

  @Test
  void aRollingUpdateReplacesOneUnavailablePodAtATime() {
    for (String n : List.of("w1", "w2", "w3")) {
      cluster.add(node(n, Map.of()));
    }
    cluster.add(daemonSet("RollingUpdate", null));
    settle();
    allRunningAndReady();
    settle();
    assertEquals(3, current().getStatus().getNumberAvailable());
    DaemonSet changed = current();
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:1.37");
    cluster.update(changed);
    String newHash = RevisionHash.of(current().getSpec().getTemplate());
    for (int round = 1; round <= 3; round++) {
      settle();
      List<Pod> updated = pods().stream().filter(p -> DaemonPods.isUpdated(p, newHash)).toList();
      assertEquals(round, updated.size(), "one node at a time");
      assertEquals(3, pods().size());
      assertEquals(2, current().getStatus().getNumberAvailable(), "the new pod is not available yet, so nothing else is replaced");
      allRunningAndReady();
    }
    settle();
    DaemonSetStatus s = current().getStatus();
    assertEquals(List.of(3, 3, 3, 2L), List.of(s.getUpdatedNumberScheduled(), s.getNumberAvailable(), s.getNumberReady(),
        s.getObservedGeneration()));
  }

  @Test
  void maxUnavailableAsAPercentageOfTheDesiredPodsIsRoundedUp() {
    for (String n : List.of("w1", "w2", "w3", "w4")) {
      cluster.add(node(n, Map.of()));
    }
    DaemonSet ds = daemonSet("RollingUpdate", null);
    ds.getSpec().getUpdateStrategy().setRollingUpdate(new io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet(
        new IntOrString(0), new IntOrString("30%")));
    cluster.add(ds);
    settle();
    allRunningAndReady();
    settle();
    DaemonSet changed = current();
    changed.getSpec().getTemplate().getMetadata().getLabels().put("tier", "node");
    cluster.update(changed);
    List<Action> writes = cluster.reconcile(controller, "default/agent");
    assertEquals(2, writes.stream().filter(a -> a instanceof Action.Delete).count(), "30% of 4 is 1.2, rounded up to 2");
  }

  @Test
  void onDeleteReplacesOnlyThePodsSomeoneDeletes() {
    cluster.add(node("w1", Map.of()));
    cluster.add(node("w2", Map.of()));
    cluster.add(daemonSet("OnDelete", null));
    settle();
    allRunningAndReady();
    DaemonSet changed = current();
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:1.37");
    cluster.update(changed);
    settle();
    String newHash = RevisionHash.of(current().getSpec().getTemplate());
    assertEquals(0, pods().stream().filter(p -> DaemonPods.isUpdated(p, newHash)).count());
    cluster.delete("Pod", "default", podOn("w1").getMetadata().getName());
    settle();
    assertTrue(DaemonPods.isUpdated(podOn("w1"), newHash));
    assertTrue(!DaemonPods.isUpdated(podOn("w2"), newHash));
    assertEquals(1, current().getStatus().getUpdatedNumberScheduled());
  }

  @Test
  void withMinReadySecondsAReadyPodIsAvailableOnlyLaterAndTheControllerLooksAgainThen() {
    cluster.add(node("w1", Map.of()));
    DaemonSet ds = daemonSet("RollingUpdate", null);
    ds.getSpec().setMinReadySeconds(10);
    cluster.add(ds);
    settle();
    allRunningAndReady();
    cluster.reconcile(controller, "default/agent");
    assertEquals(List.of(1, 0), List.of(current().getStatus().getNumberReady(), current().getStatus().getNumberAvailable()));
    assertEquals(Duration.ofSeconds(10), cluster.requeue);
    cluster.advance(Duration.ofSeconds(10));
    settle();
    assertEquals(1, current().getStatus().getNumberAvailable());
  }
}
