package io.kubemu.emulator.controllers.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pod-template-hash: FNV-32a, safe-encoded as rand.SafeEncodeString does. */
class TemplateHashTest {
  @Test
  void fnv32aMatchesTheReferenceVectors() {
    assertEquals(0x811c9dc5, TemplateHash.fnv(0x811c9dc5, new byte[0]));
    assertEquals(0xe40c292c, TemplateHash.fnv(0x811c9dc5, "a".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(0xbf9cf968, TemplateHash.fnv(0x811c9dc5, "foobar".getBytes(StandardCharsets.US_ASCII)));
  }

  /** A decimal number maps to 4-9 and b, c, d, f: what real pod-template-hash labels are made of. */
  @Test
  void safeEncodingMapsDigitsAsKubernetesDoes() {
    assertEquals("456789bcdf", TemplateHash.safeEncode("0123456789"));
  }

  @Test
  void theHashFollowsTheTemplateAndTheCollisionCount() {
    PodTemplateSpec t = Fixtures.web(1).getSpec().getTemplate();
    String h = TemplateHash.of(t, null);
    assertTrue(h.matches("[456789bcdf]{1,10}"), h);
    assertEquals(h, TemplateHash.of(Fixtures.web(5).getSpec().getTemplate(), null), "replicas are not part of the template");
    assertNotEquals(h, TemplateHash.of(t, 1));
    assertNotEquals(TemplateHash.of(t, 1), TemplateHash.of(t, 2));
    t.getSpec().getContainers().get(0).setImage("nginx:1.26");
    assertNotEquals(h, TemplateHash.of(t, null));
  }

  @Test
  void labelOrderDoesNotChangeTheHash() {
    PodTemplateSpec a = Fixtures.web(1).getSpec().getTemplate();
    PodTemplateSpec b = Fixtures.web(1).getSpec().getTemplate();
    a.getMetadata().setLabels(new LinkedHashMap<>(Map.of("app", "web")));
    a.getMetadata().getLabels().put("tier", "front");
    b.getMetadata().setLabels(new LinkedHashMap<>(Map.of("tier", "front")));
    b.getMetadata().getLabels().put("app", "web");
    assertEquals(TemplateHash.of(a, null), TemplateHash.of(b, null));
  }
}
