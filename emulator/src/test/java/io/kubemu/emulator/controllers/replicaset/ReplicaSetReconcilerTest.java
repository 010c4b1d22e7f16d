package io.kubemu.emulator.controllers.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Fixtures;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetReconcilerTest {
  private final ReplicaSetReconciler rsc = new ReplicaSetReconciler();
  private final Instant now = Instant.parse("2026-11-22T10:05:00Z");

  private static <T> List<T> only(List<Action> actions, Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void createsTheMissingPodsFromTheTemplateWithAControllerReference() {
    ReplicaSet rs = Fixtures.replicaSet("web", 3);
    List<Action> actions = rsc.reconcile("default/web", Fixtures.cacheOf(rs, Fixtures.pod("web-a", "web", rs)), now);
    List<Action.Create> creates = only(actions, Action.Create.class);
    assertEquals(2, creates.size());
    Pod p = (Pod) creates.get(0).object();
    assertEquals("web-", p.getMetadata().getGenerateName());
    assertEquals("web", p.getMetadata().getLabels().get("app"));
    assertTrue(Owners.controlledBy(p, rs));
    assertEquals(Boolean.TRUE, p.getMetadata().getOwnerReferences().get(0).getBlockOwnerDeletion());
  }

  @Test
  void deletesTheSurplusUnscheduledAndNotReadyFirst() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    Pod ready = Fixtures.running(Fixtures.pod("web-ready", "web", rs), "w1", "2026-11-22T10:01:00Z");
    Pod pending = Fixtures.pod("web-pending", "web", rs);
    Pod scheduled = Fixtures.pod("web-scheduled", "web", rs);
    scheduled.getSpec().setNodeName("w2");
    List<Action> actions = rsc.reconcile("default/web", Fixtures.cacheOf(rs, ready, pending, scheduled), now);
    assertEquals(List.of("web-pending", "web-scheduled"), only(actions, Action.Delete.class).stream().map(Action.Delete::name).toList());
  }

  @Test
  void terminatingAndFinishedPodsAreNotCounted() {
    ReplicaSet rs = Fixtures.replicaSet("web", 2);
    Pod terminating = Fixtures.pod("web-t", "web", rs);
    terminating.getMetadata().setDeletionTimestamp("2026-11-22T10:04:00Z");
    Pod failed = Fixtures.pod("web-f", "web", rs);
    failed.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed").build());
    assertEquals(2, only(rsc.reconcile("default/web", Fixtures.cacheOf(rs, terminating, failed), now), Action.Create.class).size());
  }

  @Test
  void eachCreateAndDeleteIsRecordedOnTheReplicaSetWhenTheStoreAnswers() {
    ReplicaSet rs = Fixtures.replicaSet("web-7d4f5c6b8", 1);
    Action.Create create = only(rsc.reconcile("default/web-7d4f5c6b8", Fixtures.cacheOf(rs), now), Action.Create.class).get(0);
    Pod named = Owners.copy((Pod) create.object());
    named.getMetadata().setName("web-7d4f5c6b8-x2k4p");
    Event created = create.then().event(Action.Answer.ok(named)).orElseThrow();
    assertEquals(List.of("Normal", "SuccessfulCreate", "Created pod: web-7d4f5c6b8-x2k4p", "replicaset-controller", "web-7d4f5c6b8"),
        List.of(created.getType(), created.getReason(), created.getMessage(), created.getSource().getComponent(),
            created.getInvolvedObject().getName()));
    assertEquals("FailedCreate", create.then().event(Action.Answer.failed(403, "forbidden")).orElseThrow().getReason());

    ReplicaSet one = Fixtures.replicaSet("web", 1);
    List<Action> actions = rsc.reconcile("default/web", Fixtures.cacheOf(one, Fixtures.pod("web-a", "web", one),
        Fixtures.pod("web-b", "web", one)), now);
    Action.Delete delete = only(actions, Action.Delete.class).get(0);
    assertEquals("Deleted pod: " + delete.name(), delete.then().event(new Action.Answer(200, null, null)).orElseThrow().getMessage());
  }

  @Test
  void adoptsAMatchingOrphanInsteadOfCreating() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    List<Action> actions = rsc.reconcile("default/web", Fixtures.cacheOf(rs, Fixtures.pod("loose", "web", null)), now);
    assertTrue(only(actions, Action.Create.class).isEmpty());
    Pod adopted = (Pod) only(actions, Action.Update.class).get(0).object();
    assertTrue(Owners.controlledBy(adopted, rs));
  }

  @Test
  void reportsStatusAndWaitsForMinReadySeconds() {
    ReplicaSet rs = Fixtures.replicaSet("web", 2);
    rs.getSpec().setMinReadySeconds(60);
    Pod old = Fixtures.running(Fixtures.pod("web-1", "web", rs), "w1", "2026-11-22T10:00:00Z");
    Pod fresh = Fixtures.running(Fixtures.pod("web-2", "web", rs), "w2", "2026-11-22T10:04:30Z");
    List<Action> actions = rsc.reconcile("default/web", Fixtures.cacheOf(rs, old, fresh), now);
    ReplicaSet written = (ReplicaSet) only(actions, Action.UpdateStatus.class).get(0).object();
    assertEquals(2, written.getStatus().getReplicas());
    assertEquals(2, written.getStatus().getReadyReplicas());
    assertEquals(1, written.getStatus().getAvailableReplicas());
    assertEquals(1L, written.getStatus().getObservedGeneration());
    Duration wait = only(actions, Action.RequeueAfter.class).get(0).after();
    assertTrue(wait.compareTo(Duration.ofSeconds(30)) >= 0 && wait.compareTo(Duration.ofSeconds(31)) <= 0, wait.toString());
  }

  @Test
  void aSteadyReplicaSetNeedsNothing() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    Pod p = Fixtures.running(Fixtures.pod("web-1", "web", rs), "w1", "2026-11-22T10:00:00Z");
    ReplicaSet withStatus = (ReplicaSet) only(rsc.reconcile("default/web", Fixtures.cacheOf(rs, p), now), Action.UpdateStatus.class)
        .get(0).object();
    assertEquals(List.of(), rsc.reconcile("default/web", Fixtures.cacheOf(Fixtures.stored(withStatus), p), now));
  }

  @Test
  void aPodChangeConcernsItsOwnerAndAnOrphanTheSetsThatSelectIt() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1);
    ObjectCache cache = Fixtures.cacheOf(rs, Fixtures.replicaSet("db", 1));
    assertEquals(List.of("default/web"), List.copyOf(rsc.keysFor(Fixtures.pod("p", "other", rs), cache)));
    assertEquals(List.of("default/db"), List.copyOf(rsc.keysFor(Fixtures.pod("q", "db", null), cache)));
  }
}
