package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Request bodies: apiVersion and kind from the URL, and DeleteOptions. */
class BodiesTest {
  private static ResourcePath path(String gv, String rest) {
    return ResourcePath.parse(gv, List.of(rest.split("/"))).orElseThrow();
  }

  @Test
  void apiVersionAndKindDefaultToTheUrls() {
    var obj = Bodies.object("{\"metadata\":{\"name\":\"web\"}}", path("apps/v1", "namespaces/default/deployments"), "");
    assertEquals("apps/v1", obj.path("apiVersion").asText());
    assertEquals("Deployment", obj.path("kind").asText());
    var scale = Bodies.object("{\"spec\":{\"replicas\":2}}", path("apps/v1", "namespaces/default/deployments/web/scale"), "");
    assertEquals("autoscaling/v1", scale.path("apiVersion").asText());
    assertEquals("Scale", scale.path("kind").asText());
  }

  @Test
  void anotherApiVersionOrNotAnObjectIsABadRequest() {
    ResourcePath deployments = path("apps/v1", "namespaces/default/deployments");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Bodies.object("{\"apiVersion\":\"apps/v1beta1\"}", deployments, ""));
    assertEquals("the API version in the data (apps/v1beta1) does not match the expected API version (apps/v1)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Bodies.object("[]", deployments, ""));
    assertThrows(IllegalArgumentException.class, () -> Bodies.object("{", deployments, ""));
    assertThrows(IllegalArgumentException.class, () -> Bodies.object("{\"kind\":\"Pod\"}", deployments, ""));
  }

  @Test
  void wrongTypesAreRefusedAndUnknownFieldsWhenStrict() {
    ResourcePath cms = path("v1", "namespaces/default/configmaps");
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> Bodies.object("{\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":1}}", cms, ""));
    assertEquals("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: data[a]: invalid type: number 1 (expected: string)",
        type.getMessage());
    String unknown = "{\"metadata\":{\"name\":\"c\"},\"dta\":{}}";
    assertEquals("c", Bodies.object(unknown, cms, "Ignore").path("metadata").path("name").asText());
    IllegalArgumentException strict = assertThrows(IllegalArgumentException.class, () -> Bodies.object(unknown, cms, "Strict"));
    assertEquals("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"dta\""
        + " (did you mean \"data\"?)", strict.getMessage());
  }

  @Test
  void deleteOptionsNameThePropagationPolicy() {
    assertNull(Bodies.propagationPolicy("", null));
    assertEquals("Orphan", Bodies.propagationPolicy("", "Orphan"));
    assertEquals("Foreground", Bodies.propagationPolicy("{\"kind\":\"DeleteOptions\",\"propagationPolicy\":\"Foreground\"}", "Orphan"));
    assertEquals("Orphan", Bodies.propagationPolicy("{\"orphanDependents\":true}", null));
    assertThrows(Bodies.Invalid.class, () -> Bodies.propagationPolicy("{\"propagationPolicy\":\"Sideways\"}", null));
    assertThrows(IllegalArgumentException.class, () -> Bodies.propagationPolicy("7", null));
  }

  /** kubectl delete --now sends gracePeriodSeconds 1 in DeleteOptions; a query works too; none is null; negative is refused. */
  @Test
  void theGracePeriodOfADeleteComesFromDeleteOptionsOrTheQuery() {
    assertEquals(1L, Bodies.gracePeriodSeconds("{\"kind\":\"DeleteOptions\",\"gracePeriodSeconds\":1}", null));
    assertEquals(0L, Bodies.gracePeriodSeconds("", "0"));
    assertNull(Bodies.gracePeriodSeconds("{\"propagationPolicy\":\"Background\"}", null));
    Exception e = assertThrows(Exception.class, () -> Bodies.gracePeriodSeconds("", "-5"));
    assertEquals("DeleteOptions.meta.k8s.io \"\" is invalid: gracePeriodSeconds: Invalid value: \"-5\": must be greater than or equal to 0",
        e.getMessage());
  }
}
