package io.kubemu.emulator.controllers.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controllers.Fixtures;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {
  private final GarbageCollector gc = new GarbageCollector(ControllerManager.OWNED_KINDS);
  private final Instant now = Instant.now();

  @Test
  void aDependentWhoseOwnerIsGoneIsDeleted() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    ObjectCache cache = Fixtures.cacheOf(Fixtures.pod("web-1", "web", rs));
    assertEquals(List.of(new Action.Delete("Pod", "default", "web-1", null)), gc.reconcile("Pod|default/web-1", cache, now));
  }

  @Test
  void aDependentWithItsOwnerStays() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    assertEquals(List.of(), gc.reconcile("Pod|default/web-1", Fixtures.cacheOf(rs, Fixtures.pod("web-1", "web", rs)), now));
  }

  @Test
  void anOwnerRecreatedWithTheSameNameIsNotTheOwner() {
    ReplicaSet old = Fixtures.replicaSet("web", 1);
    Pod p = Fixtures.pod("web-1", "web", old);
    ReplicaSet again = Fixtures.replicaSet("web", 1);
    again.getMetadata().setUid("another-uid");
    assertEquals(1, gc.reconcile("Pod|default/web-1", Fixtures.cacheOf(again, p), now).size());
  }

  @Test
  void danglingReferencesAreDroppedWhenAnotherOwnerLives() {
    ReplicaSet a = Fixtures.replicaSet("a", 1);
    ReplicaSet gone = Fixtures.replicaSet("gone", 1);
    Pod p = Fixtures.pod("p", "a", a);
    List<io.fabric8.kubernetes.api.model.OwnerReference> refs = new ArrayList<>(p.getMetadata().getOwnerReferences());
    refs.add(Owners.controllerRef(gone));
    refs.get(1).setController(false);
    p.getMetadata().setOwnerReferences(refs);
    List<Action> actions = gc.reconcile("Pod|default/p", Fixtures.cacheOf(a, p), now);
    Pod pruned = (Pod) ((Action.Update) actions.get(0)).object();
    assertEquals(List.of("a"), pruned.getMetadata().getOwnerReferences().stream().map(r -> r.getName()).toList());
  }

  @Test
  void ownersOfKindsNotFollowedAreAssumedAlive() {
    Pod p = Fixtures.pod("p", "x", null);
    p.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
        .withApiVersion("example.com/v1").withKind("Widget").withName("w").withUid("u").build()));
    assertEquals(List.of(), gc.reconcile("Pod|default/p", Fixtures.cacheOf(p), now));
  }

  @Test
  void foregroundDeletionDeletesDependentsThenReleasesTheOwner() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    rs.getMetadata().setDeletionTimestamp("2026-11-22T10:00:00Z");
    rs.getMetadata().setFinalizers(List.of("foregroundDeletion"));
    Pod p = Fixtures.pod("web-1", "web", rs);
    assertEquals(List.of(new Action.Delete("Pod", "default", "web-1", "Foreground")),
        gc.reconcile("ReplicaSet|default/web", Fixtures.cacheOf(rs, p), now));
    Action release = gc.reconcile("ReplicaSet|default/web", Fixtures.cacheOf(rs), now).get(0);
    assertTrue(((Action.Update) release).object().getMetadata().getFinalizers().isEmpty());
  }

  @Test
  void orphanDeletionFreesDependentsThenReleasesTheOwner() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    rs.getMetadata().setDeletionTimestamp("2026-11-22T10:00:00Z");
    rs.getMetadata().setFinalizers(List.of("orphan"));
    Pod p = Fixtures.pod("web-1", "web", rs);
    Pod freed = (Pod) ((Action.Update) gc.reconcile("ReplicaSet|default/web", Fixtures.cacheOf(rs, p), now).get(0)).object();
    assertTrue(freed.getMetadata().getOwnerReferences().isEmpty());
    assertTrue(gc.reconcile("Pod|default/web-1", Fixtures.cacheOf(rs, p), now).isEmpty(), "the owner still exists while orphaning");
  }

  @Test
  void aDeletedOwnerConcernsItsDependents() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    ObjectCache cache = Fixtures.cacheOf(rs, Fixtures.pod("web-1", "web", rs));
    assertTrue(gc.keysFor(rs, cache).contains("Pod|default/web-1"));
  }
}
