package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreTestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A watch relay ends its response when the store that holds its watch is gone, or never answers. */
class WatchRelayTest {
  private static final ActorTestKit kit = StoreTestKit.create("WatchRelayTest");
  private static final StoreProtocol.Watch WATCH = new StoreProtocol.Watch("Pod", null, 0, null);

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static Pair<BoundedSourceQueue<ByteString>, CompletionStage<List<ByteString>>> response() {
    return Source.<ByteString>queue(16).toMat(Sink.seq(), Keep.both()).run(Materializer.matFromSystem(kit.system()));
  }

  private static String text(List<ByteString> chunks) {
    return chunks.stream().map(ByteString::utf8String).reduce("", String::concat);
  }

  @Test
  void theResponseEndsWhenTheStoreThatHasTheWatchStops() throws Exception {
    TestProbe<StoreProtocol.Command> proxy = kit.createTestProbe();
    ActorRef<StoreProtocol.Command> store = kit.spawn(Behaviors.empty());
    var response = response();
    kit.spawn(WatchRelay.create(proxy.getRef(), WATCH, response.first(), Duration.ofMinutes(5), WatchRelay::plain));
    StoreProtocol.Watch watch = proxy.expectMessageClass(StoreProtocol.Watch.class);
    StoreProtocol.WhoIsStore who = proxy.expectMessageClass(StoreProtocol.WhoIsStore.class);
    watch.subscriber().tell(new StoreProtocol.WatchEvent("ADDED", "{\"kind\":\"Pod\"}"));
    who.replyTo().tell(new StoreProtocol.StoreIs(store));
    kit.stop(store);
    List<ByteString> sent = response.second().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\"}}\n", text(sent), "the events so far, then the end");
  }

  @Test
  void theResponseEndsWhenNoStoreSaysItHasTheWatch() throws Exception {
    TestProbe<StoreProtocol.Command> lost = kit.createTestProbe();
    var response = response();
    kit.spawn(WatchRelay.create(lost.getRef(), WATCH, response.first(), Duration.ofMinutes(5), WatchRelay::plain, Duration.ofMillis(200)));
    assertEquals("", text(response.second().toCompletableFuture().get(10, TimeUnit.SECONDS)));
  }
}
