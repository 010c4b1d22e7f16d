package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generation, the status subresource, and deletion with finalizers, as the API server does them. */
class WritesLifecycleTest {
  private static final String RS = """
      {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web"%s},
       "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}}%s}""";

  private ObjectStore store;

  @BeforeEach
  void setUp() {
    store = new ObjectStore();
    store.put(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
  }

  private static String rs(int replicas, String metadata, String status) {
    return RS.formatted(metadata, replicas, status);
  }

  private ReplicaSet stored() {
    return store.get(ReplicaSet.class, "ReplicaSet", "default", "web").orElseThrow();
  }

  @Test
  void generationCountsSpecChangesOnly() {
    assertEquals(201, Writes.create(store, "ReplicaSet", "default", rs(1, "", "")).code());
    assertEquals(1L, stored().getMetadata().getGeneration());
    assertEquals(200, Writes.update(store, "ReplicaSet", "default", "web", rs(1, ",\"labels\":{\"x\":\"y\"}", "")).code());
    assertEquals(1L, stored().getMetadata().getGeneration());
    Writes.update(store, "ReplicaSet", "default", "web", rs(3, "", ""));
    assertEquals(2L, stored().getMetadata().getGeneration());
  }

  @Test
  void theMainResourceKeepsTheStatusAndTheStatusSubresourceKeepsTheSpec() {
    Writes.create(store, "ReplicaSet", "default", rs(1, "", ""));
    Writes.Outcome s = Writes.update(store, "ReplicaSet", "default", "web", rs(9, "", ",\"status\":{\"replicas\":1}"), "status");
    assertEquals(200, s.code(), s.json());
    assertEquals(1, stored().getStatus().getReplicas());
    assertEquals(1, stored().getSpec().getReplicas(), "a status write leaves the spec");
    Writes.update(store, "ReplicaSet", "default", "web", rs(2, "", ",\"status\":{\"replicas\":7}"));
    assertEquals(1, stored().getStatus().getReplicas(), "a main-resource write leaves the status");
    assertEquals(2, stored().getSpec().getReplicas());
  }

  @Test
  void aStaleStatusWriteIsAConflict() {
    Writes.create(store, "ReplicaSet", "default", rs(1, "", ""));
    assertEquals(409, Writes.update(store, "ReplicaSet", "default", "web",
        rs(1, ",\"resourceVersion\":\"1\"", ",\"status\":{\"replicas\":1}"), "status").code());
  }

  @Test
  void backgroundDeletionRemovesAtOnceAndForegroundWaitsForItsFinalizer() {
    Writes.create(store, "ReplicaSet", "default", rs(1, "", ""));
    assertEquals(200, Writes.delete(store, stored(), null).code());
    assertTrue(store.get("ReplicaSet", "default", "web").isEmpty());

    Writes.create(store, "ReplicaSet", "default", rs(1, "", ""));
    Writes.delete(store, stored(), "Foreground");
    ReplicaSet marked = stored();
    assertNotNull(marked.getMetadata().getDeletionTimestamp());
    assertEquals(List.of("foregroundDeletion"), marked.getMetadata().getFinalizers());
    HasMetadata released = Json.copy(marked);
    released.getMetadata().setFinalizers(List.of());
    assertEquals(200, Writes.update(store, "ReplicaSet", "default", "web", Json.write(released)).code());
    assertTrue(store.get("ReplicaSet", "default", "web").isEmpty(), "the last finalizer removed, the object goes");
  }

  @Test
  void anUnknownPropagationPolicyIsRefused() {
    Writes.create(store, "ReplicaSet", "default", rs(1, "", ""));
    Writes.Outcome out = Writes.delete(store, stored(), "Sideways");
    assertEquals(400, out.code());
    assertTrue(out.json().contains("Unsupported value: \\\"Sideways\\\""), out.json());
    assertTrue(store.get("ReplicaSet", "default", "web").isPresent());
  }
}
