package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.kubemu.emulator.controlplane.StoreTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API over HTTP on 127.0.0.1: discovery, create, list with selectors and limit, patch. */
class RestApiIT {
  private static final ActorTestKit kit = StoreTestKit.create("RestApiIT");
  private static final HttpClient http = HttpClient.newHttpClient();
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    var store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
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
    assertEquals(405, send("PUT", "/api/v1/nodes/w1", "application/json", "{}").statusCode());
    HttpResponse<String> noRules = send("POST", "/apis/networking.k8s.io/v1/namespaces/default/ingresses", "application/json",
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"s\"},"
            + "\"spec\":{\"ingressClassName\":\"nginx\"}}");
    assertEquals(422, noRules.statusCode(), noRules.body());
    assertTrue(noRules.body().contains("either `defaultBackend` or `rules` must be specified"), noRules.body());
    assertEquals(501, send("POST", "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies", "application/json",
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"deny\"},"
            + "\"spec\":{\"podSelector\":{}}}").statusCode());
  }
}
