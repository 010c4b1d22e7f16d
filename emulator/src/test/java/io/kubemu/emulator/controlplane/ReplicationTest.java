package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.emulator.controlplane.Replication.Send;
import io.kubemu.emulator.controlplane.StoreReplica.Change;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The primary's replication bookkeeping: required replicas, acks, one message in flight, resends, snapshots. */
class ReplicationTest {
  private static final long RESEND = 3000;

  private static Change put(String name, long version) {
    return new Change("ADDED", "ConfigMap/default/" + name, version, "{\"name\":\"" + name + "\"}");
  }

  /** A store at version 5 holding one object, with the local replica "h1". */
  private static Replication<String> replication(boolean followMembers) {
    return new Replication<>("h1", followMembers, RESEND, 5, Map.of("Namespace//default", "{}"));
  }

  /** Sends due now, after acknowledging every snapshot with its version. */
  private static void syncAll(Replication<String> r, long now) {
    for (Send<String> s : r.sends(now)) {
      if (s.snapshot() && s.last()) {
        r.acked(s.target(), s.resourceVersion(), true);
      }
    }
  }

  @Test
  void theLocalReplicaIsRequiredFromTheStartAndGetsASnapshotFirst() {
    Replication<String> r = replication(false);
    assertEquals(0, r.replicated(), "nothing is replicated before the local replica acknowledges");
    List<Send<String>> sends = r.sends(0);
    assertEquals(1, sends.size());
    Send<String> s = sends.get(0);
    assertTrue(s.snapshot() && s.last());
    assertEquals("h1", s.target());
    assertEquals(5, s.resourceVersion());
    assertEquals(List.of("Namespace//default"), s.changes().stream().map(Change::key).toList());
    r.acked("h1", 5, true);
    assertEquals(5, r.replicated());
  }

  @Test
  void oneMessageIsInFlightPerReplicaAndChangesMadeMeanwhileGoInTheNextBatch() {
    Replication<String> r = replication(false);
    syncAll(r, 0);
    r.changed(put("a", 6), 6);
    List<Send<String>> first = r.sends(10);
    assertEquals(1, first.size());
    assertEquals(List.of(6L), first.get(0).changes().stream().map(Change::resourceVersion).toList());
    r.changed(put("b", 7), 7);
    r.changed(put("c", 8), 8);
    assertEquals(List.of(), r.sends(20), "the batch with version 6 is still in flight");
    assertEquals(5, r.replicated());
    r.acked("h1", 6, true);
    assertEquals(6, r.replicated());
    List<Send<String>> second = r.sends(30);
    assertEquals(List.of(7L, 8L), second.get(0).changes().stream().map(Change::resourceVersion).toList());
    assertEquals(8, second.get(0).resourceVersion());
    r.acked("h1", 8, true);
    assertEquals(8, r.replicated());
    assertEquals(List.of(), r.sends(40), "nothing left to send");
  }

  @Test
  void aWriteIsReplicatedOnlyWhenEveryListedReplicaHasIt() {
    Replication<String> r = replication(false);
    syncAll(r, 0);
    r.listing(Set.of("h1", "h2"));
    r.changed(put("a", 6), 6);
    List<Send<String>> sends = r.sends(10);
    assertEquals(2, sends.size(), "a batch to h1 and a snapshot to the new h2");
    Send<String> toH2 = sends.stream().filter(s -> s.target().equals("h2")).findFirst().orElseThrow();
    assertTrue(toH2.snapshot());
    assertEquals(6, toH2.resourceVersion(), "the snapshot holds the change already");
    r.acked("h1", 6, true);
    assertEquals(5, r.replicated(), "h2 has not acknowledged");
    r.acked("h2", 6, true);
    assertEquals(6, r.replicated());
  }

  @Test
  void aReplicaThatLeavesTheListingNoLongerHoldsWritesBack() {
    Replication<String> r = replication(false);
    r.listing(Set.of("h1", "h2"));
    syncAll(r, 0);
    r.changed(put("a", 6), 6);
    r.sends(10);
    r.acked("h1", 6, true);
    assertEquals(5, r.replicated());
    r.listing(Set.of("h1"));
    assertEquals(6, r.replicated());
    assertEquals(Set.of("h1"), r.targets());
  }

  @Test
  void theLocalReplicaStaysRequiredWhenTheListingDoesNotShowItYet() {
    Replication<String> r = replication(false);
    r.listing(Set.of("h2"));
    assertEquals(Set.of("h1", "h2"), r.targets());
  }

