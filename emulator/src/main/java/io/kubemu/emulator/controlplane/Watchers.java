package io.kubemu.emulator.controlplane;

import io.kubemu.emulator.controlplane.StoreProtocol.Watch;
import io.kubemu.emulator.controlplane.StoreProtocol.WatchEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The API store's open watches: each subscriber with the kind and namespace it follows. A change
 * goes to every watch that matches it; a watch that starts too far back, or from a version the
 * store never reached (after a failover), gets one 410 ERROR event.
 */
final class Watchers {
  private final Map<ActorRef<WatchEvent>, Watch> watches = new LinkedHashMap<>();

  /**
   * Opens {@code w}: {@code current} are the JSON of the objects that exist (used from version 0),
   * else the history's changes after the watch's version are replayed. False when that version is too old.
   */
  boolean open(Watch w, List<String> current, ChangeLog history) {
    if (w.fromResourceVersion() <= 0) {
      current.forEach(json -> w.subscriber().tell(new WatchEvent("ADDED", json)));
    } else {
      List<ChangeLog.Change> replay = history.since(w.fromResourceVersion()).orElse(null);
      if (replay == null) {
        String why = w.fromResourceVersion() > history.latest()
            ? "too large resource version: " + w.fromResourceVersion() + " (current: " + history.latest() + ")"
            : "too old resource version: " + w.fromResourceVersion() + " (" + history.oldest() + ")";
        w.subscriber().tell(new WatchEvent("ERROR", Statuses.failure(410, "Expired", why)));
        return false;
      }
      replay.stream().filter(c -> matches(w, c)).forEach(c -> w.subscriber().tell(new WatchEvent(c.type(), c.json())));
    }
    watches.put(w.subscriber(), w);
    return true;
  }

  void close(ActorRef<WatchEvent> subscriber) {
    watches.remove(subscriber);
  }

  void publish(ChangeLog.Change c) {
    watches.values().stream().filter(w -> matches(w, c))
        .forEach(w -> w.subscriber().tell(new WatchEvent(c.type(), c.json())));
  }

  int size() {
    return watches.size();
  }

  private static boolean matches(Watch w, ChangeLog.Change c) {
    return w.kind().equals(c.kind()) && (w.namespace() == null || w.namespace().equals(c.namespace()));
  }
}
