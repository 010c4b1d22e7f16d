package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.controlplane.StoreProtocol.Command;
import io.kubemu.emulator.controlplane.StoreProtocol.WriteResult;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** REST writes through the API store: create, update and merge patch. */
class ApiStoreWriteTest {
  private static final ActorTestKit kit = StoreTestKit.create("ApiStoreWriteTest");
  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{%s},
       "spec":{"containers":[{"name":"c","image":"busybox:1.36"}]}}""";

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static ActorRef<Command> store() {
    return kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
  }

  private static WriteResult ask(ActorRef<Command> store, java.util.function.Function<ActorRef<WriteResult>, Command> msg) {
    TestProbe<WriteResult> reply = kit.createTestProbe();
    store.tell(msg.apply(reply.getRef()));
    return reply.receiveMessage();
  }

  private static WriteResult create(ActorRef<Command> store, String metadata) {
    return ask(store, r -> new StoreProtocol.Create("Pod", "default", POD.formatted(metadata), r));
  }

  private static JsonNode tree(WriteResult r) {
    return Json.read(r.json(), JsonNode.class);
  }

  @Test
  void createAnswers201WithTheStoredObjectAndSchedulesIt() {
    ActorRef<Command> store = store();
    TestProbe<NodeAgent.Command> w1 = kit.createTestProbe();
    store.tell(new StoreProtocol.FromKubelet(new KubeletReport.NodeRegistered(new NodeLease("w1", "h1",
        Ipv4Address.parse("172.18.0.2"), MacAddress.local(1), Ipv4Cidr.parse("10.244.0.0/24"), "flannel-vxlan",
        MacAddress.local(0x101), w1.getRef()), w1.getRef())));
    WriteResult r = create(store, "\"name\":\"web\"");
    assertEquals(201, r.status(), r.json());
    JsonNode pod = tree(r);
    assertEquals("default", pod.path("metadata").path("namespace").asText());
    assertTrue(pod.path("metadata").hasNonNull("uid"));
    assertEquals("Always", pod.path("spec").path("restartPolicy").asText());
    w1.expectMessageClass(NodeAgent.RunPod.class);
  }

  @Test
  void aSecondCreateIsAlreadyExists() {
    ActorRef<Command> store = store();
    assertEquals(201, create(store, "\"name\":\"web\"").status());
    WriteResult again = create(store, "\"name\":\"web\"");
    assertEquals(409, again.status());
    JsonNode status = tree(again);
    assertEquals("AlreadyExists", status.path("reason").asText());
    assertEquals("pods \"web\" already exists", status.path("message").asText());
    assertEquals("pods", status.path("details").path("kind").asText());
  }

  @Test
  void generateNameAddsAFiveCharacterSuffix() {
    ActorRef<Command> store = store();
    String name = tree(create(store, "\"generateName\":\"web-\"")).path("metadata").path("name").asText();
    assertTrue(name.matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}"), name);
    assertNotEquals(name, tree(create(store, "\"generateName\":\"web-\"")).path("metadata").path("name").asText());
  }

  @Test
  void aNamespaceInTheBodyOtherThanThePathsIsABadRequest() {
    WriteResult r = create(store(), "\"name\":\"web\",\"namespace\":\"other\"");
    assertEquals(400, r.status());
    assertEquals("the namespace of the provided object does not match the namespace sent on the request",
        tree(r).path("message").asText());
  }

  @Test
  void anUpdateWithAStaleResourceVersionIsAConflict() {
    ActorRef<Command> store = store();
    String v1 = tree(ask(store, r -> new StoreProtocol.Create("ConfigMap", "default",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\"},\"data\":{\"a\":\"1\"}}", r)))
        .path("metadata").path("resourceVersion").asText();
    String update = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\",\"resourceVersion\":\"%s\"},\"data\":{\"a\":\"%s\"}}";
    WriteResult ok = ask(store, r -> new StoreProtocol.Update("ConfigMap", "default", "cfg", update.formatted(v1, "2"), r));
    assertEquals(200, ok.status(), ok.json());
    assertNotEquals(v1, tree(ok).path("metadata").path("resourceVersion").asText());
    WriteResult stale = ask(store, r -> new StoreProtocol.Update("ConfigMap", "default", "cfg", update.formatted(v1, "3"), r));
    assertEquals(409, stale.status());
    assertEquals("Conflict", tree(stale).path("reason").asText());
    assertEquals("Operation cannot be fulfilled on configmaps \"cfg\": the object has been modified; please apply your changes"
        + " to the latest version and try again", tree(stale).path("message").asText());
    WriteResult unconditional = ask(store, r -> new StoreProtocol.Update("ConfigMap", "default", "cfg",
        update.formatted("", "4").replace(",\"resourceVersion\":\"\"", ""), r));
    assertEquals(200, unconditional.status(), "no resourceVersion: an unconditional update, as for these kinds in Kubernetes");
    WriteResult missing = ask(store, r -> new StoreProtocol.Update("ConfigMap", "default", "nope",
        update.formatted("", "4").replace("cfg", "nope"), r));
    assertEquals(404, missing.status());
  }

  @Test
  void aMergePatchChangesLabelsButNotThePodSpec() {
    ActorRef<Command> store = store();
    create(store, "\"name\":\"web\",\"labels\":{\"app\":\"web\",\"old\":\"x\"}");
    WriteResult labelled = ask(store, r -> new StoreProtocol.Patch("Pod", "default", "web",
        "{\"metadata\":{\"labels\":{\"tier\":\"front\",\"old\":null}}}", r));
    assertEquals(200, labelled.status(), labelled.json());
    assertEquals("{\"app\":\"web\",\"tier\":\"front\"}", Json.write(tree(labelled).path("metadata").path("labels")));
    WriteResult spec = ask(store, r -> new StoreProtocol.Patch("Pod", "default", "web",
        "{\"spec\":{\"restartPolicy\":\"Never\"}}", r));
    assertEquals(422, spec.status());
    assertTrue(tree(spec).path("message").asText().contains("spec: Forbidden: pod updates may not change fields"));
    WriteResult stale = ask(store, r -> new StoreProtocol.Patch("Pod", "default", "web",
        "{\"metadata\":{\"resourceVersion\":\"1\",\"labels\":{\"x\":\"y\"}}}", r));
    assertEquals(409, stale.status());
  }

  @Test
  void writesReachWatchers() {
    ActorRef<Command> store = store();
    TestProbe<StoreProtocol.WatchEvent> watcher = kit.createTestProbe();
    store.tell(new StoreProtocol.Watch("Pod", null, 0, watcher.getRef()));
    create(store, "\"name\":\"web\"");
    assertEquals("ADDED", watcher.receiveMessage().type());
    ask(store, r -> new StoreProtocol.Patch("Pod", "default", "web", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", r));
    StoreProtocol.WatchEvent e;
    do {
      e = watcher.receiveMessage();
    } while (!Json.read(e.objectJson(), JsonNode.class).path("metadata").path("labels").has("a"));
    assertEquals("MODIFIED", e.type());
  }

  @Test
  void anObjectTheChecksDidNotForeseeIsABadRequestAndTheStoreStaysUp() {
    ActorRef<Command> store = store();
    create(store, "\"name\":\"kept\"");
    WriteResult nullContainer = ask(store, r -> new StoreProtocol.Create("Pod", "default",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":[null]}}", r));
    assertEquals(400, nullContainer.status(), nullContainer.json());
    TestProbe<StoreProtocol.ObjectList> list = kit.createTestProbe();
    store.tell(new StoreProtocol.ListObjects("Pod", "default", list.getRef()));
    assertEquals(1, list.receiveMessage().items().size(), "the store kept its objects");
  }
}