  @Test
  void followingMembersAnUpMemberWithoutAListedReplicaHoldsWritesBack() {
    Replication<String> r = replication(true);
    syncAll(r, 0);
    r.memberUp("h2");
    r.changed(put("a", 6), 6);
    syncAll(r, 10);
    r.acked("h1", 6, true);
    assertEquals(5, r.replicated(), "h2 is up: its replica must have the write, though it is not listed yet");
    r.listing(Set.of("h1", "h2"));
    List<Send<String>> sends = r.sends(20);
    assertTrue(sends.stream().anyMatch(s -> s.target().equals("h2") && s.snapshot()));
    r.acked("h2", 6, true);
    assertEquals(6, r.replicated());
  }

  @Test
  void followingMembersAListedReplicaOfAGoneMemberIsIgnored() {
    Replication<String> r = replication(true);
    syncAll(r, 0);
    r.memberUp("h2");
    r.listing(Set.of("h1", "h2"));
    r.memberGone("h2");
    assertEquals(Set.of("h1"), r.targets());
    r.listing(Set.of("h1", "h2"));
    assertEquals(Set.of("h1"), r.targets(), "a downed member's replica may stay listed until it is removed: not a target");
    r.changed(put("a", 6), 6);
    syncAll(r, 10);
    r.acked("h1", 6, true);
    assertEquals(6, r.replicated());
  }

  @Test
  void anUnacknowledgedMessageIsSentAgainAfterTheResendDelay() {
    Replication<String> r = replication(false);
    syncAll(r, 0);
    r.changed(put("a", 6), 6);
    assertEquals(1, r.sends(100).size());
    r.changed(put("b", 7), 7);
    assertEquals(List.of(), r.sends(100 + RESEND - 1));
    List<Send<String>> again = r.sends(100 + RESEND);
    assertEquals(List.of(6L, 7L), again.get(0).changes().stream().map(Change::resourceVersion).toList(),
        "everything after what was acknowledged, the lost batch included");
  }

  @Test
  void aLostSnapshotIsFollowedByABatchThatTheReplicaRefusesThenByANewSnapshot() {
    Replication<String> r = replication(false);
    assertTrue(r.sends(0).get(0).snapshot());
    r.changed(put("a", 6), 6);
    Send<String> retry = r.sends(RESEND).get(0);
    assertFalse(retry.snapshot());
    r.acked("h1", 0, false);
    Send<String> snapshot = r.sends(RESEND + 1).get(0);
    assertTrue(snapshot.snapshot());
    assertEquals(2, snapshot.changes().size());
  }

  @Test
  void aVersionThatMovedWithoutAReplicatedChangeIsStillSent() {
    Replication<String> r = replication(false);
    syncAll(r, 0);
    r.changed(null, 9);
    Send<String> s = r.sends(10).get(0);
    assertEquals(List.of(), s.changes());
    assertEquals(9, s.resourceVersion());
    r.acked("h1", 9, true);
    assertEquals(9, r.replicated());
  }

  @Test
  void deletesLeaveTheSnapshotAndLargeContentsAreSplitIntoParts() {
    Replication<String> r = new Replication<>("h1", false, RESEND, 1, Map.of());
    String big = "x".repeat(Replication.MAX_MESSAGE_CHARS / 2 + 1);
    for (int i = 0; i < 4; i++) {
      r.changed(new Change("ADDED", "ConfigMap/default/cm" + i, 2 + i, big), 2 + i);
    }
    r.changed(new Change("DELETED", "ConfigMap/default/cm3", 6, big), 6);
    List<Send<String>> parts = r.sends(0);
    assertEquals(3, parts.size(), "three objects of more than half the limit: one per part");
    assertEquals(List.of(0, 1, 2), parts.stream().map(Send::part).toList());
    assertEquals(List.of(false, false, true), parts.stream().map(Send::last).toList());
    assertEquals(List.of("ConfigMap/default/cm0", "ConfigMap/default/cm1", "ConfigMap/default/cm2"),
        parts.stream().flatMap(p -> p.changes().stream()).map(Change::key).toList());
  }

  @Test
  void aReplicaFarBehindGetsANewSnapshotInsteadOfAnEndlessBacklog() {
    Replication<String> r = replication(false);
    syncAll(r, 0);
    r.changed(put("first", 6), 6);
    r.sends(1);
    for (int i = 0; i <= Replication.MAX_BACKLOG; i++) {
      r.changed(put("cm" + i, 7 + i), 7 + i);
    }
    r.acked("h1", 6, true);
    Send<String> s = r.sends(2).get(0);
    assertTrue(s.snapshot());
    assertEquals(r.resourceVersion(), s.resourceVersion());
  }
}
