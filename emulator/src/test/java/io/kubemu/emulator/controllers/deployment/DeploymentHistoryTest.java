package io.kubemu.emulator.controllers.deployment;

import io.kubemu.emulator.controllers.RevisionHash;

import static io.kubemu.emulator.controllers.deployment.Fixtures.KEY;
import static io.kubemu.emulator.controllers.deployment.Fixtures.T0;
import static io.kubemu.emulator.controllers.deployment.Fixtures.activePods;
import static io.kubemu.emulator.controllers.deployment.Fixtures.deployment;
import static io.kubemu.emulator.controllers.deployment.Fixtures.replicaSets;
import static io.kubemu.emulator.controllers.deployment.Fixtures.setImage;
import static io.kubemu.emulator.controllers.deployment.Fixtures.web;
import static io.kubemu.emulator.controllers.deployment.Fixtures.withImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubemu.emulator.controllers.FakeCluster;
import io.kubemu.emulator.controllers.replicaset.ReplicaSetReconciler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Revisions: rollback to an old template, the revision history limit, adoption and hash collisions. */
class DeploymentHistoryTest {
  private final DeploymentReconciler deployments = new DeploymentReconciler();
  private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler();
  private final FakeCluster cluster = new FakeCluster(T0);

  /** Lets the current rollout finish, every pod getting ready, then moves the clock on. */
  private void finish() {
    for (int i = 0; i < 20; i++) {
      cluster.settle(deployments, replicaSets);
      cluster.makeAllReady();
    }
    cluster.settle(deployments, replicaSets);
    assertEquals("NewReplicaSetAvailable", Fixtures.condition(deployment(cluster), "Progressing").getReason());
    cluster.advance(Duration.ofMinutes(1));
  }

  private static String revision(ReplicaSet rs) {
    return rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
  }

  @Test
  void undoingARolloutReusesTheOldReplicaSetUnderTheNextRevision() {
    cluster.create(web(3));
    finish();
    setImage(cluster, "nginx:1.26");
    finish();
    String oldName = withImage(cluster, "nginx:1.25").getMetadata().getName();

    setImage(cluster, "nginx:1.25");
    finish();
    assertEquals(2, replicaSets(cluster).size(), "no third ReplicaSet");
    ReplicaSet back = withImage(cluster, "nginx:1.25");
    assertEquals(oldName, back.getMetadata().getName());
    assertEquals(3, back.getSpec().getReplicas());
    assertEquals("3", revision(back));
    assertEquals("1", back.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision-history"));
    assertEquals(0, withImage(cluster, "nginx:1.26").getSpec().getReplicas());
    assertEquals("3", deployment(cluster).getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    assertTrue(activePods(cluster).stream().allMatch(p -> p.getMetadata().getName().startsWith(oldName + "-")));
  }

  @Test
  void theRollbackToAnnotationRollsBackToThePreviousRevision() {
    cluster.create(web(2));
    finish();
    setImage(cluster, "nginx:1.26");
    finish();
    Deployment d = deployment(cluster);
    d.getMetadata().getAnnotations().put("deprecated.deployment.rollback.to", "0");
    cluster.update(d);
    cluster.reconcile(deployments, KEY);
    Deployment rolledBack = deployment(cluster);
    assertEquals("nginx:1.25", rolledBack.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertNull(rolledBack.getMetadata().getAnnotations().get("deprecated.deployment.rollback.to"));
    assertNull(rolledBack.getSpec().getTemplate().getMetadata().getLabels().get("pod-template-hash"));
    finish();
    assertEquals(2, replicaSets(cluster).size());
    assertEquals("3", revision(withImage(cluster, "nginx:1.25")));
  }

  @Test
  void oldReplicaSetsBeyondTheHistoryLimitAreDeleted() {
    Deployment d = web(2);
    d.getSpec().setRevisionHistoryLimit(2);
    cluster.create(d);
    finish();
    for (String tag : List.of("1.26", "1.27", "1.28", "1.29")) {
      setImage(cluster, "nginx:" + tag);
      finish();
    }
    List<String> kept = replicaSets(cluster).stream().map(rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .sorted().toList();
    assertEquals(List.of("nginx:1.27", "nginx:1.28", "nginx:1.29"), kept, "the new one and the 2 latest old ones");
    assertEquals("5", revision(withImage(cluster, "nginx:1.29")));
    assertEquals(List.of(), cluster.conflicts());
  }

  @Test
  void anOrphanReplicaSetOfTheSameTemplateIsAdoptedNotDuplicated() {
    Deployment d = web(3);
    var template = Fixtures.web(3).getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    labels.put("pod-template-hash", "orphan");
    template.getMetadata().setLabels(labels);
    cluster.create(new ReplicaSetBuilder().withNewMetadata().withName("web-orphan").withNamespace("default").withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector().withTemplate(template).endSpec().build());
    Deployment created = cluster.create(d);
    assertEquals(List.of(KEY), List.copyOf(deployments.keysFor(replicaSets(cluster).get(0), cluster.cache())),
        "an orphan's change concerns the Deployments that match it");
    cluster.settle(deployments, replicaSets);
    List<ReplicaSet> sets = replicaSets(cluster);
    assertEquals(1, sets.size());
    assertEquals(created.getMetadata().getUid(), sets.get(0).getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals(3, sets.get(0).getSpec().getReplicas());
    assertEquals("1", revision(sets.get(0)));
  }

  @Test
  void aNameTakenByAnotherTemplateBumpsTheCollisionCount() {
    Deployment d = web(1);
    String hash = RevisionHash.of(d.getSpec().getTemplate(), null);
    cluster.create(new ReplicaSetBuilder().withNewMetadata().withName("web-" + hash).withNamespace("default")
        .addToLabels("app", "other").endMetadata().withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", "other")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "other").endMetadata().withNewSpec().addNewContainer()
        .withName("c").withImage("busybox").endContainer().endSpec().endTemplate().endSpec().build());
    cluster.create(d);
    cluster.settle(deployments, replicaSets);
    assertEquals(1, deployment(cluster).getStatus().getCollisionCount());
    ReplicaSet mine = withImage(cluster, "nginx:1.25");
    assertNotEquals("web-" + hash, mine.getMetadata().getName());
    assertEquals("web-" + RevisionHash.of(d.getSpec().getTemplate(), 1), mine.getMetadata().getName());
    assertEquals(1, mine.getSpec().getReplicas());
  }
}
