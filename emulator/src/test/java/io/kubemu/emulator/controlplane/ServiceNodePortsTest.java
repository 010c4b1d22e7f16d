package io.kubemu.emulator.controlplane;

import static io.kubemu.emulator.controlplane.ServiceWritesTest.message;
import static io.kubemu.emulator.controlplane.ServiceWritesTest.store;
import static io.kubemu.emulator.controlplane.ServiceWritesTest.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Node ports of NodePort and LoadBalancer Services: allocated, asked for, shared, refused, released on type changes. */
class ServiceNodePortsTest {
  private static final String SVC = """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},"spec":{"type":"%s","selector":{"app":"web"},"ports":[%s]}}""";

  private static Writes.Outcome create(ObjectStore store, String name, String type, String ports) {
    return Writes.create(store, "Service", "default", SVC.formatted(name, type, ports));
  }

  private static JsonNode ports(Writes.Outcome out) {
    return tree(out).path("spec").path("ports");
  }

  @Test
  void aNodePortServiceGetsPortsAboveTheStaticBandAndExternalTrafficPolicyCluster() {
    ObjectStore store = store("10.96.0.0/12");
    Writes.Outcome out = create(store, "web", "NodePort", "{\"name\":\"http\",\"port\":80},{\"name\":\"https\",\"port\":443}");
    assertEquals(201, out.code(), out.json());
    assertEquals(30086, ports(out).get(0).path("nodePort").asInt(), "30000-30085 is the static band");
    assertEquals(30087, ports(out).get(1).path("nodePort").asInt());
    assertEquals("Cluster", tree(out).path("spec").path("externalTrafficPolicy").asText());
  }

  @Test
  void aNodePortAskedForIsHonouredAndOnceTakenRefused() {
    ObjectStore store = store("10.96.0.0/12");
    assertEquals(30080, ports(create(store, "web", "NodePort", "{\"port\":80,\"nodePort\":30080}")).get(0).path("nodePort").asInt());
    Writes.Outcome taken = create(store, "other", "NodePort", "{\"port\":81,\"nodePort\":30080}");
    assertEquals(422, taken.code());
    assertEquals("Service \"other\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated",
        message(taken));
  }

  @Test
  void theTcpAndUdpPortsOfOneNumberShareANodePort() {
    JsonNode ports = ports(create(store("10.96.0.0/12"), "dns", "NodePort",
        "{\"name\":\"udp\",\"port\":53,\"protocol\":\"UDP\"},{\"name\":\"tcp\",\"port\":53,\"protocol\":\"TCP\"}"));
    assertEquals(ports.get(0).path("nodePort").asInt(), ports.get(1).path("nodePort").asInt());
  }

  @Test
  void clusterIpToNodePortAllocatesAndBackReleases() {
    ObjectStore store = store("10.96.0.0/12");
    create(store, "web", "ClusterIP", "{\"port\":80}");
    Writes.Outcome up = Writes.patch(store, "Service", "default", "web", Patches.MERGE, "{\"spec\":{\"type\":\"NodePort\"}}", "");
    assertEquals(200, up.code(), up.json());
    int nodePort = ports(up).get(0).path("nodePort").asInt();
    assertEquals(30086, nodePort);
    Writes.Outcome down = Writes.patch(store, "Service", "default", "web", Patches.MERGE, "{\"spec\":{\"type\":\"ClusterIP\"}}", "");
    assertEquals(200, down.code(), down.json());
    assertFalse(ports(down).get(0).has("nodePort"), down.json());
    assertFalse(tree(down).path("spec").has("externalTrafficPolicy"), "dropped with the type");
    assertEquals(201, create(store, "other", "NodePort", "{\"port\":80,\"nodePort\":" + nodePort + "}").code(), "released");
  }

  @Test
  void reappliedYamlKeepsItsNodePortsAndDeleteReleasesThem() {
    ObjectStore store = store("10.96.0.0/12");
    Writes.Outcome out = create(store, "web", "NodePort", "{\"name\":\"http\",\"port\":80}");
    int nodePort = ports(out).get(0).path("nodePort").asInt();
    Writes.Outcome again = Writes.update(store, "Service", "default", "web", SVC.formatted("web", "NodePort", "{\"name\":\"http\",\"port\":80}"));
    assertEquals(200, again.code(), again.json());
    assertEquals(nodePort, ports(again).get(0).path("nodePort").asInt());
    Writes.delete(store, store.get("Service", "default", "web").orElseThrow(), null);
    assertEquals(201, create(store, "other", "NodePort", "{\"port\":80,\"nodePort\":" + nodePort + "}").code());
  }

  @Test
  void loadBalancersGetNodePortsUnlessTheyOptOutAndAHealthCheckPortWithLocalTraffic() {
    ObjectStore store = store("10.96.0.0/12");
    JsonNode lb = tree(create(store, "lb", "LoadBalancer", "{\"port\":80}"));
    assertEquals(30086, lb.path("spec").path("ports").get(0).path("nodePort").asInt());
    assertEquals(true, lb.path("spec").path("allocateLoadBalancerNodePorts").asBoolean());
    String optOut = SVC.formatted("bare", "LoadBalancer", "{\"port\":80}").replace("\"type\"", "\"allocateLoadBalancerNodePorts\":false,\"type\"");
    JsonNode bare = tree(Writes.create(store, "Service", "default", optOut));
    assertFalse(bare.path("spec").path("ports").get(0).has("nodePort"), bare.toString());
    String local = SVC.formatted("local", "LoadBalancer", "{\"port\":80}").replace("\"type\"", "\"externalTrafficPolicy\":\"Local\",\"type\"");
    JsonNode withHealthCheck = tree(Writes.create(store, "Service", "default", local)).path("spec");
    assertEquals(30087, withHealthCheck.path("ports").get(0).path("nodePort").asInt());
    assertEquals(30088, withHealthCheck.path("healthCheckNodePort").asInt());
  }

  @Test
  void thePortsRunOut() {
    ObjectStore store = store("10.96.0.0/12");
    for (int port = 30000; port <= 32767; port += 1) {
      store.services().nodePorts().take(port - 30000, "default/filler");
    }
    Writes.Outcome full = create(store, "web", "NodePort", "{\"port\":80}");
    assertEquals(500, full.code());
    assertEquals("Internal error occurred: failed to allocate a nodePort: range is full", message(full));
  }
}
