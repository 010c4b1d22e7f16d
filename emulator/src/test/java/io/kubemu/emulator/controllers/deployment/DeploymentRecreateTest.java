package io.kubemu.emulator.controllers.deployment;

import static io.kubemu.emulator.controllers.deployment.Fixtures.KEY;
import static io.kubemu.emulator.controllers.deployment.Fixtures.T0;
import static io.kubemu.emulator.controllers.deployment.Fixtures.activePods;
import static io.kubemu.emulator.controllers.deployment.Fixtures.condition;
import static io.kubemu.emulator.controllers.deployment.Fixtures.deployment;
import static io.kubemu.emulator.controllers.deployment.Fixtures.recreate;
import static io.kubemu.emulator.controllers.deployment.Fixtures.replicaSets;
import static io.kubemu.emulator.controllers.deployment.Fixtures.setImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.emulator.controllers.FakeCluster;
import io.kubemu.emulator.controllers.replicaset.ReplicaSetReconciler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recreate: all old pods gone, terminating ones included, before the new ReplicaSet exists. */
class DeploymentRecreateTest {
  private final DeploymentReconciler deployments = new DeploymentReconciler();
  private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler();
  private final FakeCluster cluster = new FakeCluster(T0);

  @Test
  void oldPodsAreAllGoneBeforeNewOnesAreMade() {
    cluster.podsTerminateGracefully(true);
    cluster.create(recreate(3));
    cluster.settle(deployments, replicaSets);
    assertEquals(3, activePods(cluster).size());
    cluster.makeAllReady();
    cluster.settle(deployments, replicaSets);
    Pod oldPod = activePods(cluster).get(0);
    assertEquals(List.of(KEY), List.copyOf(deployments.keysFor(oldPod, cluster.cache())),
        "a pod's change concerns a Recreate Deployment, which waits for its old pods to go");

    cluster.advance(Duration.ofMinutes(1));
    setImage(cluster, "nginx:1.26");
    cluster.settle(deployments, replicaSets);
    assertEquals(1, replicaSets(cluster).size(), "no new ReplicaSet while old pods run");
    assertEquals(0, replicaSets(cluster).get(0).getSpec().getReplicas());
    List<Pod> terminating = cluster.list(Pod.class, "Pod", "default");
    assertEquals(3, terminating.size());
    assertTrue(terminating.stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() != null));
    assertEquals("ReplicaSet", oldPod.getMetadata().getOwnerReferences().get(0).getKind());

    cluster.finishTerminating();
    cluster.settle(deployments, replicaSets);
    assertEquals(2, replicaSets(cluster).size());
    assertEquals(3, Fixtures.withImage(cluster, "nginx:1.26").getSpec().getReplicas());
    assertEquals(3, activePods(cluster).size());
    assertTrue(activePods(cluster).stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:1.26")));
    cluster.makeAllReady();
    cluster.settle(deployments, replicaSets);
    assertEquals("NewReplicaSetAvailable", condition(deployment(cluster), "Progressing").getReason());
    assertEquals(List.of(), cluster.conflicts());
  }
}
