package io.kubemu.emulator.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.FakeCluster;
import io.kubemu.emulator.controllers.Pods;
import java.time.Instant;
import java.util.List;

/** Deployments as the API server stores them after defaulting, and what the tests read back. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final String KEY = "default/web";

  private Fixtures() {}

  /** web: app=web pods of nginx:1.25, RollingUpdate 25%/25%, history 10, deadline 600s. */
  static Deployment web(int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(replicas).withRevisionHistoryLimit(10).withProgressDeadlineSeconds(600)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString("25%"))
        .withMaxUnavailable(new IntOrString("25%")).endRollingUpdate().endStrategy()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.25").endContainer()
        .withRestartPolicy("Always").withDnsPolicy("ClusterFirst").withSchedulerName("default-scheduler")
        .withTerminationGracePeriodSeconds(30L).endSpec().endTemplate()
        .endSpec().build();
  }

  static Deployment recreate(int replicas) {
    Deployment d = web(replicas);
    d.getSpec().getStrategy().setType("Recreate");
    d.getSpec().getStrategy().setRollingUpdate(null);
    return d;
  }

  static Deployment deployment(FakeCluster c) {
    return c.get(Deployment.class, "Deployment", "default", "web");
  }

  /** Changes the image of the stored Deployment, as kubectl set image does. */
  static void setImage(FakeCluster c, String image) {
    Deployment d = deployment(c);
    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    c.update(d);
  }

  static void setReplicas(FakeCluster c, int replicas) {
    Deployment d = deployment(c);
    d.getSpec().setReplicas(replicas);
    c.update(d);
  }

  static List<ReplicaSet> replicaSets(FakeCluster c) {
    return c.list(ReplicaSet.class, "ReplicaSet", "default");
  }

  static ReplicaSet withImage(FakeCluster c, String image) {
    return replicaSets(c).stream().filter(rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(image))
        .findFirst().orElseThrow(() -> new AssertionError("no ReplicaSet of " + image));
  }

  static List<Pod> activePods(FakeCluster c) {
    return c.list(Pod.class, "Pod", "default").stream().filter(Pods::isActive).toList();
  }

  static List<Pod> podsOf(FakeCluster c, ReplicaSet rs) {
    return activePods(c).stream().filter(p -> p.getMetadata().getOwnerReferences().get(0).getName().equals(rs.getMetadata().getName()))
        .toList();
  }

  static DeploymentCondition condition(Deployment d, String type) {
    return d.getStatus().getConditions().stream().filter(x -> x.getType().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + d.getStatus()));
  }

  static int count(Integer n) {
    return n == null ? 0 : n;
  }
}
