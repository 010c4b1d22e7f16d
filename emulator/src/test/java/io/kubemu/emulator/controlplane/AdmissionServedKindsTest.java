package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A kind nothing acts on yet is refused with a clear 501, not stored to sit there unreconciled; admission of the served ones. */
class AdmissionServedKindsTest {
  @Test
  void aNetworkPolicyIsRefusedUntilItsControllerExists() {
    ObjectStore store = new ObjectStore();
    var policy = new NetworkPolicyBuilder().withNewMetadata().withName("deny").withNamespace("default").endMetadata()
        .withNewSpec().withNewPodSelector().endPodSelector().endSpec().build();
    Admission.Refusal r = Admission.admit(policy, store, Set.of());
    assertEquals(501, r.code());
    assertTrue(r.statusJson().contains("kind NetworkPolicy (networking.k8s.io/v1) is valid Kubernetes, but kubemu does not run what"
        + " acts on it yet"), r.statusJson());
  }

  /** The DefaultIngressClass admission plugin: an Ingress naming no class gets the default one; one naming a class keeps it. */
  @Test
  void anIngressWithoutAClassGetsTheDefaultIngressClass() {
    ObjectStore store = new ObjectStore();
    store.put(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
    store.put(new IngressClassBuilder().withNewMetadata().withName("nginx")
        .addToAnnotations(DefaultIngressClass.ANNOTATION, "true").endMetadata().withNewSpec().withController("k8s.io/ingress-nginx")
        .endSpec().build());
    var plain = new IngressBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withNewDefaultBackend().withNewService().withName("web").withNewPort().withNumber(80).endPort().endService()
        .endDefaultBackend().endSpec().build();
    assertNull(Admission.admit(plain, store, Set.of()));
    assertEquals("nginx", plain.getSpec().getIngressClassName());
    var legacy = new IngressBuilder(plain).editMetadata().withName("legacy").addToAnnotations("kubernetes.io/ingress.class", "traefik")
        .endMetadata().editSpec().withIngressClassName(null).endSpec().build();
    assertNull(Admission.admit(legacy, store, Set.of()));
    assertNull(legacy.getSpec().getIngressClassName(), "the legacy annotation names a class already");
  }

  @Test
  void anIngressClassNeedsADomainPrefixedController() {
    var bad = new IngressClassBuilder().withNewMetadata().withName("x").endMetadata().withNewSpec().withController("nginx").endSpec()
        .build();
    Admission.Refusal r = Admission.admit(bad, new ObjectStore(), Set.of());
    assertEquals(422, r.code());
    assertTrue(r.statusJson().contains("spec.controller: Invalid value: \\\"nginx\\\": must be a domain-prefixed path"), r.statusJson());
  }

  @Test
  void aConfigMapInAnExistingNamespaceIsAdmitted() {
    ObjectStore store = new ObjectStore();
    store.put(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
    var cm = new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().addToData("k", "v").build();
    assertNull(Admission.admit(cm, store, Set.of()));
    assertEquals("default", cm.getMetadata().getNamespace());
  }

  @Test
  void aNodeIsNotCreatedThroughTheApi() {
    var node = new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("w7").endMetadata().build();
    Admission.Refusal r = Admission.admit(node, new ObjectStore(), Set.of());
    assertEquals(405, r.code());
    assertTrue(r.statusJson().contains("nodes are not created through the API: kubemu's nodes come from its hosts"), r.statusJson());
  }
}
