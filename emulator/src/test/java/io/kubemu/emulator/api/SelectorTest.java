package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.Json;
import org.junit.jupiter.api.Test;

class SelectorTest {
  private static final JsonNode WEB = Json.read("""
      {"metadata":{"name":"web","namespace":"demo","labels":{"app":"web","tier":"front"}},
       "spec":{"nodeName":"w1"},"status":{"phase":"Running"}}""", JsonNode.class);

  private static boolean labels(String s) {
    return Selector.labels(s).matchesLabels(WEB);
  }

  private static boolean fields(String s) {
    return Selector.fields(s).matchesFields(WEB);
  }

  @Test
  void equalityOperators() {
    assertTrue(labels("app=web"));
    assertTrue(labels("app==web"));
    assertFalse(labels("app!=web"));
    assertTrue(labels("app!=db"));
    assertTrue(labels("missing!=x"), "!= matches objects without the label");
    assertTrue(labels("app=web, tier=front"));
    assertFalse(labels("app=web,tier=back"));
  }

  @Test
  void setOperators() {
    assertTrue(labels("app in (web,db)"));
    assertTrue(labels("app in(web)"));
    assertFalse(labels("app notin (web, db)"));
    assertTrue(labels("missing notin (x)"));
    assertTrue(labels("app in (db),tier=front") == false);
  }

  @Test
  void existence() {
    assertTrue(labels("app"));
    assertFalse(labels("!app"));
    assertTrue(labels("!missing"));
    assertFalse(labels("missing"));
    assertTrue(labels(""), "the empty selector matches everything");
  }

  @Test
  void prefixedKeys() {
    assertFalse(labels("app.kubernetes.io/name=web"));
  }

  @Test
  void malformedSelectorsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Selector.labels("app in (web"));
    assertThrows(IllegalArgumentException.class, () -> Selector.labels("a b=c"));
    assertThrows(IllegalArgumentException.class, () -> Selector.labels("app=bad value!"));
    assertThrows(IllegalArgumentException.class, () -> Selector.labels("-app"));
  }

  @Test
  void fieldSelectors() {
    assertTrue(fields("metadata.name=web"));
    assertTrue(fields("metadata.namespace==demo,spec.nodeName=w1"));
    assertTrue(fields("status.phase!=Pending"));
    assertFalse(fields("status.phase=Pending"));
    assertFalse(Selector.fields("spec.nodeName=").matchesFields(WEB));
    assertTrue(Selector.fields("spec.nodeName=").matchesFields(Json.read("{\"metadata\":{\"name\":\"x\"}}", JsonNode.class)),
        "an unset field is the empty string");
  }

  /** What kubectl describe asks for the events of an object, and kubectl get events --field-selector. */
  @Test
  void eventFieldSelectors() {
    JsonNode event = Json.read("""
        {"metadata":{"name":"web.18ea72e288a324ae","namespace":"default"},"type":"Normal","reason":"ScalingReplicaSet",
         "involvedObject":{"apiVersion":"apps/v1","kind":"Deployment","name":"web","namespace":"default","uid":"u-1"},
         "source":{"component":"deployment-controller"},"reportingComponent":"deployment-controller"}""", JsonNode.class);
    assertTrue(Selector.fields("Event", "involvedObject.name=web,involvedObject.namespace=default,involvedObject.kind=Deployment,"
        + "involvedObject.uid=u-1").matchesFields(event));
    assertFalse(Selector.fields("Event", "involvedObject.name=web,involvedObject.uid=u-2").matchesFields(event));
    assertTrue(Selector.fields("Event", "reason=ScalingReplicaSet,type=Normal,source=deployment-controller,"
        + "reportingComponent=deployment-controller").matchesFields(event));
    assertThrows(IllegalArgumentException.class, () -> Selector.fields("Pod", "involvedObject.name=web"));
  }

  @Test
  void serviceFieldSelectors() {
    JsonNode svc = Json.read("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.96.1.1\"}}",
        JsonNode.class);
    assertTrue(Selector.fields("Service", "spec.clusterIP=10.96.1.1,spec.type=NodePort").matchesFields(svc));
    assertFalse(Selector.fields("Service", "spec.clusterIP=None").matchesFields(svc));
  }

  @Test
  void unknownFieldsAreRefusedAsTheApiServerDoes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selector.fields("spec.foo=bar"));
    assertEquals("field label not supported: spec.foo", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Selector.fields("metadata.name"));
  }
}
