package io.kubemu.emulator.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectCacheTest {
  @Test
  void anOlderEventNeverReplacesANewerObject() {
    Pod v1 = Fixtures.pod("a", "web", null);
    Pod v2 = Owners.copy(v1);
    v2.getMetadata().setResourceVersion(Long.toString(Long.parseLong(v1.getMetadata().getResourceVersion()) + 5));
    v2.getMetadata().getLabels().put("tier", "new");
    ObjectCache cache = new ObjectCache();
    cache.observe(v2);
    cache.apply("MODIFIED", v1);
    assertEquals("new", cache.get(Pod.class, "Pod", "default", "a").orElseThrow().getMetadata().getLabels().get("tier"));
    cache.apply("DELETED", v1);
    assertTrue(cache.get(Pod.class, "Pod", "default", "a").isPresent(), "a delete older than what is held is ignored");
    cache.apply("DELETED", v2);
    assertTrue(cache.get(Pod.class, "Pod", "default", "a").isEmpty());
  }

  /** The garbage collector removes an owner's last finalizer; the watch reports it gone before the write's answer arrives. */
  @Test
  void aWriteAnsweredAfterTheDeleteDoesNotBringTheObjectBack() {
    Pod finalizing = Fixtures.pod("a", "web", null);
    Pod deleted = Owners.copy(finalizing);
    deleted.getMetadata().setResourceVersion(Long.toString(Long.parseLong(finalizing.getMetadata().getResourceVersion()) + 1));
    ObjectCache cache = Fixtures.cacheOf(finalizing);
    cache.apply("DELETED", deleted);
    cache.observe(deleted);
    cache.observe(finalizing);
    assertTrue(cache.get(Pod.class, "Pod", "default", "a").isEmpty());
    Pod recreated = Owners.copy(deleted);
    recreated.getMetadata().setResourceVersion(Long.toString(Long.parseLong(deleted.getMetadata().getResourceVersion()) + 1));
    cache.apply("ADDED", recreated);
    assertTrue(cache.get(Pod.class, "Pod", "default", "a").isPresent(), "a newer one of the same name is another object");
  }

  @Test
  void aResyncSweepsWhatTheInitialEventsDidNotMention() {
    Pod a = Fixtures.pod("a", "web", null);
    Pod b = Fixtures.pod("b", "web", null);
    ObjectCache cache = Fixtures.cacheOf(a, b);
    cache.beginResync();
    cache.apply("ADDED", a);
    List<HasMetadata> gone = cache.sweep();
    assertEquals(List.of("b"), gone.stream().map(o -> o.getMetadata().getName()).toList());
    assertEquals(1, cache.list(Pod.class, "Pod", null).size());
  }

  @Test
  void dependentsAreIndexedByOwnerUidAndFollowChanges() {
    ReplicaSet rs = Fixtures.replicaSet("web", 2);
    Pod owned = Fixtures.pod("web-1", "web", rs);
    ObjectCache cache = Fixtures.cacheOf(rs, owned, Fixtures.pod("other", "x", null));
    assertEquals(List.of("web-1"), cache.dependents(rs.getMetadata().getUid()).stream().map(o -> o.getMetadata().getName()).toList());
    Pod freed = Owners.copy(owned);
    freed.getMetadata().setOwnerReferences(null);
    cache.observe(Fixtures.stored(freed));
    assertTrue(cache.dependents(rs.getMetadata().getUid()).isEmpty());
  }

  @Test
  void keysSplitIntoNamespaceAndName() {
    assertEquals("default/web", ObjectCache.key("default", "web"));
    assertEquals("node1", ObjectCache.key(null, "node1"));
    assertEquals("default", ObjectCache.namespaceOf("default/web"));
    assertEquals("", ObjectCache.namespaceOf("node1"));
    assertEquals("web", ObjectCache.nameOf("default/web"));
  }
}
