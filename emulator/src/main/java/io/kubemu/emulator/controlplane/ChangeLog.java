package io.kubemu.emulator.controlplane;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The store's recent history, what a watch replays: the last {@code limit} changes in
 * resourceVersion order. A watch from a version whose successors were already dropped is too old,
 * as the API server's watch cache answers with 410 Gone.
 */
public final class ChangeLog {
  /** One change: ADDED, MODIFIED or DELETED, with the object as JSON at that version. */
  public record Change(String type, String kind, String namespace, String name, long resourceVersion, String json) {}

  private final Deque<Change> changes = new ArrayDeque<>();
  private final int limit;
  private long dropped;
  private long latest;

  public ChangeLog(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("history limit: " + limit + " (expected: at least 1)");
    }
    this.limit = limit;
  }

  void add(Change c) {
    changes.addLast(c);
    latest = Math.max(latest, c.resourceVersion());
    if (changes.size() > limit) {
      dropped = changes.removeFirst().resourceVersion();
    }
  }

  /**
   * A history that starts at {@code resourceVersion} with what came before unknown (a store rebuilt
   * from a replica): a watch from an older version is too old.
   */
  void startAt(long resourceVersion) {
    dropped = Math.max(dropped, resourceVersion);
    reached(resourceVersion);
  }

  /** The store is at {@code resourceVersion}, with no change recorded at it (a new, empty store). */
  void reached(long resourceVersion) {
    latest = Math.max(latest, resourceVersion);
  }

  /**
   * The changes after {@code resourceVersion}, or empty when some of them were already dropped, or
   * when it is a version this history never reached (one a lost store handed out before its
   * replicas had it: a client that saw it must relist).
   */
  public Optional<List<Change>> since(long resourceVersion) {
    if (resourceVersion < dropped || resourceVersion > latest) {
      return Optional.empty();
    }
    List<Change> out = new ArrayList<>();
    for (Change c : changes) {
      if (c.resourceVersion() > resourceVersion) {
        out.add(c);
      }
    }
    return Optional.of(out);
  }

  /** The newest version a watch can start from. */
  public long latest() {
    return latest;
  }

  /** The oldest version a watch can still start from. */
  public long oldest() {
    return dropped;
  }

  public int size() {
    return changes.size();
  }
}
