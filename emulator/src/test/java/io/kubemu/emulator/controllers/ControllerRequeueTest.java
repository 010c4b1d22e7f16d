package io.kubemu.emulator.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A key whose write failed, and that was asked for again while others were in flight, is reconciled again. */
class ControllerRequeueTest {
  private static final ActorTestKit kit = StoreTestKit.create("ControllerRequeueTest");

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** Two creates on the first pass, nothing after; counts its passes. */
  private static final class TwoCreates implements Reconciler {
    final AtomicInteger passes = new AtomicInteger();

    @Override
    public String name() {
      return "test";
    }

    @Override
    public List<String> kinds() {
      return List.of("ConfigMap");
    }

    @Override
    public Collection<String> keysFor(HasMetadata changed, ObjectCache cache) {
      return List.of("default/k");
    }

    @Override
    public Collection<String> allKeys(ObjectCache cache) {
      return List.of("default/k");
    }

    @Override
    public List<Action> reconcile(String key, ObjectCache cache, Instant now) {
      if (passes.getAndIncrement() > 0) {
        return List.of();
      }
      return List.of(create("a"), create("b"));
    }

    private static Action create(String name) {
      return new Action.Create(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().build());
    }
  }

  @Test
  void aBackOffThatFiresWhileWritesAreInFlightIsNotLost() {
    TestProbe<StoreProtocol.Command> store = kit.createTestProbe();
    TwoCreates reconciler = new TwoCreates();
    kit.spawn(Controller.create(reconciler, store.getRef()));
    StoreProtocol.WatchKinds watch = store.expectMessageClass(StoreProtocol.WatchKinds.class);
    watch.subscriber().tell(new StoreProtocol.WatchEvent("BOOKMARK", "{}"));
    StoreProtocol.Create first = store.expectMessageClass(StoreProtocol.Create.class);
    StoreProtocol.Create second = store.expectMessageClass(StoreProtocol.Create.class);
    first.replyTo().tell(new StoreProtocol.WriteResult(409, "{\"kind\":\"Status\",\"reason\":\"AlreadyExists\"}"));
    // the back-off (200 ms) fires while the second create is still unanswered: the key is parked
    store.expectNoMessage(Duration.ofMillis(600));
    assertEquals(1, reconciler.passes.get(), "no pass while a write is in flight");
    second.replyTo().tell(new StoreProtocol.WriteResult(201, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
        + "\"metadata\":{\"name\":\"b\",\"namespace\":\"default\",\"resourceVersion\":\"5\"}}"));
    store.awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(2, reconciler.passes.get(), "the parked key is reconciled once its writes are answered");
      return null;
    });
  }
}
