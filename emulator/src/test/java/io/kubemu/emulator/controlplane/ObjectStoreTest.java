package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
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
}
