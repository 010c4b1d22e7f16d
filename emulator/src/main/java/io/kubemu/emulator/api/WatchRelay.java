package io.kubemu.emulator.api;

import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreProtocol.WatchEvent;
import io.kubemu.protocols.ClusterMessage;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;

/**
 * Relays one watch into an HTTP response, one {@code {"type":...,"object":...}} line per event,
 * as the Kubernetes API streams watches; a formatter picks the events (selectors) and shapes their
 * objects (a Table row, for kubectl get -w). It ends the response after an ERROR event, when the
 * watch's time is up, when the client reads too slowly, and when the store that has the watch is
 * gone or never says it is there (the store moved to another host: the client watches again, from
 * its last version, and relists if the new store answers 410); it unwatches once the response has ended.
 */
final class WatchRelay extends AbstractBehavior<ClusterMessage> {
  /** How long an ended response may take to report its end before the relay stops anyway. */
  private static final Duration LINGER = Duration.ofSeconds(10);

  /** How long the store may take to say which it is, before the watch is taken for lost. */
  static final Duration IDENTIFY_WITHIN = Duration.ofSeconds(10);

  private record TimeUp() implements ClusterMessage {}

  private record Unidentified() implements ClusterMessage {}

  private record StoreGone() implements ClusterMessage {}

  /** The response stream ended: the client went away, or this relay completed it. */
  record ResponseEnded() implements ClusterMessage {}

  private final ActorRef<StoreProtocol.Command> store;
  private final BoundedSourceQueue<ByteString> queue;
  private final TimerScheduler<ClusterMessage> timers;
  private final Function<WatchEvent, String> format;
  private boolean ended;

  /** {@code format} makes an event's line, or null to leave the event out; an ERROR event always ends the watch. */
  static Behavior<ClusterMessage> create(ActorRef<StoreProtocol.Command> store, StoreProtocol.Watch watch,
      BoundedSourceQueue<ByteString> queue, Duration limit, Function<WatchEvent, String> format) {
    return create(store, watch, queue, limit, format, IDENTIFY_WITHIN);
  }

  static Behavior<ClusterMessage> create(ActorRef<StoreProtocol.Command> store, StoreProtocol.Watch watch,
      BoundedSourceQueue<ByteString> queue, Duration limit, Function<WatchEvent, String> format, Duration identifyWithin) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startSingleTimer(new TimeUp(), limit);
      timers.startSingleTimer(new Unidentified(), identifyWithin);
      store.tell(new StoreProtocol.Watch(watch.kind(), watch.namespace(), watch.fromResourceVersion(), ctx.getSelf().narrow()));
      store.tell(new StoreProtocol.WhoIsStore(ctx.getSelf().narrow()));
      return new WatchRelay(ctx, store, queue, timers, format);
    }));
  }

  /** Each event as it comes, the object as the store sent it. */
  static String plain(WatchEvent e) {
    return "{\"type\":\"" + e.type() + "\",\"object\":" + e.objectJson() + "}\n";
  }

  private WatchRelay(ActorContext<ClusterMessage> ctx, ActorRef<StoreProtocol.Command> store,
      BoundedSourceQueue<ByteString> queue, TimerScheduler<ClusterMessage> timers, Function<WatchEvent, String> format) {
    super(ctx);
    this.store = store;
    this.queue = queue;
    this.timers = timers;
    this.format = format;
  }

  @Override
  public Receive<ClusterMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(WatchEvent.class, this::onEvent)
        .onMessage(TimeUp.class, t -> end())
        .onMessage(StoreProtocol.StoreIs.class, this::onStoreIs)
        .onMessage(Unidentified.class, u -> end())
        .onMessage(StoreGone.class, g -> end())
        .onMessage(ResponseEnded.class, r -> stop())
        .build();
  }

  private Behavior<ClusterMessage> onEvent(WatchEvent e) {
    if (ended) {
      return this;
    }
    String line = e.type().equals("ERROR") ? plain(e) : format.apply(e);
    if (line == null) {
      return this;
    }
    QueueOfferResult offered = queue.offer(ByteString.fromString(line));
    return e.type().equals("ERROR") || !QueueOfferResult.enqueued().equals(offered) ? end() : this;
  }

  /** The watch went to this store (the same way as the question): follow it. */
  private Behavior<ClusterMessage> onStoreIs(StoreProtocol.StoreIs m) {
    timers.cancel(new Unidentified());
    if (m.store() != null && !ended) {
      getContext().watchWith(m.store(), new StoreGone());
    }
    return this;
  }

  /** Completes the response; the relay stops when the stream reports its end, or after a while. */
  private Behavior<ClusterMessage> end() {
    if (ended) {
      return stop();
    }
    ended = true;
    queue.complete();
    timers.startSingleTimer(new TimeUp(), LINGER);
    return this;
  }

  private Behavior<ClusterMessage> stop() {
    store.tell(new StoreProtocol.Unwatch(getContext().getSelf().narrow()));
    return Behaviors.stopped();
  }
}
