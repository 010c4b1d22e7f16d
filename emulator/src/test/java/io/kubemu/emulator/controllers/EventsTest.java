package io.kubemu.emulator.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventsTest {
  private final Instant now = Instant.parse("2026-11-22T10:05:00.123456789Z");
  private final ReplicaSet rs = Fixtures.replicaSet("web-7d4f5c6b8", 3);

  @Test
  void anEventIsWhatTheRecorderWrites() {
    rs.setApiVersion("apps/v1");
    Event e = Events.normal("replicaset-controller", rs, "SuccessfulCreate", "Created pod: web-7d4f5c6b8-x2k4p", now);
    assertEquals(List.of("v1", "Event", "default"), List.of(e.getApiVersion(), e.getKind(), e.getMetadata().getNamespace()));
    assertTrue(e.getMetadata().getName().matches("web-7d4f5c6b8\\.[0-9a-f]{16}"), e.getMetadata().getName());
    var ref = e.getInvolvedObject();
    assertEquals(List.of("apps/v1", "ReplicaSet", "web-7d4f5c6b8", "default", rs.getMetadata().getUid(), rs.getMetadata().getResourceVersion()),
        List.of(ref.getApiVersion(), ref.getKind(), ref.getName(), ref.getNamespace(), ref.getUid(), ref.getResourceVersion()));
    assertEquals(List.of("Normal", "SuccessfulCreate", "Created pod: web-7d4f5c6b8-x2k4p"), List.of(e.getType(), e.getReason(), e.getMessage()));
    assertEquals("replicaset-controller", e.getSource().getComponent());
    assertEquals("replicaset-controller", e.getReportingComponent());
    assertEquals(1, e.getCount());
    assertEquals(List.of("2026-11-22T10:05:00Z", "2026-11-22T10:05:00Z"), List.of(e.getFirstTimestamp(), e.getLastTimestamp()));
  }

  @Test
  void eventsOfOneReconcileHaveNamesOfTheirOwnUnlessTheySayTheSame() {
    String a = Events.normal("c", rs, "SuccessfulCreate", "Created pod: web-a", now).getMetadata().getName();
    String b = Events.normal("c", rs, "SuccessfulCreate", "Created pod: web-b", now).getMetadata().getName();
    assertNotEquals(a, b);
    assertEquals(a, Events.normal("c", rs, "SuccessfulCreate", "Created pod: web-a", now).getMetadata().getName());
  }

  @Test
  void aCreatedPodIsNamedAsTheStoreNamedIt() {
    Pod created = Fixtures.pod("web-7d4f5c6b8-x2k4p", "web", rs);
    Action.Recording r = Events.podCreated("replicaset-controller", rs, now);
    assertEquals("Created pod: web-7d4f5c6b8-x2k4p", r.event(Action.Answer.ok(created)).orElseThrow().getMessage());
    Event refused = r.event(Action.Answer.failed(403, "pods \"web-7d4f5c6b8-\" is forbidden: exceeded quota")).orElseThrow();
    assertEquals(List.of("Warning", "FailedCreate", "Error creating: pods \"web-7d4f5c6b8-\" is forbidden: exceeded quota"),
        List.of(refused.getType(), refused.getReason(), refused.getMessage()));
  }

  @Test
  void aDeletedPodIsRecordedUnlessItWasGoneAlready() {
    Action.Recording r = Events.podDeleted("replicaset-controller", rs, "web-1", now);
    assertEquals("SuccessfulDelete: Deleted pod: web-1", said(r.event(new Action.Answer(200, null, null))));
    assertEquals(Optional.empty(), r.event(Action.Answer.failed(404, "pods \"web-1\" not found")));
    assertEquals("FailedDelete: Error deleting: timeout", said(r.event(Action.Answer.failed(504, "timeout"))));
  }

  @Test
  void onSuccessRecordsNothingForAFailedWrite() {
    Event e = Events.normal("deployment-controller", rs, "ScalingReplicaSet", "Scaled up", now);
    assertEquals(Optional.of(e), Events.onSuccess(e).event(Action.Answer.ok(rs)));
    assertEquals(Optional.empty(), Events.onSuccess(e).event(Action.Answer.failed(409, "conflict")));
    assertEquals(Action.Recording.NONE, Events.onSuccess(null));
  }

  private static String said(Optional<Event> e) {
    return e.map(x -> x.getReason() + ": " + x.getMessage()).orElse("nothing");
  }
}
