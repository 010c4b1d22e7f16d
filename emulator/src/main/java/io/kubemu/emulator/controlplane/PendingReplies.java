package io.kubemu.emulator.controlplane;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Answers to writes held until the store's replicas have them, as an etcd leader answers once a
 * write is replicated: each waits for a version, and runs, in order, once that version is replicated.
 */
final class PendingReplies {
  private record Pending(long version, Runnable reply) {}

  private final Deque<Pending> waiting = new ArrayDeque<>();
  private long replicated;

  /** Runs {@code reply} at once if {@code version} is replicated, else when it is. */
  void add(long version, Runnable reply) {
    if (version <= replicated && waiting.isEmpty()) {
      reply.run();
    } else {
      waiting.addLast(new Pending(version, reply));
    }
  }

  /** Every version up to {@code version} is replicated: the replies waiting for them run. */
  void replicated(long version) {
    replicated = Math.max(replicated, version);
    while (!waiting.isEmpty() && waiting.peekFirst().version() <= replicated) {
      waiting.removeFirst().reply().run();
    }
  }

  int size() {
    return waiting.size();
  }
}
