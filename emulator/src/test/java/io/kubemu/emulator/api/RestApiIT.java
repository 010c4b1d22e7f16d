package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API over HTTP on 127.0.0.1: discovery, create, list with selectors and limit, patch; Calico's
 * projectcalico.org/v3 resources; labels and annotations of the registry's nodes.
 */
class RestApiIT {
  private static final ActorTestKit kit = StoreTestKit.create("RestApiIT");
  private static final HttpClient http = HttpClient.newHttpClient();
  private static String base;
  private static ActorRef<StoreProtocol.Command> store;

  @BeforeAll
  static void start() throws Exception {
    store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    int port = ApiServer.start(kit.system(), store, "127.0.0.1", 0).toCompletableFuture().get().localAddress().getPort();
    base = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) {
    return Json.read(r.body(), JsonNode.class);
  }

  private static String configMap(String name, String app) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app + "\"}}}";
  }

  @Test
  void discovery() throws Exception {
    assertEquals("v1", json(send("GET", "/api", null, null)).path("versions").get(0).asText());
    assertEquals("APIGroupList", json(send("GET", "/apis", null, null)).path("kind").asText());
    JsonNode resources = json(send("GET", "/api/v1", null, null));
    assertEquals("APIResourceList", resources.path("kind").asText());
    JsonNode pods = null;
    for (JsonNode r : resources.path("resources")) {
      pods = r.path("name").asText().equals("pods") ? r : pods;
    }
    assertEquals("po", pods.path("shortNames").get(0).asText());
    assertEquals("Pod", pods.path("kind").asText());
    assertEquals(404, send("GET", "/openapi/v2", null, null).statusCode());
  }

  @Test
  void createListWithSelectorsAndLimitThenPatch() throws Exception {
    String cms = "/api/v1/namespaces/default/configmaps";
    assertEquals(201, send("POST", cms, "application/json", configMap("a", "web")).statusCode());
    assertEquals(201, send("POST", cms, "application/json", configMap("b", "db")).statusCode());
    assertEquals(201, send("POST", cms, "application/json", configMap("c", "web")).statusCode());
    assertEquals(409, send("POST", cms, "application/json", configMap("a", "web")).statusCode());
    assertEquals(2, json(send("GET", cms + "?labelSelector=app%3Dweb", null, null)).path("items").size());
    assertEquals("b", json(send("GET", cms + "?labelSelector=app+notin+(web)", null, null)).path("items").get(0)
        .path("metadata").path("name").asText());
    assertEquals(1, json(send("GET", cms + "?fieldSelector=metadata.name%3Dc", null, null)).path("items").size());
    assertEquals(400, send("GET", cms + "?fieldSelector=spec.foo%3Dx", null, null).statusCode());
    JsonNode page = json(send("GET", cms + "?limit=2", null, null));
    assertEquals(2, page.path("items").size());
    assertEquals(1, page.path("metadata").path("remainingItemCount").asInt());
    JsonNode rest = json(send("GET", cms + "?limit=2&continue=" + page.path("metadata").path("continue").asText(), null, null));
    assertEquals("c", rest.path("items").get(0).path("metadata").path("name").asText());
    HttpResponse<String> patched = send("PATCH", cms + "/a", "application/merge-patch+json", "{\"data\":{\"k\":\"v\"}}");
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals("v", json(patched).path("data").path("k").asText());
    assertEquals(415, send("PATCH", cms + "/a", "application/apply-patch+yaml", "{}").statusCode());
    HttpResponse<String> noNode = send("PUT", "/api/v1/nodes/w9", "application/json", "{\"metadata\":{\"name\":\"w9\"}}");
    assertEquals(404, noNode.statusCode(), "nodes may be updated, but only those that exist");
    assertEquals(405, send("DELETE", "/api/v1/nodes/w9", null, null).statusCode());
    HttpResponse<String> noRules = send("POST", "/apis/networking.k8s.io/v1/namespaces/default/ingresses", "application/json",
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"s\"},"
            + "\"spec\":{\"ingressClassName\":\"nginx\"}}");
    assertEquals(422, noRules.statusCode(), noRules.body());
    assertTrue(noRules.body().contains("either `defaultBackend` or `rules` must be specified"), noRules.body());
    assertEquals(501, send("POST", "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies", "application/json",
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"deny\"},"
            + "\"spec\":{\"podSelector\":{}}}").statusCode());
  }

  private static final String POOLS = "/apis/projectcalico.org/v3/ippools";

  private static String pool(String name, String cidr) {
    return "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"IPPool\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"spec\":{\"cidr\":\"" + cidr + "\",\"ipipMode\":\"Always\",\"natOutgoing\":true}}";
  }

  @Test
  void calicoResourcesAreDiscoveredCreatedListedWatchedAndDeleted() throws Exception {
    assertTrue(send("GET", "/apis", null, null).body().contains("\"name\":\"projectcalico.org\""));
    JsonNode resources = json(send("GET", "/apis/projectcalico.org/v3", null, null));
    JsonNode pools = null;
    for (JsonNode r : resources.path("resources")) {
      pools = r.path("name").asText().equals("ippools") ? r : pools;
    }
    assertEquals("IPPool", pools.path("kind").asText());
    assertFalse(pools.path("namespaced").asBoolean());
    assertTrue(pools.path("verbs").toString().contains("create"), pools.toString());

    HttpResponse<String> created = send("POST", POOLS, "application/json", pool("pool-a", "10.244.0.0/16"));
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(26, json(created).path("spec").path("blockSize").asInt(), "Calico's defaults are filled in");
    HttpResponse<String> table = http.send(HttpRequest.newBuilder(URI.create(base + POOLS))
        .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build(), HttpResponse.BodyHandlers.ofString());
    JsonNode row = json(table).path("rows").get(0).path("cells");
    assertEquals("[\"pool-a\",\"10.244.0.0/16\",\"all()\"]", row.toString(), "calicoctl's columns: name, CIDR, selector");
    HttpResponse<String> watched = send("GET", POOLS + "?watch=true&resourceVersion=0&timeoutSeconds=1", null, null);
    assertTrue(watched.body().contains("\"type\":\"ADDED\"") && watched.body().contains("pool-a"), watched.body());

    HttpResponse<String> overlapping = send("POST", POOLS, "application/json", pool("pool-b", "10.244.64.0/18"));
    assertEquals(422, overlapping.statusCode());
    assertEquals("IPPool.projectcalico.org \"pool-b\" is invalid: spec.cidr: Invalid value: \"10.244.64.0/18\": overlaps IPPool"
        + " \"pool-a\" (10.244.0.0/16)", json(overlapping).path("message").asText());
    HttpResponse<String> unknown = send("POST", POOLS + "?fieldValidation=Strict", "application/json",
        pool("pool-c", "10.250.0.0/16").replace("\"natOutgoing\"", "\"natOutgoin\""));
    assertEquals(400, unknown.statusCode());
    assertTrue(json(unknown).path("message").asText().contains("unknown field \"spec.natOutgoin\""), unknown.body());
    HttpResponse<String> peer = send("POST", "/apis/projectcalico.org/v3/bgppeers", "application/json",
        "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"BGPPeer\",\"metadata\":{\"name\":\"tor\"},"
            + "\"spec\":{\"peerIP\":\"127.0.0.1:17900\",\"nodeSelector\":\"rack == 'a'\"}}");
    assertEquals(422, peer.statusCode());
    assertTrue(json(peer).path("message").asText().contains("spec.asNumber: Required value: the peer's AS number is required"
        + " with peerIP"), peer.body());

    assertEquals(200, send("DELETE", POOLS + "/pool-a", null, null).statusCode());
    assertEquals(404, send("GET", POOLS + "/pool-a", null, null).statusCode());
  }

  @Test
  void aRegisteredNodesLabelsAndAnnotationsArePatchedButItIsNotCreated() throws Exception {
    TestProbe<io.kubemu.nodes.agent.NodeAgent.Command> agent = kit.createTestProbe();
    store.tell(new StoreProtocol.FromKubelet(new KubeletReport.NodeRegistered(new NodeLease("w2", "h1",
        Ipv4Address.parse("172.18.0.3"), MacAddress.local(2), Ipv4Cidr.parse("10.244.1.0/24"), "flannel-vxlan",
        MacAddress.local(0x102), agent.getRef()), agent.getRef())));
    HttpResponse<String> labelled = send("PATCH", "/api/v1/nodes/w2", "application/strategic-merge-patch+json",
        "{\"metadata\":{\"labels\":{\"route-reflector\":\"true\"},"
            + "\"annotations\":{\"projectcalico.org/RouteReflectorClusterID\":\"244.0.0.1\"}}}");
    assertEquals(200, labelled.statusCode(), labelled.body());
    JsonNode node = json(send("GET", "/api/v1/nodes/w2", null, null));
    assertEquals("true", node.path("metadata").path("labels").path("route-reflector").asText());
    assertEquals("244.0.0.1", node.path("metadata").path("annotations").path("projectcalico.org/RouteReflectorClusterID").asText());
    assertEquals(1, json(send("GET", "/api/v1/nodes?labelSelector=route-reflector%3Dtrue", null, null)).path("items").size());
    HttpResponse<String> create = send("POST", "/api/v1/nodes", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"w7\"}}");
    assertEquals(405, create.statusCode());
    assertTrue(json(create).path("message").asText().startsWith("nodes are not created through the API"), create.body());
    assertEquals(405, send("PATCH", "/api/v1/nodes/w2/status", "application/merge-patch+json", "{}").statusCode());
  }
}
