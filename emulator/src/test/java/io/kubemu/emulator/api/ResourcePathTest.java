package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How request paths route to resources, objects and subresources, as the API server routes them. */
class ResourcePathTest {
  private static Optional<ResourcePath> parse(String gv, String rest) {
    return ResourcePath.parse(gv, Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList());
  }

  @Test
  void collectionsInANamespaceOrAcrossAll() {
    ResourcePath all = parse("v1", "pods").orElseThrow();
    assertEquals("Pod", all.resource().kind());
    assertNull(all.namespace());
    assertTrue(all.isCollection());
    ResourcePath inDefault = parse("apps/v1", "namespaces/default/deployments").orElseThrow();
    assertEquals("default", inDefault.namespace());
    assertEquals("Deployment", inDefault.resource().kind());
  }

  @Test
  void objectsAndSubresources() {
    ResourcePath scale = parse("apps/v1", "namespaces/default/deployments/web/scale").orElseThrow();
    assertEquals(List.of("web", "scale"), List.of(scale.name(), scale.subresource()));
    assertEquals("status", parse("v1", "namespaces/default/pods/web/status").orElseThrow().subresource());
    ResourcePath node = parse("v1", "nodes/w1").orElseThrow();
    assertEquals("w1", node.name());
    ResourcePath namespace = parse("v1", "namespaces/default").orElseThrow();
    assertEquals(List.of("Namespace", "default"), List.of(namespace.resource().kind(), namespace.name()));
    assertEquals("status", parse("v1", "namespaces/default/status").orElseThrow().subresource());
  }

  @Test
  void whatIsNotServedIsNotFound() {
    assertTrue(parse("v1", "deployments").isEmpty(), "deployments are in apps/v1");
    assertTrue(parse("apps/v1", "pods").isEmpty());
    assertTrue(parse("v1", "pods/web").isEmpty(), "a namespaced object needs its namespace");
    assertTrue(parse("v1", "namespaces/default/pods/web/scale").isEmpty(), "pods have no scale");
    assertTrue(parse("v1", "namespaces/default/configmaps/c/status").isEmpty(), "config maps have no status");
    assertTrue(parse("v1", "namespaces/default/nodes").isEmpty());
    assertTrue(parse("v1", "namespaces/default/pods/web/status/more").isEmpty());
    assertTrue(parse("v1", "").isEmpty());
  }
}
