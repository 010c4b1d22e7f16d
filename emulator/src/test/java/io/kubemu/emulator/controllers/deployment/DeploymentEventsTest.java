package io.kubemu.emulator.controllers.deployment;

import static io.kubemu.emulator.controllers.deployment.Fixtures.KEY;
import static io.kubemu.emulator.controllers.deployment.Fixtures.T0;
import static io.kubemu.emulator.controllers.deployment.Fixtures.replicaSets;
import static io.kubemu.emulator.controllers.deployment.Fixtures.setImage;
import static io.kubemu.emulator.controllers.deployment.Fixtures.setReplicas;
import static io.kubemu.emulator.controllers.deployment.Fixtures.web;
import static io.kubemu.emulator.controllers.deployment.Fixtures.withImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.FakeCluster;
import io.kubemu.emulator.controllers.replicaset.ReplicaSetReconciler;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Events kubectl describe shows for a Deployment and its ReplicaSets: ScalingReplicaSet, SuccessfulCreate, SuccessfulDelete. */
class DeploymentEventsTest {
  private final DeploymentReconciler deployments = new DeploymentReconciler();
  private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler();
  private final FakeCluster cluster = new FakeCluster(T0);

  private String rolledOut(int replicas) {
    cluster.create(web(replicas));
    cluster.settle(deployments, replicaSets);
    cluster.makeAllReady();
    cluster.settle(deployments, replicaSets);
    return replicaSets(cluster).get(0).getMetadata().getName();
  }

  @Test
  void aNewDeploymentScalesUpItsReplicaSetWhichCreatesThePods() {
    String rs = rolledOut(3);
    assertEquals(List.of("ScalingReplicaSet: Scaled up replica set " + rs + " from 0 to 3"), cluster.events("Deployment", "web"));
    List<String> podNames = cluster.list(Pod.class, "Pod", "default").stream().map(p -> "SuccessfulCreate: Created pod: "
        + p.getMetadata().getName()).sorted().toList();
    assertEquals(podNames, cluster.events("ReplicaSet", rs).stream().sorted().toList());
    Event scaled = cluster.events().stream().filter(e -> e.getReason().equals("ScalingReplicaSet")).findFirst().orElseThrow();
    assertEquals(List.of("Normal", "deployment-controller", "apps/v1", "Deployment", "default"), List.of(scaled.getType(),
        scaled.getSource().getComponent(), scaled.getInvolvedObject().getApiVersion(), scaled.getInvolvedObject().getKind(),
        scaled.getMetadata().getNamespace()));
  }

  /** maxSurge 1 and maxUnavailable 0 of 3 replicas: one up, one down, three times over, as kubectl describe shows a rollout. */
  @Test
  void aRolloutIsASeriesOfScalesUpAndDown() {
    String old = rolledOut(3);
    setImage(cluster, "nginx:1.26");
    for (int round = 0; round < 10; round++) {
      cluster.settle(deployments, replicaSets);
      cluster.makeAllReady();
    }
    String fresh = withImage(cluster, "nginx:1.26").getMetadata().getName();
    assertEquals(List.of(
        "ScalingReplicaSet: Scaled up replica set " + old + " from 0 to 3",
        "ScalingReplicaSet: Scaled up replica set " + fresh + " from 0 to 1",
        "ScalingReplicaSet: Scaled down replica set " + old + " from 3 to 2",
        "ScalingReplicaSet: Scaled up replica set " + fresh + " from 1 to 2",
        "ScalingReplicaSet: Scaled down replica set " + old + " from 2 to 1",
        "ScalingReplicaSet: Scaled up replica set " + fresh + " from 2 to 3",
        "ScalingReplicaSet: Scaled down replica set " + old + " from 1 to 0"), cluster.events("Deployment", "web"));
    assertEquals(3, cluster.events("ReplicaSet", old).stream().filter(e -> e.startsWith("SuccessfulDelete: Deleted pod: ")).count());
  }

  @Test
  void aScaleIsRecordedOnlyOnceTheReplicaSetWriteSucceeded() {
    String rs = rolledOut(3);
    setReplicas(cluster, 5);
    List<Action> actions = deployments.reconcile(KEY, cluster.cache(), cluster.now());
    Action.Update resize = actions.stream().filter(a -> a instanceof Action.Update).map(a -> (Action.Update) a).findFirst().orElseThrow();
    assertEquals(Optional.empty(), resize.then().event(Action.Answer.failed(409, "the object has been modified")));
    assertEquals("Scaled up replica set " + rs + " from 3 to 5", resize.then().event(Action.Answer.ok(resize.object())).orElseThrow().getMessage());
  }

  @Test
  void writesThatResizeNothingRecordNothing() {
    rolledOut(2);
    int before = cluster.events().size();
    setReplicas(cluster, 2);
    cluster.settle(deployments, replicaSets);
    assertEquals(before, cluster.events().size());
    setReplicas(cluster, 1);
    cluster.settle(deployments, replicaSets);
    assertTrue(cluster.events("Deployment", "web").get(1).matches("ScalingReplicaSet: Scaled down replica set web-\\w+ from 2 to 1"),
        cluster.events("Deployment", "web").toString());
  }
}
