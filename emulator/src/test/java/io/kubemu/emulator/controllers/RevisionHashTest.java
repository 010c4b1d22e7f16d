package io.kubemu.emulator.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionHashTest {
  private static PodTemplateSpec template(Map<String, String> labels, String image) {
    return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec().build();
  }

  @Test
  void equalTemplatesHashAlikeWhateverTheOrderOfTheirMapsAndAChangeChangesTheHash() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    String hash = RevisionHash.of(template(ab, "busybox"));
    assertEquals(hash, RevisionHash.of(template(ba, "busybox")));
    assertNotEquals(hash, RevisionHash.of(template(ab, "busybox:1.37")));
    assertTrue(hash.matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}"), hash);
  }
}
