package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meta.k8s.io Table: when it is asked for, its columns per kind, and its rows. */
class TableOutputTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:05:00Z");
  private static final String KUBECTL_ACCEPT =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  static JsonNode json(String s) {
    return Json.read(s.replace('\'', '"'), JsonNode.class);
  }

  static List<String> columns(JsonNode table) {
    List<String> out = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> out.add(c.path("name").asText() + (c.path("priority").asInt() > 0 ? "*" : "")));
    return out;
  }

  @Test
  void theAcceptHeaderAsksForATable() {
    assertEquals("v1", Tables.requested(KUBECTL_ACCEPT));
    assertEquals("v1beta1", Tables.requested("application/json; as=Table; v=v1beta1; g=meta.k8s.io"));
    assertNull(Tables.requested("application/json"));
    assertNull(Tables.requested(null));
    assertNull(Tables.requested("application/json;as=Table;v=v2;g=meta.k8s.io"));
    assertNull(Tables.requested("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
  }

  @Test
  void aDeploymentRowAsKubectlGetDeployWidePrintsIt() {
    JsonNode d = json("{'metadata':{'name':'web','creationTimestamp':'2025-01-01T00:00:00Z','resourceVersion':'7'},"
        + "'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}},'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.27'}]}}},"
        + "'status':{'readyReplicas':2,'updatedReplicas':3,'availableReplicas':2}}");
    JsonNode table = Tables.table("Deployment", "v1", null, List.of(d), "Metadata", NOW);
    assertEquals("Table", table.path("kind").asText());
    assertEquals("meta.k8s.io/v1", table.path("apiVersion").asText());
    assertEquals("7", table.path("metadata").path("resourceVersion").asText());
    assertEquals(List.of("Name", "Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*", "Selector*"), columns(table));
    JsonNode row = table.path("rows").get(0);
    assertEquals(json("['web','2/3',3,2,'5m','nginx','nginx:1.27','app=web']").toString(), row.path("cells").toString());
    assertEquals("PartialObjectMetadata", row.path("object").path("kind").asText());
    assertEquals("web", row.path("object").path("metadata").path("name").asText());
  }

  @Test
  void podsCarryTheWideColumnsAndTheCompletedCondition() {
    JsonNode pod = json("{'metadata':{'name':'job-x','creationTimestamp':'2025-01-01T00:04:00Z'},'spec':{'nodeName':'w1',"
        + "'containers':[{'name':'c'}]},'status':{'phase':'Succeeded','podIPs':[{'ip':'10.244.1.2'}],'containerStatuses':["
        + "{'name':'c','state':{'terminated':{'reason':'Completed','exitCode':0}}}]}}");
    JsonNode table = Tables.table("Pod", "v1", json("{'resourceVersion':'9','continue':'abc'}"), List.of(pod), "None", NOW);
    assertEquals(List.of("Name", "Ready", "Status", "Restarts", "Age", "IP*", "Node*", "Nominated Node*", "Readiness Gates*"),
        columns(table));
    assertEquals(json("['job-x','0/1','Completed','0','60s','10.244.1.2','w1','<none>','<none>']"),
        table.path("rows").get(0).path("cells"));
    assertEquals("Completed", table.path("rows").get(0).path("conditions").get(0).path("type").asText());
    assertFalse(table.path("rows").get(0).has("object"), "includeObject=None");
    assertEquals("abc", table.path("metadata").path("continue").asText());
  }

  @Test
  void aKindWithoutAPrinterHasNameAndCreatedAt() {
    JsonNode policy = json("{'kind':'NetworkPolicy','metadata':{'name':'s','creationTimestamp':'2025-01-01T00:00:00Z'}}");
    JsonNode table = Tables.table("NetworkPolicy", "v1", null, List.of(policy), "Object", NOW);
    assertEquals(List.of("Name", "Created At"), columns(table));
    assertEquals(json("['s','2025-01-01T00:00:00Z']"), table.path("rows").get(0).path("cells"));
    assertEquals("NetworkPolicy", table.path("rows").get(0).path("object").path("kind").asText());
  }

  @Test
  void eventsNameTheirObject() {
    JsonNode event = json("{'metadata':{'name':'web.1'},'involvedObject':{'kind':'Pod','name':'web'},'type':'Normal',"
        + "'reason':'Scheduled','message':' placed on w1 ','source':{'component':'default-scheduler'},"
        + "'firstTimestamp':'2025-01-01T00:00:00Z','lastTimestamp':'2025-01-01T00:04:00Z','count':2}");
    JsonNode cells = Tables.table("Event", "v1", null, List.of(event), "Metadata", NOW).path("rows").get(0).path("cells");
    assertEquals(json("['60s','Normal','Scheduled','pod/web','','default-scheduler','placed on w1','5m',2,'web.1']").toString(),
        cells.toString());
  }

  @Test
  void includeObjectTakesThreeValues() {
    assertEquals("Metadata", Tables.includeObject(""));
    assertEquals("Object", Tables.includeObject("Object"));
    assertThrows(IllegalArgumentException.class, () -> Tables.includeObject("All"));
  }
}
