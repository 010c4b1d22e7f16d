package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Strategic merge patch on the built-in types, with cases shaped after k8s.io/apimachinery's
 * strategicpatch tests (merge lists by key, $patch delete and replace, $retainKeys,
 * $deleteFromPrimitiveList, $setElementOrder) and the patches kubectl itself sends.
 */
class StrategicMergePatchTest {
  private static JsonNode json(String s) {
    return Json.read(s.replace('\'', '"'), JsonNode.class);
  }

  private static JsonNode apply(String kind, String original, String patch) {
    return StrategicMergePatch.apply(kind, json(original), json(patch));
  }

  private static final String DEPLOYMENT = """
      {'kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'},'finalizers':['a','b']},
       'spec':{'replicas':2,'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}},
        'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[
         {'name':'a','image':'a:1','args':['x','y'],'env':[{'name':'E1','value':'1'},{'name':'E2','value':'2'}],
          'ports':[{'containerPort':80},{'containerPort':443}]},
         {'name':'b','image':'b:1'}]}}}}""";

  private static JsonNode containers(JsonNode d) {
    return d.path("spec").path("template").path("spec").path("containers");
  }

  @Test
  void containersMergeByNameAndKeepTheOthers() {
    JsonNode out = apply("Deployment", DEPLOYMENT, "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:2'}]}}}}");
    assertEquals(2, containers(out).size());
    assertEquals("a:2", containers(out).get(0).path("image").asText());
    assertEquals(2, containers(out).get(0).path("env").size(), "fields the patch does not name are kept");
    assertEquals("b:1", containers(out).get(1).path("image").asText());
  }

  @Test
  void anElementNewToTheListComesFirstWithoutAnOrderDirective() {
    JsonNode out = apply("Deployment", DEPLOYMENT, "{'spec':{'template':{'spec':{'containers':[{'name':'c','image':'c:1'}]}}}}");
    assertEquals(json("['c','a','b']"), names(containers(out)));
  }

  @Test
  void envMergesByNameAndPortsByContainerPort() {
    JsonNode out = apply("Deployment", DEPLOYMENT, "{'spec':{'template':{'spec':{'containers':[{'name':'a',"
        + "'env':[{'name':'E2','value':'two'}],'ports':[{'containerPort':443,'name':'https'}]}]}}}}");
    JsonNode a = containers(out).get(0);
    assertEquals(json("[{'name':'E1','value':'1'},{'name':'E2','value':'two'}]"), a.path("env"));
    assertEquals(json("[{'containerPort':80},{'containerPort':443,'name':'https'}]"), a.path("ports"));
  }

  @Test
  void aListWithoutMergeStrategyIsReplaced() {
    JsonNode out = apply("Deployment", DEPLOYMENT, "{'spec':{'template':{'spec':{'containers':[{'name':'a','args':['z']}]}}}}");
    assertEquals(json("['z']"), containers(out).get(0).path("args"));
  }

  @Test
  void patchDeleteRemovesTheElementWithThatKey() {
    JsonNode out = apply("Deployment", DEPLOYMENT, "{'spec':{'template':{'spec':{'containers':[{'name':'b','$patch':'delete'}]}}}}");
    assertEquals(json("['a']"), names(containers(out)));
  }

  @Test
  void patchReplaceInAListReplacesTheWholeList() {
    JsonNode out = apply("Deployment", DEPLOYMENT,
        "{'spec':{'template':{'spec':{'containers':[{'name':'c','image':'c:1'},{'$patch':'replace'}]}}}}");
    assertEquals(json("[{'name':'c','image':'c:1'}]"), containers(out));
  }

  @Test
  void patchReplaceAndDeleteInAMap() {
    JsonNode replaced = apply("Deployment", DEPLOYMENT, "{'metadata':{'labels':{'$patch':'replace','tier':'front'}}}");
    assertEquals(json("{'tier':'front'}"), replaced.path("metadata").path("labels"));
    JsonNode deleted = apply("Deployment", DEPLOYMENT, "{'spec':{'strategy':{'$patch':'delete'}}}");
    assertEquals(json("{}"), deleted.path("spec").path("strategy"));
  }

  @Test
  void nullRemovesAKey() {
    JsonNode out = apply("Deployment", DEPLOYMENT, "{'metadata':{'labels':{'app':null}},'spec':{'replicas':null}}");
    assertFalse(out.path("metadata").path("labels").has("app"));
    assertFalse(out.path("spec").has("replicas"));
  }

