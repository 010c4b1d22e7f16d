package io.kubemu.emulator.controlplane;

import io.kubemu.emulator.controlplane.StoreReplica.Change;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The primary's side of store replication, as pure bookkeeping: a copy of the store (JSON by key)
 * to snapshot from, the replicas to keep in sync (keyed by {@code K}, the member they live on),
 * what each acknowledged, what to send each next (one message in flight per replica; changes that
 * come meanwhile go in the next batch), and the version every required replica holds, up to which
 * writes may be answered. A replica whose message is not acknowledged in time is sent it again.
 *
 * <p>Which replicas are required: with {@code followMembers}, those of the control-plane members
 * that are up ({@link #memberUp}), whether or not their replica is listed yet, so a write never
 * skips a member that just joined; without, every listed replica. The local one is required from
 * the start either way.
 */
final class Replication<K> {
  /** The most JSON characters one message carries (Artery's large frames are 2 MiB). */
  static final int MAX_MESSAGE_CHARS = 512 * 1024;
  /** The most changes kept for one replica; beyond that it gets a new snapshot instead. */
  static final int MAX_BACKLOG = 20_000;

  /** One message to one replica: a snapshot part or a batch of changes. */
  record Send<K>(K target, boolean snapshot, int part, boolean last, List<Change> changes, long resourceVersion) {}

  private static final class Target {
    boolean needsSnapshot = true;
    boolean inFlight;
    long sentAt;
    long acked = -1;
    /** Changes after what was acknowledged (those in flight included), oldest first. */
    final ArrayDeque<Change> backlog = new ArrayDeque<>();
  }

  private final Map<String, String> objects = new TreeMap<>();
  private final Map<K, Target> targets = new LinkedHashMap<>();
  private final Set<K> listed = new HashSet<>();
  private final Set<K> members = new HashSet<>();
  private final K local;
  private final boolean followMembers;
  private final long resendAfterMillis;
  private long resourceVersion;
  private long replicated;

  Replication(K local, boolean followMembers, long resendAfterMillis, long resourceVersion, Map<String, String> objects) {
    this.local = local;
    this.followMembers = followMembers;
    this.resendAfterMillis = resendAfterMillis;
    this.resourceVersion = resourceVersion;
    this.objects.putAll(objects);
    members.add(local);
    listed.add(local);
    targets.put(local, new Target());
  }

  /** A change of the store; {@code change} null when only the version moved (a Node, which is not replicated). */
  void changed(Change change, long version) {
    resourceVersion = Math.max(resourceVersion, version);
    if (change == null) {
      return;
    }
    if ("DELETED".equals(change.type())) {
      objects.remove(change.key());
    } else {
      objects.put(change.key(), change.json());
    }
    for (Target t : targets.values()) {
      if (!t.needsSnapshot) {
        t.backlog.addLast(change);
        if (t.backlog.size() > MAX_BACKLOG) {
          resync(t);
        }
      }
    }
  }

  /** The replicas the Receptionist lists now (the local one counts as listed anyway). */
  void listing(Set<K> replicas) {
    listed.clear();
    listed.addAll(replicas);
    listed.add(local);
    targets.keySet().removeIf(k -> !listed.contains(k));
    listed.forEach(this::track);
  }

  /** A control-plane member is up: its replica is required. */
  void memberUp(K member) {
    members.add(member);
    track(member);
  }

  /** A control-plane member was downed or left: its replica is no longer required. */
  void memberGone(K member) {
    members.remove(member);
    targets.remove(member);
  }

  private void track(K k) {
    if (listed.contains(k) && (!followMembers || members.contains(k))) {
      targets.computeIfAbsent(k, x -> new Target());
    }
  }

  /** A replica acknowledged {@code version}; not in sync means it follows another session and needs a snapshot. */
  void acked(K replica, long version, boolean inSync) {
    Target t = targets.get(replica);
    if (t == null) {
      return;
    }
    t.inFlight = false;
    if (!inSync) {
      resync(t);
      return;
    }
    t.acked = Math.max(t.acked, version);
    while (!t.backlog.isEmpty() && t.backlog.peekFirst().resourceVersion() <= t.acked) {
      t.backlog.removeFirst();
    }
    replicated();
  }

  private static void resync(Target t) {
    t.needsSnapshot = true;
    t.backlog.clear();
  }

  /** What to send now: to each replica with nothing in flight, or whose message is overdue. */
  List<Send<K>> sends(long nowMillis) {
    List<Send<K>> out = new ArrayList<>();
    targets.forEach((k, t) -> {
      if (t.inFlight && nowMillis - t.sentAt < resendAfterMillis) {
        return;
      }
      if (t.needsSnapshot) {
        snapshot(k, t, out);
      } else if (!t.backlog.isEmpty() || t.acked < resourceVersion) {
        out.add(batch(k, t));
      } else {
        return;
      }
      t.inFlight = true;
      t.sentAt = nowMillis;
    });
    return out;
  }

  private void snapshot(K k, Target t, List<Send<K>> out) {
    t.needsSnapshot = false;
    t.backlog.clear();
    List<Change> part = new ArrayList<>();
    int chars = 0;
    int index = 0;
    for (Map.Entry<String, String> e : objects.entrySet()) {
      if (!part.isEmpty() && chars + e.getValue().length() > MAX_MESSAGE_CHARS) {
        out.add(new Send<>(k, true, index++, false, part, resourceVersion));
        part = new ArrayList<>();
        chars = 0;
      }
      part.add(new Change("ADDED", e.getKey(), resourceVersion, e.getValue()));
      chars += e.getValue().length();
    }
    out.add(new Send<>(k, true, index, true, part, resourceVersion));
  }

  /** The oldest changes up to the size limit; when they are all of them, up to the store's version. */
  private Send<K> batch(K k, Target t) {
    List<Change> changes = new ArrayList<>();
    int chars = 0;
    for (Change c : t.backlog) {
      if (!changes.isEmpty() && chars + c.json().length() > MAX_MESSAGE_CHARS) {
        return new Send<>(k, false, 0, false, changes, changes.get(changes.size() - 1).resourceVersion());
      }
      changes.add(c);
      chars += c.json().length();
    }
    return new Send<>(k, false, 0, false, changes, resourceVersion);
  }

  /**
   * The version every required replica holds; it only grows. A required member whose replica is
   * not listed yet, or has not acknowledged a snapshot, holds it back.
   */
  long replicated() {
    long min = resourceVersion;
    Set<K> required = followMembers ? members : targets.keySet();
    for (K k : required) {
      Target t = targets.get(k);
      min = Math.min(min, t == null ? -1 : t.acked);
    }
    replicated = Math.max(replicated, min);
    return replicated;
  }

  long resourceVersion() {
    return resourceVersion;
  }

  Set<K> targets() {
    return targets.keySet();
  }
}
