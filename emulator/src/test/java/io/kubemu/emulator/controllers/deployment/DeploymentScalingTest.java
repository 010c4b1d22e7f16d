package io.kubemu.emulator.controllers.deployment;

import static io.kubemu.emulator.controllers.deployment.Fixtures.T0;
import static io.kubemu.emulator.controllers.deployment.Fixtures.activePods;
import static io.kubemu.emulator.controllers.deployment.Fixtures.condition;
import static io.kubemu.emulator.controllers.deployment.Fixtures.deployment;
import static io.kubemu.emulator.controllers.deployment.Fixtures.replicaSets;
import static io.kubemu.emulator.controllers.deployment.Fixtures.setImage;
import static io.kubemu.emulator.controllers.deployment.Fixtures.setReplicas;
import static io.kubemu.emulator.controllers.deployment.Fixtures.web;
import static io.kubemu.emulator.controllers.deployment.Fixtures.withImage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.FakeCluster;
import io.kubemu.emulator.controllers.replicaset.ReplicaSetReconciler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.replicas changes without a template change, alone and in the middle of a rollout, and spec.paused. */
class DeploymentScalingTest {
  private final DeploymentReconciler deployments = new DeploymentReconciler();
  private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler();
  private final FakeCluster cluster = new FakeCluster(T0);

  private void rollOut(Deployment d) {
    cluster.create(d);
    cluster.settle(deployments, replicaSets);
    cluster.makeAllReady();
    cluster.settle(deployments, replicaSets);
  }

  @Test
  void scalingResizesTheOnlyReplicaSet() {
    rollOut(web(3));
    setReplicas(cluster, 5);
    cluster.settle(deployments, replicaSets);
    ReplicaSet rs = replicaSets(cluster).get(0);
    assertEquals(1, replicaSets(cluster).size(), "no new ReplicaSet for a scale");
    assertEquals(5, rs.getSpec().getReplicas());
    assertEquals("5", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/desired-replicas"));
    assertEquals("7", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/max-replicas"), "5 + 25% of 5 rounded up");
    assertEquals(5, activePods(cluster).size());

    setReplicas(cluster, 1);
    cluster.settle(deployments, replicaSets);
    assertEquals(1, replicaSets(cluster).get(0).getSpec().getReplicas());
    assertEquals(1, activePods(cluster).size());
    assertEquals(1, deployment(cluster).getStatus().getReplicas());
    assertEquals(List.of(), cluster.conflicts());
  }

  /**
   * The example of the Kubernetes documentation: 10 replicas, maxSurge 3, maxUnavailable 2, a
   * rollout stuck on an image that never gets ready (8 old, 5 new); scaled to 15, the 5 more go
   * 3 to the old ReplicaSet and 2 to the new one.
   */
  @Test
  void scalingInTheMiddleOfARolloutIsProportional() {
    Deployment d = web(10);
    d.getSpec().getStrategy().getRollingUpdate().setMaxSurge(new IntOrString(3));
    d.getSpec().getStrategy().getRollingUpdate().setMaxUnavailable(new IntOrString(2));
    rollOut(d);
    cluster.advance(Duration.ofMinutes(1));
    setImage(cluster, "nginx:sometag");
    cluster.settle(deployments, replicaSets);
    assertEquals(8, withImage(cluster, "nginx:1.25").getSpec().getReplicas());
    assertEquals(5, withImage(cluster, "nginx:sometag").getSpec().getReplicas());

    setReplicas(cluster, 15);
    cluster.settle(deployments, replicaSets);
    ReplicaSet old = withImage(cluster, "nginx:1.25");
    ReplicaSet next = withImage(cluster, "nginx:sometag");
    assertEquals(11, old.getSpec().getReplicas());
    assertEquals(7, next.getSpec().getReplicas());
    for (ReplicaSet rs : List.of(old, next)) {
      assertEquals("15", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/desired-replicas"));
      assertEquals("18", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/max-replicas"));
    }

    setReplicas(cluster, 5);
    cluster.settle(deployments, replicaSets);
    int total = withImage(cluster, "nginx:1.25").getSpec().getReplicas() + withImage(cluster, "nginx:sometag").getSpec().getReplicas();
    assertEquals(8, total, "5 + maxSurge 3, shared in proportion");
    assertEquals(List.of(), cluster.conflicts());
  }

  @Test
  void aPausedDeploymentScalesButDoesNotRollOutUntilResumed() {
    rollOut(web(3));
    Deployment d = deployment(cluster);
    d.getSpec().setPaused(true);
    cluster.update(d);
    cluster.settle(deployments, replicaSets);
    var paused = condition(deployment(cluster), "Progressing");
    assertEquals("Unknown", paused.getStatus());
    assertEquals("DeploymentPaused", paused.getReason());
    assertEquals("Deployment is paused", paused.getMessage());

    cluster.advance(Duration.ofMinutes(1));
    setImage(cluster, "nginx:1.26");
    setReplicas(cluster, 4);
    cluster.settle(deployments, replicaSets);
    assertEquals(1, replicaSets(cluster).size(), "no rollout while paused");
    assertEquals(4, replicaSets(cluster).get(0).getSpec().getReplicas(), "but scaling applies");
    Deployment status = deployment(cluster);
    assertEquals(status.getMetadata().getGeneration(), status.getStatus().getObservedGeneration());

    d = deployment(cluster);
    d.getSpec().setPaused(false);
    cluster.update(d);
    for (int i = 0; i < 10; i++) {
      cluster.settle(deployments, replicaSets);
      cluster.makeAllReady();
    }
    cluster.settle(deployments, replicaSets);
    assertEquals(4, withImage(cluster, "nginx:1.26").getSpec().getReplicas());
    assertEquals(0, withImage(cluster, "nginx:1.25").getSpec().getReplicas());
    assertEquals("NewReplicaSetAvailable", condition(deployment(cluster), "Progressing").getReason());
    assertEquals(List.of(), cluster.conflicts());
  }
}