  @Test
  void retainKeysClearsWhatTheDirectiveDoesNotList() {
    JsonNode out = apply("Deployment", DEPLOYMENT, "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}");
    assertEquals(json("{'type':'Recreate'}"), out.path("spec").path("strategy"));
    assertThrows(IllegalArgumentException.class, () ->
        apply("Deployment", DEPLOYMENT, "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':{}}}}"));
  }

  @Test
  void primitiveMergeListsUnionAndDeleteFromPrimitiveList() {
    JsonNode added = apply("Deployment", DEPLOYMENT, "{'metadata':{'finalizers':['b','c']}}");
    assertEquals(json("['a','b','c']"), added.path("metadata").path("finalizers"));
    JsonNode removed = apply("Deployment", DEPLOYMENT, "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}");
    assertEquals(json("['b']"), removed.path("metadata").path("finalizers"));
  }

  @Test
  void setElementOrderOrdersTheMergedListAndIsNotStored() {
    JsonNode out = apply("Deployment", DEPLOYMENT, "{'spec':{'template':{'spec':{"
        + "'$setElementOrder/containers':[{'name':'b'},{'name':'c'},{'name':'a'}],"
        + "'containers':[{'name':'c','image':'c:1'}]}}}}");
    assertEquals(json("['b','c','a']"), names(containers(out)));
    assertFalse(Json.write(out).contains("$setElementOrder"), Json.write(out));
  }

  @Test
  void kubectlApplyPatchOfANewFieldLeavesNoDirectives() {
    String original = "{'kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':1}}";
    JsonNode out = apply("Deployment", original, "{'spec':{'template':{'spec':{"
        + "'$setElementOrder/containers':[{'name':'a'}],'containers':[{'$setElementOrder/env':[{'name':'E'}],"
        + "'env':[{'name':'E','value':'1'}],'name':'a','image':'a:1'}]}}}}");
    assertEquals(json("[{'env':[{'name':'E','value':'1'}],'name':'a','image':'a:1'}]"), containers(out));
    assertFalse(Json.write(out).contains("$"), Json.write(out));
  }

  @Test
  void kubectlRolloutRestartAddsATemplateAnnotation() {
    JsonNode out = apply("Deployment", DEPLOYMENT,
        "{'spec':{'template':{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':'2025-01-01T00:00:00Z'}}}}}");
    assertEquals("2025-01-01T00:00:00Z",
        out.path("spec").path("template").path("metadata").path("annotations").path("kubectl.kubernetes.io/restartedAt").asText());
    assertEquals("web", out.path("spec").path("template").path("metadata").path("labels").path("app").asText());
  }

  @Test
  void kindsWithoutMergeListsMergeMapsAndReplaceLists() {
    JsonNode out = apply("ConfigMap", "{'kind':'ConfigMap','data':{'a':'1','b':'2'}}", "{'data':{'b':null,'c':'3'}}");
    assertEquals(json("{'a':'1','c':'3'}"), out.path("data"));
  }

  @Test
  void badPatchesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> apply("Deployment", DEPLOYMENT, "[]"));
    assertThrows(IllegalArgumentException.class, () ->
        apply("Deployment", DEPLOYMENT, "{'spec':{'template':{'spec':{'containers':[{'image':'no-name'}]}}}}"));
    assertThrows(IllegalArgumentException.class, () -> apply("Deployment", DEPLOYMENT, "{'metadata':{'$patch':'explode'}}"));
    assertThrows(IllegalArgumentException.class, () ->
        apply("Deployment", DEPLOYMENT, "{'spec':{'template':{'spec':{'containers':[{'name':'a'},'b']}}}}"));
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      deep.append("{'x':");
    }
    deep.append("1").append("}".repeat(100));
    assertThrows(IllegalArgumentException.class, () -> apply("ConfigMap", "{}", deep.toString()));
  }

  @Test
  void theOriginalIsLeftAsItWas() {
    JsonNode original = json(DEPLOYMENT);
    String before = Json.write(original);
    StrategicMergePatch.apply("Deployment", original, json("{'spec':{'replicas':5}}"));
    assertEquals(before, Json.write(original));
    assertTrue(before.contains("\"replicas\":2"));
  }

  private static JsonNode names(JsonNode list) {
    var out = Json.MAPPER.createArrayNode();
    list.forEach(c -> out.add(c.path("name").asText()));
    return out;
  }
}
