package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.protocols.api.KnownKinds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The discovery documents: every known kind is listed where its apiVersion says, with kubectl's short names. */
class DiscoveryTest {
  private static JsonNode resource(String groupVersion, String name) {
    for (JsonNode r : Json.read(Discovery.resources(groupVersion), JsonNode.class).path("resources")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError(name + " not in " + groupVersion);
  }

  @Test
  void everyKnownKindIsServedUnderItsApiVersion() {
    for (KnownKinds.Kind k : KnownKinds.all()) {
      ApiResources.Resource r = ApiResources.ofKind(k.kind()).orElseThrow(() -> new AssertionError("no resource for " + k));
      assertEquals(k.apiVersion(), r.groupVersion(), k.toString());
      assertEquals(k.namespaced(), r.namespaced(), k.toString());
    }
  }

  @Test
  void groupsListTheirVersions() {
    JsonNode groups = Json.read(Discovery.apiGroups(), JsonNode.class);
    List<String> names = new ArrayList<>();
    groups.path("groups").forEach(g -> names.add(g.path("name").asText()));
    assertEquals(List.of("apps", "batch", "discovery.k8s.io", "networking.k8s.io", "projectcalico.org"), names);
    JsonNode apps = Json.read(Discovery.apiGroup("apps"), JsonNode.class);
    assertEquals("apps/v1", apps.path("preferredVersion").path("groupVersion").asText());
    assertNull(Discovery.apiGroup("nope"));
    assertNull(Discovery.resources("apps/v2"));
  }

  @Test
  void deploymentsHaveShortNamesCategoriesAndSubresources() {
    JsonNode deployments = resource("apps/v1", "deployments");
    assertEquals("deploy", deployments.path("shortNames").get(0).asText());
    assertEquals("all", deployments.path("categories").get(0).asText());
    assertTrue(deployments.path("verbs").toString().contains("patch"));
    JsonNode scale = resource("apps/v1", "deployments/scale");
    assertEquals(List.of("autoscaling", "v1", "Scale"),
        List.of(scale.path("group").asText(), scale.path("version").asText(), scale.path("kind").asText()));
    assertEquals("Deployment", resource("apps/v1", "deployments/status").path("kind").asText());
    assertEquals("po", resource("v1", "pods").path("shortNames").get(0).asText());
    assertEquals("[\"get\",\"list\",\"patch\",\"update\",\"watch\"]", resource("v1", "nodes").path("verbs").toString(),
        "nodes come from the node registry: labelled and annotated, not created");
    assertEquals("ippool", resource("projectcalico.org/v3", "ippools").path("singularName").asText());
    assertEquals("BGPPeer", resource("projectcalico.org/v3", "bgppeers").path("kind").asText());
  }
}
