package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service creates and updates through the store's write path: defaults, cluster IPs, and what updates may change. */
class ServiceWritesTest {
  private static final NodeRegistry NODES = new NodeRegistry(java.time.Duration.ofMinutes(5));
  static final String SVC = """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},"spec":{%s"selector":{"app":"web"},
       "ports":[{"port":80,"targetPort":8080}]}}""";

  static ObjectStore store(String cidr) {
    ObjectStore store = new ObjectStore(100, c -> {}, new ServiceNetwork(Ipv4Cidr.parse(cidr)));
    store.put(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
    return store;
  }

  static Writes.Outcome create(ObjectStore store, String name, String spec) {
    return Writes.create(store, "Service", "default", SVC.formatted(name, spec));
  }

  static JsonNode tree(Writes.Outcome out) {
    return Json.read(out.json(), JsonNode.class);
  }

  static String message(Writes.Outcome out) {
    return tree(out).path("message").asText();
  }

  @Test
  void aServiceIsDefaultedAsTheApiServerDefaultsIt() {
    Writes.Outcome out = create(store("10.96.0.0/12"), "web", "");
    assertEquals(201, out.code(), out.json());
    JsonNode spec = tree(out).path("spec");
    assertEquals("ClusterIP", spec.path("type").asText());
    assertEquals("10.96.1.1", spec.path("clusterIP").asText(), "the first address above the static band");
    assertEquals("[\"10.96.1.1\"]", spec.path("clusterIPs").toString());
    assertEquals("[\"IPv4\"]", spec.path("ipFamilies").toString());
    assertEquals("SingleStack", spec.path("ipFamilyPolicy").asText());
    assertEquals("None", spec.path("sessionAffinity").asText());
    assertEquals("Cluster", spec.path("internalTrafficPolicy").asText());
    assertFalse(spec.has("externalTrafficPolicy"), "only for externally accessible Services");
    assertEquals("TCP", spec.path("ports").get(0).path("protocol").asText());
    assertEquals("{\"loadBalancer\":{}}", tree(out).path("status").toString());
  }

  @Test
  void aTargetPortDefaultsToThePort() {
    String json = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"dns"},"spec":{"selector":{"app":"dns"},
         "ports":[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53}]}}""";
    JsonNode ports = tree(Writes.create(store("10.96.0.0/12"), "Service", "default", json)).path("spec").path("ports");
    assertEquals(53, ports.get(0).path("targetPort").asInt());
    assertEquals("TCP", ports.get(1).path("protocol").asText());
  }

  @Test
  void aClusterIpAskedForIsHonouredAndOnceTakenRefused() {
    ObjectStore store = store("10.96.0.0/12");
    assertEquals("10.96.0.10", tree(create(store, "dns", "\"clusterIP\":\"10.96.0.10\",")).path("spec").path("clusterIP").asText());
    Writes.Outcome taken = create(store, "other", "\"clusterIP\":\"10.96.0.10\",");
    assertEquals(422, taken.code());
    assertEquals("Service \"other\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: failed to allocate IP"
        + " 10.96.0.10: provided IP is already allocated", message(taken));
    Writes.Outcome outside = create(store, "other", "\"clusterIP\":\"10.0.0.10\",");
    assertEquals(422, outside.code());
    assertEquals("Service \"other\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.0.0.10\"}: failed to allocate IP"
        + " 10.0.0.10: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12", message(outside));
    assertEquals("FieldValueInvalid", tree(outside).path("details").path("causes").get(0).path("reason").asText());
  }

  @Test
  void theRangeRunsOutAndADeleteGivesBack() {
    ObjectStore store = store("10.96.0.0/29");
    for (int i = 1; i <= 6; i++) {
      assertEquals(201, create(store, "s" + i, "").code());
    }
    Writes.Outcome full = create(store, "s7", "");
    assertEquals(500, full.code());
    assertEquals("Internal error occurred: failed to allocate a serviceIP: range is full", message(full));
    String ip = store.get("Service", "default", "s3").map(s -> ((io.fabric8.kubernetes.api.model.Service) s).getSpec().getClusterIP())
        .orElseThrow();
    assertEquals(200, Writes.delete(store, store.get("Service", "default", "s3").orElseThrow(), null).code());
    assertEquals(ip, tree(create(store, "s7", "")).path("spec").path("clusterIP").asText());
  }

  @Test
  void headlessAndExternalNameServicesGetNoClusterIp() {
    ObjectStore store = store("10.96.0.0/12");
    JsonNode headless = tree(create(store, "db", "\"clusterIP\":\"None\",")).path("spec");
    assertEquals("[\"None\"]", headless.path("clusterIPs").toString());
    assertEquals("SingleStack", headless.path("ipFamilyPolicy").asText(), "headless with a selector");
    String external = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"example.com"}}""";
    Writes.Outcome out = Writes.create(store, "Service", "default", external);
    assertEquals(201, out.code(), out.json());
    JsonNode spec = tree(out).path("spec");
    assertFalse(spec.has("clusterIP") || spec.has("clusterIPs") || spec.has("ipFamilies") || spec.has("internalTrafficPolicy"), spec.toString());
    String selectorless = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"peers"},"spec":{"clusterIP":"None","ports":[{"port":7000}]}}""";
    JsonNode peers = tree(Writes.create(store, "Service", "default", selectorless)).path("spec");
    assertEquals("RequireDualStack", peers.path("ipFamilyPolicy").asText(), "as on any cluster");
    assertEquals("[\"IPv4\",\"IPv6\"]", peers.path("ipFamilies").toString());
  }

  @Test
  void dualStackAndIpv6AreRefusedOnThisSingleStackCluster() {
    ObjectStore store = store("10.96.0.0/12");
    assertEquals("Service \"a\" is invalid: spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured"
        + " for dual-stack services", message(create(store, "a", "\"ipFamilyPolicy\":\"RequireDualStack\",")));
    assertEquals("Service \"b\" is invalid: spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster",
        message(create(store, "b", "\"ipFamilies\":[\"IPv6\"],")));
    assertEquals(201, create(store, "c", "\"ipFamilyPolicy\":\"PreferDualStack\",").code());
  }

  @Test
  void theClusterIpMayNotChangeButReappliedYamlKeepsIt() {
    ObjectStore store = store("10.96.0.0/12");
    create(store, "web", "");
    Writes.Outcome same = Writes.update(store, "Service", "default", "web", SVC.formatted("web", ""));
    assertEquals(200, same.code(), same.json());
    assertEquals("10.96.1.1", tree(same).path("spec").path("clusterIP").asText(), "the allocated address is kept (patchAllocatedValues)");
    Writes.Outcome changed = Writes.update(store, "Service", "default", "web", SVC.formatted("web", "\"clusterIP\":\"10.96.0.20\","));
    assertEquals(422, changed.code());
    assertEquals("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.20\"}: may not change once set",
        message(changed));
    assertEquals(201, create(store, "other", "\"clusterIP\":\"10.96.0.20\",").code(), "the refused update took nothing");
  }

  @Test
  void changingToExternalNameReleasesTheClusterIp() {
    ObjectStore store = store("10.96.0.0/12");
    create(store, "web", "\"clusterIP\":\"10.96.0.30\",");
    Writes.Outcome out = Writes.patch(store, "Service", "default", "web", Patches.MERGE,
        "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"example.com\",\"selector\":null}}", "");
    assertEquals(200, out.code(), out.json());
    assertFalse(tree(out).path("spec").has("clusterIP"), out.json());
    assertEquals(201, create(store, "other", "\"clusterIP\":\"10.96.0.30\",").code());
    Writes.Outcome back = Writes.patch(store, "Service", "default", "web", Patches.MERGE, "{\"spec\":{\"type\":\"ClusterIP\"}}", "");
    assertEquals(200, back.code(), back.json());
    assertEquals("10.96.1.1", tree(back).path("spec").path("clusterIP").asText(), "a new one");
  }

  @Test
  void servicesAppliedTogetherGetDifferentAddressesAndARefusedApplyTakesNone() {
    ObjectStore store = store("10.96.0.0/12");
    Applies.Outcome out = Applies.apply(store, NODES, List.of(SVC.formatted("a", ""), SVC.formatted("b", "")));
    assertEquals(200, out.result().status(), out.result().errorJson());
    assertEquals("10.96.1.1", tree(Writes.get(store, "Service", "default", "a")).path("spec").path("clusterIP").asText());
    assertEquals("10.96.1.2", tree(Writes.get(store, "Service", "default", "b")).path("spec").path("clusterIP").asText());
    Applies.Outcome refused = Applies.apply(store, NODES, List.of(SVC.formatted("c", "\"clusterIP\":\"10.96.0.40\","),
        SVC.formatted("d", "\"clusterIP\":\"10.96.0.40\",")));
    assertEquals(422, refused.result().status());
    assertTrue(refused.result().errorJson().contains("provided IP is already allocated"), refused.result().errorJson());
    assertEquals(201, create(store, "e", "\"clusterIP\":\"10.96.0.40\",").code(), "c's reservation was given back");
  }

  @Test
  void applyingTheSameServiceAgainChangesNothing() {
    ObjectStore store = store("10.96.0.0/12");
    String nodePort = SVC.formatted("web", "\"type\":\"NodePort\",");
    assertEquals(List.of("service/web created"), Applies.apply(store, NODES, List.of(nodePort)).result().lines());
    assertEquals(List.of("service/web unchanged"), Applies.apply(store, NODES, List.of(nodePort)).result().lines(),
        "the allocated clusterIP and nodePort are kept, and nothing else differs");
  }

  @Test
  void aCreateOfAnExistingNameTakesNothing() {
    ObjectStore store = store("10.96.0.0/12");
    create(store, "web", "");
    String nodePort = SVC.formatted("web", "\"type\":\"NodePort\",").replace("8080}", "8080,\"nodePort\":30500}");
    assertEquals(409, Writes.create(store, "Service", "default", nodePort).code());
    String other = SVC.formatted("other", "\"type\":\"NodePort\",").replace("8080}", "8080,\"nodePort\":30500}");
    assertEquals(201, Writes.create(store, "Service", "default", other).code());
  }
}
