package io.kubemu.emulator.controlplane;

import io.kubemu.emulator.controlplane.StoreProtocol.Watch;
import io.kubemu.emulator.controlplane.StoreProtocol.WatchEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The API store's open watches: each subscriber with the kind and namespace it follows. A change
 * goes to every watch that matches it; a watch that starts too far back, or from a version the
 * store never reached (after a failover), gets one 410 ERROR event.
 */
final class Watchers {
  /** What one subscriber follows: kinds, in one namespace or all (null). */
  private record Sub(Set<String> kinds, String namespace) {}

  private final Map<ActorRef<WatchEvent>, Sub> watches = new LinkedHashMap<>();

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
      Sub sub = new Sub(Set.of(w.kind()), w.namespace());
      replay.stream().filter(c -> matches(sub, c)).forEach(c -> w.subscriber().tell(new WatchEvent(c.type(), c.json())));
    }
    watches.put(w.subscriber(), new Sub(Set.of(w.kind()), w.namespace()));
    return true;
  }

  /**
   * Opens a watch of several kinds for one subscriber, as a controller's informers need: an ADDED
   * event per object in {@code current}, then a BOOKMARK at {@code resourceVersion} that marks the
   * end of the initial events (the API server's sendInitialEvents), then every change of those kinds.
   */
  void openKinds(StoreProtocol.WatchKinds w, List<String> current, long resourceVersion) {
    current.forEach(json -> w.subscriber().tell(new WatchEvent("ADDED", json)));
    w.subscriber().tell(new WatchEvent("BOOKMARK", "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\""
        + resourceVersion + "\",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}}}"));
    watches.put(w.subscriber(), new Sub(Set.copyOf(w.kinds()), null));
  }

  void close(ActorRef<WatchEvent> subscriber) {
    watches.remove(subscriber);
  }

  void publish(ChangeLog.Change c) {
    watches.forEach((subscriber, w) -> {
      if (matches(w, c)) {
        subscriber.tell(new WatchEvent(c.type(), c.json()));
      }
    });
  }

  int size() {
    return watches.size();
  }

  private static boolean matches(Sub w, ChangeLog.Change c) {
    return w.kinds().contains(c.kind()) && (w.namespace() == null || w.namespace().equals(c.namespace()));
  }
}
