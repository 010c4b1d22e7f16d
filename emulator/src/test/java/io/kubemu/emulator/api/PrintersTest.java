package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The printers' cell formats, against what k8s.io/apimachinery's duration.HumanDuration and printers.go write. */
class PrintersTest {
  private static JsonNode json(String s) {
    return Json.read(s.replace('\'', '"'), JsonNode.class);
  }

  @Test
  void humanDurationAsKubectlPrintsAges() {
    assertEquals("<invalid>", Printers.humanDuration(Duration.ofSeconds(-5)));
    assertEquals("0s", Printers.humanDuration(Duration.ofMillis(-500)));
    assertEquals("119s", Printers.humanDuration(Duration.ofSeconds(119)));
    assertEquals("2m", Printers.humanDuration(Duration.ofSeconds(120)));
    assertEquals("3m20s", Printers.humanDuration(Duration.ofSeconds(200)));
    assertEquals("15m", Printers.humanDuration(Duration.ofMinutes(15).plusSeconds(30)));
    assertEquals("179m", Printers.humanDuration(Duration.ofMinutes(179)));
    assertEquals("3h", Printers.humanDuration(Duration.ofHours(3)));
    assertEquals("5h10m", Printers.humanDuration(Duration.ofMinutes(310)));
    assertEquals("20h", Printers.humanDuration(Duration.ofHours(20).plusMinutes(5)));
    assertEquals("3d8h", Printers.humanDuration(Duration.ofHours(80)));
    assertEquals("2d", Printers.humanDuration(Duration.ofHours(48)));
    assertEquals("30d", Printers.humanDuration(Duration.ofDays(30).plusHours(5)));
    assertEquals("2y10d", Printers.humanDuration(Duration.ofDays(2 * 365 + 10)));
    assertEquals("9y", Printers.humanDuration(Duration.ofDays(9 * 365 + 10)));
  }

  @Test
  void ageIsTheTimeSinceCreationOrUnknown() {
    Instant now = Instant.parse("2025-01-01T01:00:00Z");
    assertEquals("60m", Printers.age(json("{'creationTimestamp':'2025-01-01T00:00:00Z'}"), now));
    assertEquals("<unknown>", Printers.age(json("{}"), now));
    assertEquals("<unknown>", Printers.age(json("{'creationTimestamp':'yesterday'}"), now));
  }

  @Test
  void nodeStatusAndRoles() {
    JsonNode node = json("{'metadata':{'labels':{'node-role.kubernetes.io/control-plane':'','kubernetes.io/role':'worker',"
        + "'node-role.kubernetes.io/':'x'}},'spec':{'unschedulable':true},"
        + "'status':{'conditions':[{'type':'Ready','status':'False'}],'addresses':[{'type':'InternalIP','address':'172.18.0.2'}]}}");
    assertEquals("NotReady,SchedulingDisabled", Printers.nodeStatus(node));
    assertEquals("control-plane,worker", Printers.nodeRoles(node));
    assertEquals("<none>", Printers.nodeRoles(json("{}")));
    assertEquals("Unknown", Printers.nodeStatus(json("{}")));
    assertEquals("172.18.0.2", Printers.nodeAddress(node, "InternalIP"));
    assertEquals("<none>", Printers.nodeAddress(node, "ExternalIP"));
  }

  @Test
  void containersAndLabels() {
    assertEquals(java.util.List.of("a,b", "nginx:1,busybox"),
        Printers.containers(json("{'containers':[{'name':'a','image':'nginx:1'},{'name':'b','image':'busybox'}]}")));
    assertEquals("a=1,b=2", Printers.labels(json("{'b':'2','a':'1'}")));
    assertEquals("<none>", Printers.labels(json("{}")));
  }
}
