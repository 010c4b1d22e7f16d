package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A kind nothing acts on yet is refused with a clear 501, not stored to sit there unreconciled. */
class AdmissionServedKindsTest {
  @Test
  void aDeploymentIsRefusedUntilItsControllerExists() {
    ObjectStore store = new ObjectStore();
    var deployment = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().endTemplate()
        .endSpec().build();
    Admission.Refusal r = Admission.admit(deployment, store, Set.of());
    assertEquals(501, r.code());
    assertTrue(r.statusJson().contains("kind Deployment (apps/v1) is valid Kubernetes, but kubemu does not run what acts on it yet"),
        r.statusJson());
  }

  @Test
  void aConfigMapInAnExistingNamespaceIsAdmitted() {
    ObjectStore store = new ObjectStore();
    store.put(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
    var cm = new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().addToData("k", "v").build();
    assertNull(Admission.admit(cm, store, Set.of()));
    assertEquals("default", cm.getMetadata().getNamespace());
  }
}
