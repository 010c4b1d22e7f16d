package io.kubemu.emulator.controllers.deployment;

import io.kubemu.emulator.controllers.RevisionHash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pod-template-hash: FNV-32a, safe-encoded as rand.SafeEncodeString does. */
class PodTemplateHashTest {
  @Test
  void fnv32aMatchesTheReferenceVectors() {
    assertEquals(0x811c9dc5, RevisionHash.fnv(0x811c9dc5, new byte[0]));
    assertEquals(0xe40c292c, RevisionHash.fnv(0x811c9dc5, "a".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(0xbf9cf968, RevisionHash.fnv(0x811c9dc5, "foobar".getBytes(StandardCharsets.US_ASCII)));
  }

  /** A decimal number maps to 4-9 and b, c, d, f: what real pod-template-hash labels are made of. */
  @Test
  void safeEncodingMapsDigitsAsKubernetesDoes() {
    assertEquals("456789bcdf", RevisionHash.safeEncode("0123456789"));
  }

  @Test
  void theHashFollowsTheTemplateAndTheCollisionCount() {
    PodTemplateSpec t = Fixtures.web(1).getSpec().getTemplate();
    String h = RevisionHash.of(t, null);
    assertTrue(h.matches("[456789bcdf]{1,10}"), h);
    assertEquals(h, RevisionHash.of(Fixtures.web(5).getSpec().getTemplate(), null), "replicas are not part of the template");
    assertNotEquals(h, RevisionHash.of(t, 1));
    assertNotEquals(RevisionHash.of(t, 1), RevisionHash.of(t, 2));
    t.getSpec().getContainers().get(0).setImage("nginx:1.26");
    assertNotEquals(h, RevisionHash.of(t, null));
  }

  @Test
  void labelOrderDoesNotChangeTheHash() {
    PodTemplateSpec a = Fixtures.web(1).getSpec().getTemplate();
    PodTemplateSpec b = Fixtures.web(1).getSpec().getTemplate();
    a.getMetadata().setLabels(new LinkedHashMap<>(Map.of("app", "web")));
    a.getMetadata().getLabels().put("tier", "front");
    b.getMetadata().setLabels(new LinkedHashMap<>(Map.of("tier", "front")));
    b.getMetadata().getLabels().put("app", "web");
    assertEquals(RevisionHash.of(a, null), RevisionHash.of(b, null));
  }

  /** kubectl rollout undo sends the old template back with {@code resources: {}}: the same revision, as apiequality sees it. */
  @Test
  void emptyFieldsDoNotMakeANewRevision() {
    PodTemplateSpec t = Fixtures.web(1).getSpec().getTemplate();
    PodTemplateSpec roundTrip = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(t).editSpec().editFirstContainer()
        .withNewResources().endResources().withEnv(new java.util.ArrayList<>()).endContainer().endSpec().build();
    assertEquals(RevisionHash.of(t), RevisionHash.of(roundTrip));
    assertTrue(ReplicaSets.equalIgnoreHash(t, roundTrip));
  }
}
