package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON patch (RFC 6902), with examples from the RFC's appendix A. */
class JsonPatchTest {
  private static JsonNode json(String s) {
    return Json.read(s.replace('\'', '"'), JsonNode.class);
  }

  private static JsonNode apply(String doc, String patch) {
    return JsonPatch.apply(json(doc), json(patch));
  }

  @Test
  void addsToObjectsAndLists() {
    assertEquals(json("{'foo':'bar','baz':'qux'}"), apply("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]"));
    assertEquals(json("{'foo':['bar','qux','baz']}"),
        apply("{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]"));
    assertEquals(json("{'foo':['bar','qux']}"), apply("{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':'qux'}]"));
  }

  @Test
  void removesReplacesMovesAndCopies() {
    assertEquals(json("{'foo':'bar'}"), apply("{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]"));
    assertEquals(json("{'foo':['bar','baz']}"), apply("{'foo':['bar','qux','baz']}", "[{'op':'remove','path':'/foo/1'}]"));
    assertEquals(json("{'baz':'boo','foo':'bar'}"),
        apply("{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]"));
    assertEquals(json("{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
        apply("{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
            "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]"));
    assertEquals(json("{'a':{'b':1},'c':{'b':1}}"), apply("{'a':{'b':1}}", "[{'op':'copy','from':'/a','path':'/c'}]"));
  }

  @Test
  void pointersEscapeSlashAndTilde() {
    assertEquals(List.of("a/b", "m~n", ""), JsonPatch.pointer("/a~1b/m~0n/"));
    assertEquals(json("{'metadata':{'labels':{'app.kubernetes.io/name':'web'}}}"),
        apply("{'metadata':{'labels':{}}}", "[{'op':'add','path':'/metadata/labels/app.kubernetes.io~1name','value':'web'}]"));
  }

  @Test
  void aFailedTestOrAMissingPathFails() {
    assertEquals(json("{'baz':'qux'}"), apply("{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'qux'}]"));
    assertThrows(JsonPatch.Failed.class, () -> apply("{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'bar'}]"));
    assertThrows(JsonPatch.Failed.class, () -> apply("{'foo':'bar'}", "[{'op':'add','path':'/baz/bat','value':'qux'}]"));
    assertThrows(JsonPatch.Failed.class, () -> apply("{'foo':'bar'}", "[{'op':'remove','path':'/nope'}]"));
    assertThrows(JsonPatch.Failed.class, () -> apply("{'foo':[1]}", "[{'op':'add','path':'/foo/5','value':2}]"));
    assertThrows(JsonPatch.Failed.class, () -> apply("{'foo':[1]}", "[{'op':'replace','path':'/foo/01','value':2}]"));
  }

  @Test
  void malformedPatchesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> apply("{}", "{'op':'add'}"));
    assertThrows(IllegalArgumentException.class, () -> apply("{}", "[{'op':'add','path':'/a'}]"));
    assertThrows(IllegalArgumentException.class, () -> apply("{}", "[{'op':'frobnicate','path':'/a'}]"));
    assertThrows(IllegalArgumentException.class, () -> apply("{}", "[{'path':'/a'}]"));
    assertThrows(IllegalArgumentException.class, () -> apply("{}", "[{'op':'add','path':'a','value':1}]"));
  }
}
