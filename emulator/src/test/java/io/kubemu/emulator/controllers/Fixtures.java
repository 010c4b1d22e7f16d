package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Objects as the store would hold them (uid, resourceVersion), for reconciler tests. */
public final class Fixtures {
  private static long version = 1;

  private Fixtures() {}

  public static <T extends HasMetadata> T stored(T o) {
    o.getMetadata().setResourceVersion(Long.toString(++version));
    if (o.getMetadata().getUid() == null) {
      o.getMetadata().setUid("uid-" + o.getKind() + "-" + o.getMetadata().getName());
    }
    if (o.getMetadata().getCreationTimestamp() == null) {
      o.getMetadata().setCreationTimestamp("2026-11-22T10:00:00Z");
    }
    return o;
  }

  public static ReplicaSet replicaSet(String name, int replicas) {
    return stored(new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace("default").withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().endTemplate()
        .endSpec().build());
  }

  /** A pod owned by {@code owner} (null: an orphan), labelled app=label. */
  public static Pod pod(String name, String label, HasMetadata owner) {
    Pod p = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(Map.of("app", label)).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
    if (owner != null) {
      p.getMetadata().setOwnerReferences(new ArrayList<>(List.of(Owners.controllerRef(owner))));
    }
    return stored(p);
  }

  /** Marks a pod Running on a node and Ready since {@code readySince}. */
  public static Pod running(Pod p, String node, String readySince) {
    p.getSpec().setNodeName(node);
    p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(readySince).endCondition().build());
    return stored(p);
  }

  public static ObjectCache cacheOf(HasMetadata... objects) {
    ObjectCache cache = new ObjectCache();
    for (HasMetadata o : objects) {
      cache.apply("ADDED", o);
    }
    return cache;
  }
}
