package io.kubemu.emulator.controllers.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.FakeWorkloadCluster;
import io.kubemu.emulator.controllers.Owners;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulSetReconcilerTest {
  private final FakeWorkloadCluster cluster = new FakeWorkloadCluster();
  private final StatefulSetReconciler controller = new StatefulSetReconciler();

  static StatefulSet statefulSet(int replicas, String podManagementPolicy, String strategy) {
    return new StatefulSetBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(replicas).withServiceName("web").withPodManagementPolicy(podManagementPolicy)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewUpdateStrategy().withType(strategy).endUpdateStrategy()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().withRestartPolicy("Always")
        .addNewContainer().withName("c").withImage("udp-echo").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private StatefulSet current() {
    return cluster.get(StatefulSet.class, "StatefulSet", "default", "web");
  }

  private List<String> podNames() {
    return cluster.livePods("default").stream().map(p -> p.getMetadata().getName()).sorted().toList();
  }

  private void settle() {
    cluster.settle(controller, "default/web");
  }

  private void ready(String name) {
    cluster.running(cluster.pod("default", name), true);
    settle();
  }

  private void scale(int replicas) {
    StatefulSet s = current();
    s.getSpec().setReplicas(replicas);
    cluster.update(s);
  }

  private void changeImage(String image) {
    StatefulSet s = current();
    s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    cluster.update(s);
  }

  @Test
  void orderedReadyCreatesEachPodOnlyWhenItsPredecessorsAreRunningAndReady() {
    cluster.add(statefulSet(3, "OrderedReady", "RollingUpdate"));
    settle();
    assertEquals(List.of("web-0"), podNames());
    Pod web0 = cluster.pod("default", "web-0");
    assertEquals("web-0", web0.getSpec().getHostname());
    assertEquals("web", web0.getSpec().getSubdomain());
    assertEquals("web-0", web0.getMetadata().getLabels().get("statefulset.kubernetes.io/pod-name"));
    assertEquals("0", web0.getMetadata().getLabels().get("apps.kubernetes.io/pod-index"));
    assertEquals(current().getStatus().getUpdateRevision(), web0.getMetadata().getLabels().get("controller-revision-hash"));
    assertTrue(web0.getMetadata().getLabels().get("controller-revision-hash").startsWith("web-"));
    assertTrue(Owners.controlledBy(web0, current()));
    cluster.running(web0, false);
    settle();
    assertEquals(List.of("web-0"), podNames(), "Running is not enough: web-0 must be Ready");
    ready("web-0");
    assertEquals(List.of("web-0", "web-1"), podNames());
    ready("web-1");
    ready("web-2");
    StatefulSetStatus s = current().getStatus();
    assertEquals(List.of(3, 3, 3, 3, 3, 1L), List.of(s.getReplicas(), s.getReadyReplicas(), s.getAvailableReplicas(),
        s.getCurrentReplicas(), s.getUpdatedReplicas(), s.getObservedGeneration()));
    assertEquals(s.getUpdateRevision(), s.getCurrentRevision());
  }

  private void threeReady(String policy, String strategy) {
    cluster.add(statefulSet(3, policy, strategy));
    for (String name : List.of("web-0", "web-1", "web-2")) {
      settle();
      ready(name);
    }
  }

  @Test
  void scalingDownRemovesTheHighestOrdinalFirstAndWaitsForItToBeGone() {
    threeReady("OrderedReady", "RollingUpdate");
    cluster.gracefulPodDeletion = true;
    scale(1);
    settle();
    assertEquals(List.of("web-0", "web-1"), podNames(), "web-2 is terminating");
    settle();
    assertEquals(List.of("web-0", "web-1"), podNames(), "web-1 waits for web-2 to be gone");
    cluster.finishTerminating();
    settle();
    assertEquals(List.of("web-0"), podNames());
    cluster.finishTerminating();
    settle();
    assertEquals(1, current().getStatus().getReplicas());
  }

  @Test
  void parallelCreatesAndDeletesAllAtOnce() {
    cluster.add(statefulSet(3, "Parallel", "RollingUpdate"));
    List<Action> first = cluster.reconcile(controller, "default/web");
    assertEquals(3, first.stream().filter(a -> a instanceof Action.Create).count());
    assertEquals(List.of("web-0", "web-1", "web-2"), podNames());
    scale(0);
    List<Action> down = cluster.reconcile(controller, "default/web");
    assertEquals(3, down.stream().filter(a -> a instanceof Action.Delete).count(), "not ready, yet deleted, all at once");
  }

  @Test
  void aFailedPodIsDeletedAndRecreatedUnderTheSameName() {
    threeReady("OrderedReady", "RollingUpdate");
    Pod before = cluster.pod("default", "web-1");
    cluster.failed(before);
    settle();
    Pod after = cluster.pod("default", "web-1");
    assertNotEquals(before.getMetadata().getUid(), after.getMetadata().getUid());
    assertEquals("web-1", after.getSpec().getHostname());
    List<String> events = cluster.events();
    assertEquals(List.of("RecreatingFailedPod: StatefulSet default/web is recreating failed Pod web-1",
        "SuccessfulDelete: delete Pod web-1 in StatefulSet web successful",
        "SuccessfulCreate: create Pod web-1 in StatefulSet web successful"), events.subList(events.size() - 3, events.size()));
  }

  @Test
  void eachPodCreatedOrDeletedIsRecordedOnTheSet() {
    cluster.add(statefulSet(2, "Parallel", "RollingUpdate"));
    settle();
    scale(1);
    settle();
    assertEquals(List.of("SuccessfulCreate: create Pod web-0 in StatefulSet web successful",
        "SuccessfulCreate: create Pod web-1 in StatefulSet web successful",
        "SuccessfulDelete: delete Pod web-1 in StatefulSet web successful"), cluster.events());
    assertTrue(cluster.recorded().stream().allMatch(e -> e.getSource().getComponent().equals("statefulset-controller")
        && e.getInvolvedObject().getKind().equals("StatefulSet") && e.getInvolvedObject().getName().equals("web")));
    scale(2);
    Action.Create again = controller.reconcile("default/web", cluster.cache(), cluster.now()).stream()
        .filter(a -> a instanceof Action.Create).map(a -> (Action.Create) a).findFirst().orElseThrow();
    assertEquals("FailedCreate: create Pod web-1 in StatefulSet web failed error: quota exceeded",
        again.then().event(Action.Answer.failed(403, "quota exceeded")).map(e -> e.getReason() + ": " + e.getMessage()).orElseThrow());
    assertTrue(again.then().event(Action.Answer.failed(409, "exists")).isEmpty(), "AlreadyExists records nothing");
  }

  private String revisionOf(String pod) {
    return cluster.pod("default", pod).getMetadata().getLabels().get("controller-revision-hash");
  }

  @Test
  void aRollingUpdateGoesFromTheHighestOrdinalDownOneReadyPodAtATime() {
    threeReady("OrderedReady", "RollingUpdate");
    String old = current().getStatus().getCurrentRevision();
    changeImage("udp-echo:2");
    settle();
    String next = current().getStatus().getUpdateRevision();
    assertNotEquals(old, next);
    assertEquals(List.of(old, old, next), List.of(revisionOf("web-0"), revisionOf("web-1"), revisionOf("web-2")));
    settle();
    assertEquals(old, revisionOf("web-1"), "web-1 waits for the new web-2 to be Ready");
    ready("web-2");
    assertEquals(List.of(old, next, next), List.of(revisionOf("web-0"), revisionOf("web-1"), revisionOf("web-2")));
    ready("web-1");
    assertEquals(next, revisionOf("web-0"));
    ready("web-0");
    StatefulSetStatus s = current().getStatus();
    assertEquals(List.of(next, next, 3, 3, 2L), List.of(s.getCurrentRevision(), s.getUpdateRevision(), s.getCurrentReplicas(),
        s.getUpdatedReplicas(), s.getObservedGeneration()));
  }

  @Test
  void aPartitionKeepsTheLowerOrdinalsOnTheCurrentRevision() {
    threeReady("OrderedReady", "RollingUpdate");
    StatefulSet s = current();
    s.getSpec().getUpdateStrategy().setRollingUpdate(new RollingUpdateStatefulSetStrategy(null, 2));
    s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("udp-echo:2");
    cluster.update(s);
    String old = current().getStatus().getCurrentRevision();
    settle();
    ready("web-2");
    String next = current().getStatus().getUpdateRevision();
    assertEquals(List.of(old, old, next), List.of(revisionOf("web-0"), revisionOf("web-1"), revisionOf("web-2")));
    assertEquals(List.of(2, 1), List.of(current().getStatus().getCurrentReplicas(), current().getStatus().getUpdatedReplicas()));
  }

  @Test
  void onDeleteReplacesOnlyDeletedPods() {
    threeReady("OrderedReady", "OnDelete");
    String old = current().getStatus().getCurrentRevision();
    changeImage("udp-echo:2");
    settle();
    assertEquals(List.of(old, old, old), List.of(revisionOf("web-0"), revisionOf("web-1"), revisionOf("web-2")));
    cluster.delete("Pod", "default", "web-1");
    settle();
    assertEquals(current().getStatus().getUpdateRevision(), revisionOf("web-1"));
    assertEquals(old, revisionOf("web-2"));
  }
}
