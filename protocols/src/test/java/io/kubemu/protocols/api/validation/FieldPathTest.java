package io.kubemu.protocols.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  @Test
  void rendersLikeTheApiServer() {
    FieldPath p = FieldPath.of("spec").child("containers").index(0).child("image");

    assertEquals("spec.containers[0].image", p.text());
    assertEquals("metadata.labels[app.kubernetes.io/name]", FieldPath.of("metadata").child("labels").key("app.kubernetes.io/name").text());
  }

  @Test
  void appendsARenderedPath() {
    assertEquals("items[1].spec.containers[0]", FieldPath.of("items").index(1).append("spec.containers[0]").text());
    assertEquals("spec", FieldPath.ROOT.append("spec").text());
  }

  @Test
  void readsSegmentsBackWithDottedKeysKept() {
    assertEquals(List.of("metadata", "labels", "app.kubernetes.io/name"),
        FieldPath.segments("metadata.labels[app.kubernetes.io/name]"));
    assertEquals(List.of("spec", "containers", "0", "ports", "1", "name"), FieldPath.segments("spec.containers[0].ports[1].name"));
  }
}
