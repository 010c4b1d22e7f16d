package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.StoreProtocol.Command;
import io.kubemu.emulator.controlplane.StoreProtocol.WriteResult;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Get, the status and scale subresources, generation, and the three patch types through the API store. */
class ApiStoreSubresourceTest {
  private static final ActorTestKit kit = StoreTestKit.create("ApiStoreSubresourceTest");
  private static final String DEPLOYMENT = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
       "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}},
       "status":{"replicas":7}}""";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static WriteResult ask(ActorRef<Command> store, Function<ActorRef<WriteResult>, Command> msg) {
    TestProbe<WriteResult> reply = kit.createTestProbe();
    store.tell(msg.apply(reply.getRef()));
    return reply.receiveMessage();
  }

  private static JsonNode tree(WriteResult r) {
    return Json.read(r.json(), JsonNode.class);
  }

  private static ActorRef<Command> storeWithDeployment() {
    ActorRef<Command> store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
    WriteResult created = ask(store, r -> new StoreProtocol.Create("Deployment", "default", DEPLOYMENT, r));
    assertEquals(201, created.status(), created.json());
    return store;
  }

  private static JsonNode get(ActorRef<Command> store) {
    WriteResult r = ask(store, reply -> new StoreProtocol.Get("Deployment", "default", "web", reply));
    assertEquals(200, r.status(), r.json());
    return tree(r);
  }

  @Test
  void getAnswersTheObjectOrNotFound() {
    ActorRef<Command> store = storeWithDeployment();
    assertEquals("web", get(store).path("metadata").path("name").asText());
    WriteResult missing = ask(store, r -> new StoreProtocol.Get("Deployment", "default", "nope", r));
    assertEquals(404, missing.status());
    assertEquals("deployments.apps \"nope\" not found", tree(missing).path("message").asText());
    assertEquals("apps", tree(missing).path("details").path("group").asText());
  }

  @Test
  void aCreateStartsAtGenerationOneWithoutTheStatusItWasGiven() {
    JsonNode d = get(storeWithDeployment());
    assertEquals(1, d.path("metadata").path("generation").asInt());
    assertFalse(d.has("status"), d.toString());
  }

  @Test
  void theStatusSubresourceChangesOnlyTheStatusAndTheMainResourceKeepsIt() {
    ActorRef<Command> store = storeWithDeployment();
    String withStatus = Json.write(get(store)).replace("\"replicas\":2", "\"replicas\":9")
        .replaceFirst("}$", ",\"status\":{\"readyReplicas\":2,\"observedGeneration\":1}}");
    WriteResult status = ask(store, r -> new StoreProtocol.Update("Deployment", "default", "web", withStatus, "status", r));
    assertEquals(200, status.status(), status.json());
    assertEquals(2, tree(status).path("spec").path("replicas").asInt(), "a status write leaves the spec");
    assertEquals(2, tree(status).path("status").path("readyReplicas").asInt());
    String specOnly = Json.write(tree(status)).replace("\"replicas\":2", "\"replicas\":3").replace("\"readyReplicas\":2", "\"readyReplicas\":0");
    WriteResult main = ask(store, r -> new StoreProtocol.Update("Deployment", "default", "web", specOnly, r));
    assertEquals(200, main.status(), main.json());
    assertEquals(3, tree(main).path("spec").path("replicas").asInt());
    assertEquals(2, tree(main).path("status").path("readyReplicas").asInt(), "a main-resource write keeps the status");
    assertEquals(2, tree(main).path("metadata").path("generation").asInt(), "a spec change counts a generation");
    WriteResult patched = ask(store, r -> new StoreProtocol.Patch("Deployment", "default", "web", Patches.MERGE,
        "{\"status\":{\"availableReplicas\":1},\"spec\":{\"replicas\":4}}", "status", r));
    assertEquals(1, tree(patched).path("status").path("availableReplicas").asInt());
    assertEquals(3, tree(patched).path("spec").path("replicas").asInt());
  }

  @Test
  void aLabelChangeDoesNotCountAGenerationButAnAnnotationChangeOfADeploymentDoes() {
    ActorRef<Command> store = storeWithDeployment();
    ask(store, r -> new StoreProtocol.Patch("Deployment", "default", "web", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", r));
    assertEquals(1, get(store).path("metadata").path("generation").asInt());
    ask(store, r -> new StoreProtocol.Patch("Deployment", "default", "web", "{\"metadata\":{\"annotations\":{\"a\":\"b\"}}}", r));
    assertEquals(2, get(store).path("metadata").path("generation").asInt());
  }

  @Test
  void theScaleSubresourceReadsAndWritesSpecReplicas() {
    ActorRef<Command> store = storeWithDeployment();
    JsonNode scale = Scales.of(get(store));
    assertEquals("Scale", scale.path("kind").asText());
    assertEquals("autoscaling/v1", scale.path("apiVersion").asText());
    assertEquals(2, scale.path("spec").path("replicas").asInt());
    assertEquals("app=web", scale.path("status").path("selector").asText());
    WriteResult patched = ask(store, r -> new StoreProtocol.Patch("Deployment", "default", "web", Patches.MERGE,
        "{\"spec\":{\"replicas\":10}}", "scale", r));
    assertEquals(200, patched.status(), patched.json());
    assertEquals("Scale", tree(patched).path("kind").asText());
    assertEquals(10, get(store).path("spec").path("replicas").asInt());
    String put = "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":4}}";
    assertEquals(200, ask(store, r -> new StoreProtocol.Update("Deployment", "default", "web", put, "scale", r)).status());
    assertEquals(4, get(store).path("spec").path("replicas").asInt());
    WriteResult negative = ask(store, r -> new StoreProtocol.Update("Deployment", "default", "web",
        put.replace("\"replicas\":4", "\"replicas\":-1"), "scale", r));
    assertEquals(422, negative.status(), negative.json());
    WriteResult stale = ask(store, r -> new StoreProtocol.Update("Deployment", "default", "web",
        put.replace("\"name\":\"web\"", "\"name\":\"web\",\"resourceVersion\":\"1\""), "scale", r));
    assertEquals(409, stale.status(), stale.json());
  }

  @Test
  void strategicMergeAndJsonPatchesApply() {
    ActorRef<Command> store = storeWithDeployment();
    WriteResult smp = ask(store, r -> new StoreProtocol.Patch("Deployment", "default", "web", Patches.STRATEGIC,
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1.28\"}]}}}}", "", r));
    assertEquals(200, smp.status(), smp.json());
    assertEquals("nginx:1.28", tree(smp).path("spec").path("template").path("spec").path("containers").get(0).path("image").asText());
    WriteResult json = ask(store, r -> new StoreProtocol.Patch("Deployment", "default", "web", Patches.JSON_PATCH,
        "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]", "", r));
    assertEquals(5, tree(json).path("spec").path("replicas").asInt());
    WriteResult failed = ask(store, r -> new StoreProtocol.Patch("Deployment", "default", "web", Patches.JSON_PATCH,
        "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":6}]", "", r));
    assertEquals(422, failed.status());
    WriteResult malformed = ask(store, r -> new StoreProtocol.Patch("Deployment", "default", "web", Patches.STRATEGIC, "{nope", "", r));
    assertEquals(400, malformed.status());
    assertTrue(tree(malformed).path("message").asText().startsWith("bad JSON"), malformed.json());
  }
}
