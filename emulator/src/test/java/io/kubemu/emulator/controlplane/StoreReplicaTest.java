package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.emulator.controlplane.StoreReplica.Change;
import io.kubemu.emulator.controlplane.StoreReplica.Changes;
import io.kubemu.emulator.controlplane.StoreReplica.Contents;
import io.kubemu.emulator.controlplane.StoreReplica.Load;
import io.kubemu.emulator.controlplane.StoreReplica.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class StoreReplicaTest {
  private static final ActorTestKit kit = StoreTestKit.create("StoreReplicaTest");

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static Change put(String name, long version) {
    return new Change("MODIFIED", "ConfigMap/default/" + name, version, "{\"v\":" + version + "}");
  }

  private static List<Change> list(Change... changes) {
    return new ArrayList<>(List.of(changes));
  }

  private static Contents load(ActorRef<StoreReplica.Command> replica) {
    TestProbe<Contents> probe = kit.createTestProbe();
    replica.tell(new Load(probe.getRef()));
    return probe.receiveMessage();
  }

  @Test
  void aSnapshotInPartsReplacesTheContentsWhenTheLastPartArrives() {
    ActorRef<StoreReplica.Command> replica = kit.spawn(StoreReplica.create());
    TestProbe<Replicator.Acked> acks = kit.createTestProbe();
    replica.tell(new Snapshot(7, 0, true, 3, list(put("old", 3)), acks.getRef()));
    acks.receiveMessage();
    replica.tell(new Snapshot(8, 0, false, 10, list(put("a", 10)), acks.getRef()));
    assertEquals(Map.of("ConfigMap/default/old", "{\"v\":3}"), load(replica).objects(), "a partial snapshot changes nothing yet");
    replica.tell(new Snapshot(8, 1, true, 10, list(put("b", 10)), acks.getRef()));
    assertEquals(new Replicator.Acked(replica, 8, 10, true), acks.receiveMessage(), "the first part was not acknowledged");
    Contents c = load(replica);
    assertEquals(10, c.resourceVersion());
    assertEquals(List.of("ConfigMap/default/a", "ConfigMap/default/b"), c.objects().keySet().stream().sorted().toList());
  }

  @Test
  void changesApplyOnlyAboveTheReplicaVersionAndAreAcknowledgedWithIt() {
    ActorRef<StoreReplica.Command> replica = kit.spawn(StoreReplica.create());
    TestProbe<Replicator.Acked> acks = kit.createTestProbe();
    replica.tell(new Snapshot(1, 0, true, 5, list(put("a", 5)), acks.getRef()));
    acks.receiveMessage();
    replica.tell(new Changes(1, list(put("a", 4), put("b", 6), new Change("DELETED", "ConfigMap/default/a", 7, "{}")), 9, acks.getRef()));
    assertEquals(new Replicator.Acked(replica, 1, 9, true), acks.receiveMessage());
    replica.tell(new Changes(1, list(put("a", 6)), 9, acks.getRef()));
    assertEquals(9, acks.receiveMessage().resourceVersion(), "a change sent again is not applied twice");
    Contents c = load(replica);
    assertEquals(Map.of("ConfigMap/default/b", "{\"v\":6}"), c.objects());
    assertEquals(9, c.resourceVersion());
  }

  @Test
  void changesFromAnotherSessionAreRefusedSoThatTheirSenderSendsASnapshot() {
    ActorRef<StoreReplica.Command> replica = kit.spawn(StoreReplica.create());
    TestProbe<Replicator.Acked> acks = kit.createTestProbe();
    replica.tell(new Changes(42, list(put("a", 1)), 1, acks.getRef()));
    Replicator.Acked ack = acks.receiveMessage();
    assertFalse(ack.inSync());
    assertEquals(0, ack.resourceVersion());
    assertTrue(load(replica).objects().isEmpty());
  }

  @Test
  void aPartOutOfOrderDropsTheSnapshotAndBadInputDoesNotStopTheReplica() {
    ActorRef<StoreReplica.Command> replica = kit.spawn(StoreReplica.create());
    TestProbe<Replicator.Acked> acks = kit.createTestProbe();
    replica.tell(new Snapshot(3, 0, false, 5, list(put("a", 5)), acks.getRef()));
    replica.tell(new Snapshot(3, 2, true, 5, list(put("c", 5)), acks.getRef()));
    replica.tell(new Changes(3, null, 5, acks.getRef()));
    replica.tell(new Snapshot(4, 0, true, 5, null, null));
    List<Change> withNull = new ArrayList<>();
    withNull.add(null);
    withNull.add(new Change("ADDED", null, 1, "{}"));
    replica.tell(new Snapshot(5, 0, true, 6, withNull, acks.getRef()));
    assertEquals(new Replicator.Acked(replica, 3, 0, false), acks.receiveMessage(), "the Changes with no list");
    assertEquals(new Replicator.Acked(replica, 5, 6, true), acks.receiveMessage(), "bad entries are skipped");
    assertTrue(load(replica).objects().isEmpty());
  }

  @Test
  void theReplicaIsListedWithTheReceptionist() {
    ActorRef<StoreReplica.Command> replica = kit.spawn(StoreReplica.create());
    TestProbe<Receptionist.Listing> listings = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.subscribe(StoreReplica.KEY, listings.getRef()));
    listings.fishForMessage(Duration.ofSeconds(5), l -> l.getServiceInstances(StoreReplica.KEY).contains(replica)
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
  }
}
