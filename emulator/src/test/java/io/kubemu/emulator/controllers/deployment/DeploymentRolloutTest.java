package io.kubemu.emulator.controllers.deployment;

import static io.kubemu.emulator.controllers.deployment.Fixtures.KEY;
import static io.kubemu.emulator.controllers.deployment.Fixtures.T0;
import static io.kubemu.emulator.controllers.deployment.Fixtures.activePods;
import static io.kubemu.emulator.controllers.deployment.Fixtures.condition;
import static io.kubemu.emulator.controllers.deployment.Fixtures.count;
import static io.kubemu.emulator.controllers.deployment.Fixtures.deployment;
import static io.kubemu.emulator.controllers.deployment.Fixtures.replicaSets;
import static io.kubemu.emulator.controllers.deployment.Fixtures.web;
import static io.kubemu.emulator.controllers.deployment.Fixtures.withImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.FakeCluster;
import io.kubemu.emulator.controllers.Pods;
import io.kubemu.emulator.controllers.replicaset.ReplicaSetReconciler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Deployment's first ReplicaSet, a RollingUpdate step by step, and the status kubectl rollout status reads. */
class DeploymentRolloutTest {
  private final DeploymentReconciler deployments = new DeploymentReconciler();
  private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler();
  private final FakeCluster cluster = new FakeCluster(T0);

  /** Creates web, lets it roll out with every pod ready, and returns it. */
  private Deployment rolledOut(Deployment d) {
    cluster.create(d);
    cluster.settle(deployments, replicaSets);
    cluster.makeAllReady();
    cluster.settle(deployments, replicaSets);
    return deployment(cluster);
  }

