package io.kubemu.emulator.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one {@link Reconciler} the way kube-controller-manager runs a controller: it watches the
 * kinds the reconciler reads into an {@link ObjectCache}, turns each change into keys on a
 * de-duplicated work queue, and reconciles a key only when none of its writes is still in flight
 * (client-go's expectations), so a cache that lags its own writes never doubles a create or a
 * delete; when the last of them is answered, the key is reconciled again. Nothing is reconciled before the initial events have all arrived. Failed writes requeue
 * the key with exponential back-off. A write's answer may call for an Event ({@link Action.Recording}),
 * written as one more write of the key.
 */
public final class Controller extends AbstractBehavior<Controller.Command> {
  public sealed interface Command {}

  private record Event(StoreProtocol.WatchEvent event) implements Command {}

  /** A write's answer: for a create or update the object or Status JSON, for a delete the message. */
  private record Written(String key, String what, int status, String json, String message, Action.Recording then) implements Command {}

  private record ProcessQueue() implements Command {}

  private record Requeue(String key) implements Command {}

  private static final int BATCH = 50;
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Reconciler reconciler;
  private final ActorRef<StoreProtocol.Command> store;
  private final TimerScheduler<Command> timers;
  private final ObjectCache cache = new ObjectCache();
  private final Set<String> queue = new LinkedHashSet<>();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  /** Keys with a failed write among those in flight: the back-off timer, not the last answer, requeues them. */
  private final Set<String> failedInBatch = new java.util.HashSet<>();
  private boolean synced;
  private boolean processing;

  public static Behavior<Command> create(Reconciler reconciler, ActorRef<StoreProtocol.Command> store) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Controller(ctx, timers, reconciler, store)));
  }

  private Controller(ActorContext<Command> ctx, TimerScheduler<Command> timers, Reconciler reconciler,
      ActorRef<StoreProtocol.Command> store) {
    super(ctx);
    this.reconciler = reconciler;
    this.store = store;
    this.timers = timers;
    cache.beginResync();
    store.tell(new StoreProtocol.WatchKinds(List.copyOf(reconciler.kinds()), ctx.messageAdapter(StoreProtocol.WatchEvent.class, Event::new)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, this::onEvent)
        .onMessage(ProcessQueue.class, m -> onProcess())
        .onMessage(Written.class, this::onWritten)
        .onMessage(Requeue.class, m -> enqueue(List.of(m.key())))
        .build();
  }

  private Behavior<Command> onEvent(Event m) {
    StoreProtocol.WatchEvent e = m.event();
    if (e.type().equals("BOOKMARK")) {
      List<HasMetadata> gone = cache.sweep();
      synced = true;
      enqueue(reconciler.allKeys(cache));
      gone.forEach(o -> enqueue(reconciler.keysFor(o, cache)));
      return this;
    }
    if (e.type().equals("ERROR")) {
      getContext().getLog().warn("{} controller: watch ended with {}; watching again", reconciler.name(), e.objectJson());
      cache.beginResync();
      store.tell(new StoreProtocol.WatchKinds(List.copyOf(reconciler.kinds()),
          getContext().messageAdapter(StoreProtocol.WatchEvent.class, Event::new)));
      return this;
    }
    HasMetadata o;
    try {
      o = Json.read(e.objectJson());
    } catch (IllegalArgumentException bad) {
      getContext().getLog().warn("{} controller: unreadable watch event ignored: {}", reconciler.name(), bad.getMessage());
      return this;
    }
    cache.apply(e.type(), o);
    if (synced) {
      enqueue(reconciler.keysFor(o, cache));
    }
    return this;
  }

  private Behavior<Command> enqueue(Iterable<String> keys) {
    keys.forEach(queue::add);
    if (synced && !processing && !queue.isEmpty()) {
      processing = true;
      getContext().getSelf().tell(new ProcessQueue());
    }
    return this;
  }

  /** Reconciles up to a batch of keys, then yields to the mailbox so watch events and write results interleave. */
  private Behavior<Command> onProcess() {
    processing = false;
    Instant now = Instant.now();
    Iterator<String> it = queue.iterator();
    for (int n = 0; n < BATCH && it.hasNext(); n++) {
      String key = it.next();
      it.remove();
      if (inFlight.getOrDefault(key, 0) > 0) {
        dirty.add(key);
        continue;
      }
      List<Action> actions;
      try {
        actions = reconciler.reconcile(key, cache, now);
      } catch (RuntimeException bug) {
        getContext().getLog().error("{} controller: reconcile of {} failed", reconciler.name(), key, bug);
        backOff(key);
        continue;
      }
      actions.forEach(a -> execute(key, a));
    }
    return enqueue(List.of());
  }

  private void execute(String key, Action a) {
    if (a instanceof Action.RequeueAfter r) {
      timers.startSingleTimer("requeue-" + key, new Requeue(key), r.after());
      return;
    }
    Action.Write w = (Action.Write) a;
    inFlight.merge(key, 1, Integer::sum);
    if (w instanceof Action.Delete d) {
      String what = "delete " + d.kind() + " " + ObjectCache.key(d.namespace(), d.name());
      getContext().ask(StoreProtocol.DeleteResult.class, store, WRITE_TIMEOUT,
          replyTo -> new StoreProtocol.Delete(d.kind(), d.namespace(), d.name(), d.propagationPolicy(), replyTo),
          (r, error) -> r == null ? new Written(key, what, 504, null, String.valueOf(error), d.then())
              : new Written(key, what, r.status(), null, r.message(), d.then()));
      return;
    }
    HasMetadata o = w instanceof Action.Create c ? c.object() : w instanceof Action.Update u ? u.object() : ((Action.UpdateStatus) w).object();
    String kind = o.getKind();
    String ns = o.getMetadata().getNamespace();
    String name = o.getMetadata().getName();
    String json = Json.write(o);
    String what = w.getClass().getSimpleName().toLowerCase() + " " + kind + " " + ObjectCache.key(ns, name == null ? "" : name);
    getContext().ask(StoreProtocol.WriteResult.class, store, WRITE_TIMEOUT, replyTo -> write(w, kind, ns, name, json, replyTo),
        (r, error) -> r == null ? new Written(key, what, 504, null, String.valueOf(error), w.then())
            : new Written(key, what, r.status(), r.json(), null, w.then()));
  }

  private static StoreProtocol.Command write(Action.Write a, String kind, String ns, String name, String json,
      ActorRef<StoreProtocol.WriteResult> replyTo) {
    if (a instanceof Action.Create) {
      return new StoreProtocol.Create(kind, ns, json, replyTo);
    }
    return new StoreProtocol.Update(kind, ns, name, json, a instanceof Action.Update ? "" : "status", replyTo);
  }

  private Behavior<Command> onWritten(Written m) {
    inFlight.computeIfPresent(m.key(), (k, n) -> n <= 1 ? null : n - 1);
    HasMetadata written = null;
    if (m.status() / 100 == 2 && m.json() != null) {
      try {
        written = Json.read(m.json());
      } catch (IllegalArgumentException ignored) {
        // the watch brings the object too
      }
    }
    if (written != null && reconciler.kinds().contains(written.getKind())) {
      cache.observe(written);
    }
    if (succeeded(m)) {
      failures.remove(m.key());
    } else {
      getContext().getLog().info("{} controller: {} answered {}: {}", reconciler.name(), m.what(), m.status(),
          m.json() != null ? m.json() : m.message());
      if (failedInBatch.add(m.key())) {
        backOff(m.key());
      }
    }
    record(m, written);
    if (!inFlight.containsKey(m.key())) {
      boolean parked = dirty.remove(m.key());
      boolean failed = failedInBatch.remove(m.key());
      if (parked || !failed) {
        // A change or the back-off timer asked for the key while its writes were in flight: do it now.
        enqueue(List.of(m.key()));
      }
    }
    return this;
  }

  /** A delete of what is gone is done; so is an Event already recorded (identical events share a name, see {@link Events}). */
  private static boolean succeeded(Written m) {
    return m.status() / 100 == 2 || (m.status() == 404 && m.what().startsWith("delete "))
        || (m.status() == 409 && m.what().startsWith("create Event "));
  }

  /** The recorder: writes the Event the answer calls for, as one more write of the key. */
  private void record(Written m, HasMetadata written) {
    Action.Answer answer = m.status() / 100 == 2 ? new Action.Answer(m.status(), written, null)
        : Action.Answer.failed(m.status(), m.message() != null ? m.message() : statusMessage(m.json()));
    try {
      m.then().event(answer).ifPresent(e -> execute(m.key(), new Action.Create(e)));
    } catch (RuntimeException bug) {
      getContext().getLog().error("{} controller: recording the event of {} failed", reconciler.name(), m.what(), bug);
    }
  }

  /** The message of a Status the store answered with, or the answer itself when it is none. */
  private static String statusMessage(String json) {
    try {
      return Json.read(json, JsonNode.class).path("message").asText(json);
    } catch (RuntimeException e) {
      return String.valueOf(json);
    }
  }

  private void backOff(String key) {
    int n = failures.merge(key, 1, Integer::sum);
    long millis = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(n, 12));
    timers.startSingleTimer("requeue-" + key, new Requeue(key), Duration.ofMillis(millis));
  }
}
