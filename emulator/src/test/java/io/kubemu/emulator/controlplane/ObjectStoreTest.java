package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectStoreTest {
  private final ObjectStore store = new ObjectStore();

  private static Pod pod(String namespace, String name, String image) {
    return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec().build();
  }

  private static ConfigMap configMap(String namespace, String name) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
  }

  @Test
  void createStampsUidTimestampAndResourceVersion() {
    long before = store.resourceVersion();
    Pod p = pod("default", "web", "busybox");
    assertEquals("created", store.put(p));
    assertNotNull(p.getMetadata().getUid());
    assertNotNull(p.getMetadata().getCreationTimestamp());
    assertEquals(before + 1, store.resourceVersion());
    assertEquals(Long.toString(store.resourceVersion()), p.getMetadata().getResourceVersion());
    assertEquals(Optional.of(p), store.get(Pod.class, "Pod", "default", "web"));
  }

  @Test
  void theSameObjectAgainIsUnchangedAndKeepsItsVersion() {
    store.put(pod("default", "web", "busybox"));
    long version = store.resourceVersion();
    Pod again = pod("default", "web", "busybox");
    assertEquals("unchanged", store.put(again));
    assertEquals(version, store.resourceVersion());
  }

  @Test
  void aChangeIsConfiguredKeepsUidAndBumpsTheVersion() {
    Pod first = pod("default", "web", "busybox");
    store.put(first);
    Pod changed = pod("default", "web", "busybox:1.36");
    assertEquals("configured", store.put(changed));
    assertEquals(first.getMetadata().getUid(), changed.getMetadata().getUid());
    assertEquals(first.getMetadata().getCreationTimestamp(), changed.getMetadata().getCreationTimestamp());
    assertTrue(Long.parseLong(changed.getMetadata().getResourceVersion())
        > Long.parseLong(first.getMetadata().getResourceVersion()));
    assertEquals("busybox:1.36", store.get(Pod.class, "Pod", "default", "web").orElseThrow()
        .getSpec().getContainers().get(0).getImage());
  }

  @Test
  void updateAndRemoveBumpTheVersion() {
    Pod p = pod("default", "web", "busybox");
    store.put(p);
    long v = store.resourceVersion();
    store.update(p);
    assertEquals(v + 1, store.resourceVersion());
    assertEquals(Long.toString(v + 1), p.getMetadata().getResourceVersion());
    assertEquals(Optional.of(p), store.remove("Pod", "default", "web"));
    assertEquals(v + 2, store.resourceVersion());
    assertEquals(Optional.empty(), store.remove("Pod", "default", "web"));
    assertEquals(v + 2, store.resourceVersion(), "removing nothing changes nothing");
  }

  @Test
  void listsByKindAndNamespace() {
    store.put(pod("default", "a", "busybox"));
    store.put(pod("kube-system", "b", "busybox"));
    store.put(configMap("default", "a"));
    assertEquals(List.of("a"), names(store.list("Pod", "default")));
    assertEquals(List.of("a", "b"), names(store.list("Pod", null)));
    assertEquals(2, store.list(Pod.class, "Pod").size());
    assertEquals(Optional.empty(), store.get(Pod.class, "ConfigMap", "default", "a"), "a kind-type mismatch is empty");
    assertEquals(Optional.empty(), store.get("Pod", "other", "a"));
  }

  private static List<String> names(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).toList();
  }

  @Test
  void everyChangeIsRecordedAndHandedToTheListener() {
    List<ChangeLog.Change> heard = new ArrayList<>();
    ObjectStore watched = new ObjectStore(100, heard::add);
    Pod p = pod("default", "web", "busybox");
    watched.put(p);
    watched.put(pod("default", "web", "busybox"));
    watched.update(p);
    watched.remove("Pod", "default", "web");
    List<ChangeLog.Change> changes = watched.history().since(0).orElseThrow();
    assertEquals(heard, changes);
    assertEquals(List.of("ADDED", "MODIFIED", "DELETED"), changes.stream().map(ChangeLog.Change::type).toList(),
        "an unchanged apply records nothing");
    assertEquals(List.of(2L, 3L, 4L), changes.stream().map(ChangeLog.Change::resourceVersion).toList());
    assertTrue(changes.get(2).json().contains("\"resourceVersion\":\"4\""), "DELETED carries the new version: " + changes.get(2).json());
    assertEquals("default", changes.get(2).namespace());
  }

  @Test
  void theHistoryKeepsTheLastChangesAndAnswersEmptyForAVersionTooOld() {
    ObjectStore small = new ObjectStore(3, c -> {});
    for (int i = 0; i < 5; i++) {
      small.put(configMap("default", "cm" + i));
    }
    assertEquals(3, small.history().size());
    assertEquals(3, small.history().oldest(), "versions 2 and 3 are gone");
    assertEquals(Optional.empty(), small.history().since(2));
    assertEquals(List.of(4L, 5L, 6L), small.history().since(3).orElseThrow().stream().map(ChangeLog.Change::resourceVersion).toList());
    assertEquals(List.of(6L), small.history().since(5).orElseThrow().stream().map(ChangeLog.Change::resourceVersion).toList());
    assertEquals(List.of(), small.history().since(6).orElseThrow());
  }

  @Test
  void aStoreRestoredFromASnapshotKeepsVersionsAndUidsAndGoesOnAfterTheSnapshotVersion() {
    ObjectStore first = new ObjectStore();
    first.put(configMap("default", "a"));
    first.put(configMap("default", "b"));
    first.remove("ConfigMap", "default", "b");
    List<String> jsons = new ArrayList<>(first.snapshot().values());
    jsons.add("not json");
    List<ChangeLog.Change> heard = new ArrayList<>();
    ObjectStore second = new ObjectStore(100, heard::add);
    assertEquals(List.of("not json"), second.restore(first.resourceVersion(), jsons), "unreadable texts are left out");
    assertEquals(List.of(), heard, "restoring records no change");
    HasMetadata a = second.get("ConfigMap", "default", "a").orElseThrow();
    assertEquals(first.get("ConfigMap", "default", "a").orElseThrow().getMetadata().getUid(), a.getMetadata().getUid());
    assertEquals("2", a.getMetadata().getResourceVersion());
    assertEquals(Optional.empty(), second.get("ConfigMap", "default", "b"));
    assertEquals(4, second.resourceVersion());
    assertEquals(Optional.empty(), second.history().since(3), "what came before the snapshot is unknown: too old");
    assertEquals(List.of(), second.history().since(4).orElseThrow());
    assertEquals(Optional.empty(), second.history().since(5), "a version the store never reached: a client that saw it relists");
    second.put(configMap("default", "c"));
    assertEquals(5, second.resourceVersion());
    assertEquals(List.of(5L), second.history().since(4).orElseThrow().stream().map(ChangeLog.Change::resourceVersion).toList());
    assertEquals(List.of("ConfigMap/default/a", "ConfigMap/default/c"), List.copyOf(second.snapshot().keySet()));
  }
}