  @Test
  void aNewDeploymentCreatesAReplicaSetNamedByTheTemplateHash() {
    cluster.create(web(3));
    cluster.reconcile(deployments, KEY);
    List<ReplicaSet> sets = replicaSets(cluster);
    assertEquals(1, sets.size());
    ReplicaSet rs = sets.get(0);
    String hash = rs.getMetadata().getLabels().get("pod-template-hash");
    assertTrue(hash.matches("[456789bcdf]{1,10}"), hash);
    assertEquals("web-" + hash, rs.getMetadata().getName());
    assertEquals(Map.of("app", "web", "pod-template-hash", hash), rs.getSpec().getSelector().getMatchLabels());
    assertEquals(Map.of("app", "web", "pod-template-hash", hash), rs.getSpec().getTemplate().getMetadata().getLabels());
    assertEquals(Map.of("app", "web", "pod-template-hash", hash), rs.getMetadata().getLabels());
    assertEquals(3, rs.getSpec().getReplicas());
    assertEquals("1", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    assertEquals("3", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/desired-replicas"));
    assertEquals("4", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/max-replicas"), "3 + 25% surge rounded up");
    var ref = rs.getMetadata().getOwnerReferences().get(0);
    assertEquals("Deployment", ref.getKind());
    assertEquals(deployment(cluster).getMetadata().getUid(), ref.getUid());
    assertTrue(ref.getController());
    Deployment d = deployment(cluster);
    assertEquals("1", d.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    assertEquals("NewReplicaSetCreated", condition(d, "Progressing").getReason());
    assertEquals("Created new replica set \"" + rs.getMetadata().getName() + "\"", condition(d, "Progressing").getMessage());
    assertEquals(List.of(), cluster.conflicts());
    assertEquals(List.of(KEY), List.copyOf(deployments.keysFor(rs, cluster.cache())), "a ReplicaSet's change concerns its Deployment");
    cluster.settle(replicaSets);
    Pod pod = activePods(cluster).get(0);
    assertEquals(List.of(), List.copyOf(deployments.keysFor(pod, cluster.cache())), "a RollingUpdate needs no pod events");
  }

  @Test
  void aCompleteRolloutReportsWhatKubectlRolloutStatusWaitsFor() {
    cluster.create(web(3));
    cluster.settle(deployments, replicaSets);
    Deployment d = deployment(cluster);
    assertEquals(3, count(d.getStatus().getReplicas()));
    assertEquals(3, count(d.getStatus().getUpdatedReplicas()));
    assertEquals(0, count(d.getStatus().getAvailableReplicas()));
    assertEquals(3, count(d.getStatus().getUnavailableReplicas()));
    assertEquals("False", condition(d, "Available").getStatus());
    assertEquals("MinimumReplicasUnavailable", condition(d, "Available").getReason());
    assertEquals(3, activePods(cluster).size());

    cluster.advance(Duration.ofSeconds(5));
    cluster.makeAllReady();
    cluster.settle(deployments, replicaSets);
    d = deployment(cluster);
    DeploymentStatus s = d.getStatus();
    assertEquals(d.getMetadata().getGeneration(), s.getObservedGeneration());
    assertEquals(List.of(3, 3, 3, 3, 0), List.of(count(s.getReplicas()), count(s.getUpdatedReplicas()), count(s.getReadyReplicas()),
        count(s.getAvailableReplicas()), count(s.getUnavailableReplicas())));
    assertEquals("True", condition(d, "Available").getStatus());
    assertEquals("MinimumReplicasAvailable", condition(d, "Available").getReason());
    assertEquals("Deployment has minimum availability.", condition(d, "Available").getMessage());
    var progressing = condition(d, "Progressing");
    assertEquals("True", progressing.getStatus());
    assertEquals("NewReplicaSetAvailable", progressing.getReason());
    assertEquals("ReplicaSet \"" + replicaSets(cluster).get(0).getMetadata().getName() + "\" has successfully progressed.",
        progressing.getMessage());
    assertEquals(List.of("Available", "Progressing"), s.getConditions().stream().map(c -> c.getType()).toList());
    assertEquals(List.of(), cluster.conflicts());
    assertEquals(List.of(), cluster.noOpWrites());
  }

  /**
   * The image changes on a Deployment of 10, and pods of the new ReplicaSet become ready one at a
   * time: at every step no more than replicas + maxSurge pods exist and no fewer than replicas -
   * maxUnavailable are available, until every pod is of the new template.
   */
  @ParameterizedTest(name = "maxSurge {0}, maxUnavailable {1}")
  @CsvSource({"25%, 25%, 3, 2", "0, 1, 0, 1", "1, 0, 1, 0", "50%, 0, 5, 0", "0%, 0%, 0, 1", "100%, 100%, 10, 10"})
  void aRollingUpdateStaysWithinSurgeAndUnavailability(String surge, String unavailable, int maxSurge, int maxUnavailable) {
    Deployment d = web(10);
    d.getSpec().getStrategy().getRollingUpdate().setMaxSurge(intOrPercent(surge));
    d.getSpec().getStrategy().getRollingUpdate().setMaxUnavailable(intOrPercent(unavailable));
    rolledOut(d);
    cluster.advance(Duration.ofMinutes(1));
    Fixtures.setImage(cluster, "nginx:1.26");
    int steps = 0;
    boolean mixed = false;
    while (!complete(deployment(cluster))) {
      assertTrue(++steps < 100, "the rollout finishes");
      cluster.reconcile(deployments, KEY);
      cluster.settle(replicaSets);
      checkBounds(10 + maxSurge, 10 - maxUnavailable);
      mixed |= activePods(cluster).stream().map(p -> p.getSpec().getContainers().get(0).getImage()).distinct().count() == 2;
      cluster.advance(Duration.ofSeconds(1));
      cluster.makeReady(p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:1.26"), 1);
      cluster.settle(replicaSets);
      checkBounds(10 + maxSurge, 10 - maxUnavailable);
    }
    assertTrue(mixed || maxUnavailable == 10, "old and new pods ran side by side (unless all may be unavailable at once)");
    ReplicaSet next = withImage(cluster, "nginx:1.26");
    ReplicaSet previous = withImage(cluster, "nginx:1.25");
    assertEquals(10, next.getSpec().getReplicas());
    assertEquals(0, previous.getSpec().getReplicas());
    assertEquals("2", next.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    assertEquals("2", deployment(cluster).getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    assertEquals(10, activePods(cluster).size());
    assertTrue(activePods(cluster).stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:1.26")));
    assertEquals(List.of(), cluster.conflicts());
    assertEquals(List.of(), cluster.noOpWrites());
  }

  private static IntOrString intOrPercent(String v) {
    return v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
  }

  private void checkBounds(int maxPods, int minAvailable) {
    List<Pod> pods = activePods(cluster);
    long available = pods.stream().filter(Pods::isReady).count();
    assertTrue(pods.size() <= maxPods, pods.size() + " pods (expected: at most " + maxPods + ")");
    assertTrue(available >= minAvailable, available + " available (expected: at least " + minAvailable + ")");
    int sized = replicaSets(cluster).stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum();
    assertTrue(sized <= maxPods, sized + " replicas over all ReplicaSets (expected: at most " + maxPods + ")");
  }

  private static boolean complete(Deployment d) {
    DeploymentStatus s = d.getStatus();
    return s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= d.getMetadata().getGeneration()
        && count(s.getUpdatedReplicas()) == 10 && count(s.getReplicas()) == 10 && count(s.getAvailableReplicas()) == 10;
  }

  @Test
  void minReadySecondsHoldsAvailabilityBackAndReachesTheReplicaSet() {
    Deployment d = web(2);
    d.getSpec().setMinReadySeconds(10);
    cluster.create(d);
    cluster.settle(deployments, replicaSets);
    assertEquals(10, replicaSets(cluster).get(0).getSpec().getMinReadySeconds());
    cluster.makeAllReady();
    cluster.settle(deployments, replicaSets);
    assertEquals(2, count(deployment(cluster).getStatus().getReadyReplicas()));
    assertEquals(0, count(deployment(cluster).getStatus().getAvailableReplicas()));
    assertEquals("False", condition(deployment(cluster), "Available").getStatus(), "25% of 2 rounds down: none may be unavailable");

    cluster.advance(Duration.ofSeconds(10));
    cluster.settle(deployments, replicaSets);
    assertEquals(2, count(deployment(cluster).getStatus().getAvailableReplicas()));
    assertEquals("NewReplicaSetAvailable", condition(deployment(cluster), "Progressing").getReason());

    Deployment faster = deployment(cluster);
    faster.getSpec().setMinReadySeconds(0);
    cluster.update(faster);
    cluster.settle(deployments, replicaSets);
    assertEquals(1, replicaSets(cluster).size(), "minReadySeconds is not part of the template");
    assertEquals(0, count(replicaSets(cluster).get(0).getSpec().getMinReadySeconds()));
    assertEquals(List.of(), cluster.conflicts());
  }

  @Test
  void progressIsReportedWhileRollingAndTheDeadlineFailsAStuckRollout() {
    Deployment d = web(4);
    d.getSpec().setProgressDeadlineSeconds(60);
    rolledOut(d);
    cluster.advance(Duration.ofMinutes(5));
    Fixtures.setImage(cluster, "nginx:does-not-exist");
    cluster.settle(deployments, replicaSets);
    Deployment rolling = deployment(cluster);
    assertEquals("ReplicaSetUpdated", condition(rolling, "Progressing").getReason(), "new pods were made");
    assertEquals(Fixtures.T0.plus(Duration.ofSeconds(300)).toString(), condition(rolling, "Progressing").getLastUpdateTime());
    assertEquals(Duration.ofSeconds(61), cluster.requeues().get("deployment|" + KEY), "looked at again just past the deadline");

    cluster.advance(Duration.ofSeconds(30));
    cluster.makeReady(p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:does-not-exist"), 1);
    cluster.settle(deployments, replicaSets);
    rolling = deployment(cluster);
    assertEquals("ReplicaSetUpdated", condition(rolling, "Progressing").getReason());
    assertEquals("ReplicaSet \"" + withImage(cluster, "nginx:does-not-exist").getMetadata().getName() + "\" is progressing.",
        condition(rolling, "Progressing").getMessage());
    assertEquals(Fixtures.T0.plus(Duration.ofSeconds(330)).toString(), condition(rolling, "Progressing").getLastUpdateTime());

    cluster.advance(Duration.ofSeconds(61));
    cluster.settle(deployments, replicaSets);
    var failed = condition(deployment(cluster), "Progressing");
    assertEquals("False", failed.getStatus());
    assertEquals("ProgressDeadlineExceeded", failed.getReason());
    assertEquals("ReplicaSet \"" + withImage(cluster, "nginx:does-not-exist").getMetadata().getName() + "\" has timed out progressing.",
        failed.getMessage());
    assertNotNull(withImage(cluster, "nginx:1.25"), "the old ReplicaSet keeps serving");
    assertEquals(3, activePods(cluster).stream().filter(Pods::isReady).count(), "no more than maxUnavailable went");
    assertEquals(2, Fixtures.podsOf(cluster, withImage(cluster, "nginx:1.25")).size());
  }
}
