package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A kind nothing acts on yet is refused with a clear 501, not stored to sit there unreconciled. */
class AdmissionServedKindsTest {
  @Test
  void anIngressIsRefusedUntilItsControllerExists() {
    ObjectStore store = new ObjectStore();
    var ingress = new IngressBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withIngressClassName("nginx").endSpec().build();
    Admission.Refusal r = Admission.admit(ingress, store, Set.of());
    assertEquals(501, r.code());
    assertTrue(r.statusJson().contains("kind Ingress (networking.k8s.io/v1) is valid Kubernetes, but kubemu does not run what acts on it yet"),
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
