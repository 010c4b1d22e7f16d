package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7386, section 3 and appendix A. */
class MergePatchTest {
  private static String patch(String target, String patch) {
    return Json.write(MergePatch.apply(Json.read(target, JsonNode.class), Json.read(patch, JsonNode.class)));
  }

  @Test
  void rfc7386Section3() {
    assertEquals("{\"a\":\"z\",\"c\":{\"d\":\"e\"}}",
        patch("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}", "{\"a\":\"z\",\"c\":{\"f\":null}}"));
  }

  @Test
  void rfc7386AppendixA() {
    assertEquals("{\"a\":\"c\"}", patch("{\"a\":\"b\"}", "{\"a\":\"c\"}"));
    assertEquals("{\"a\":\"b\",\"b\":\"c\"}", patch("{\"a\":\"b\"}", "{\"b\":\"c\"}"));
    assertEquals("{}", patch("{\"a\":\"b\"}", "{\"a\":null}"));
    assertEquals("{\"b\":\"c\"}", patch("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}"));
    assertEquals("{\"a\":\"c\"}", patch("{\"a\":[\"b\"]}", "{\"a\":\"c\"}"));
    assertEquals("{\"a\":[\"b\"]}", patch("{\"a\":\"c\"}", "{\"a\":[\"b\"]}"));
    assertEquals("{\"a\":{\"b\":\"c\"}}", patch("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"c\",\"c\":null}}"));
    assertEquals("{\"a\":[1]}", patch("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}"));
    assertEquals("[\"c\",\"d\"]", patch("[\"a\",\"b\"]", "[\"c\",\"d\"]"));
    assertEquals("[\"c\"]", patch("{\"a\":\"b\"}", "[\"c\"]"));
    assertEquals("null", patch("{\"a\":\"foo\"}", "null"));
    assertEquals("\"bar\"", patch("{\"a\":\"foo\"}", "\"bar\""));
    assertEquals("{\"e\":null,\"a\":1}", patch("{\"e\":null}", "{\"a\":1}"));
    assertEquals("{\"a\":\"foo\"}", patch("[1,2]", "{\"a\":\"foo\",\"b\":null}"));
    assertEquals("{\"a\":{\"bb\":{}}}", patch("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}"));
  }

  @Test
  void theTargetIsLeftAlone() {
    JsonNode target = Json.read("{\"a\":{\"b\":1}}", JsonNode.class);
    MergePatch.apply(target, Json.read("{\"a\":{\"b\":2}}", JsonNode.class));
    assertEquals("{\"a\":{\"b\":1}}", Json.write(target));
  }

  @Test
  void nestingIsCapped() {
    String deep = "{\"a\":".repeat(MergePatch.MAX_DEPTH + 2) + "1" + "}".repeat(MergePatch.MAX_DEPTH + 2);
    assertThrows(IllegalArgumentException.class, () -> MergePatch.apply(Json.read("{}", JsonNode.class), Json.read(deep, JsonNode.class)));
  }
}
