package io.kubemu.emulator.bench;

import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.bgp.BgpSummary;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Waits until every node's BGP summary reaches a goal, asking each node that has not reached it
 * every {@code interval}: never twice at once, at most {@code maxInFlight} asks in all, round robin. A node that
 * reached the goal is not asked again until all have; then one more answer from every node
 * confirms it, and a node whose answer has fallen back is waited for again. The time a node
 * reached the goal is when its first answer that says so arrived.
 */
final class SummaryPoller {
  /** Whether the wait completed; when the last node reached the goal; each node's summary then, and the latest seen. */
  record Outcome(boolean complete, long lastNanos, Map<String, BgpSummary> atGoal, Map<String, BgpSummary> latest) {}

  /** Called every few seconds while waiting: the latest summaries and the nodes at the goal. */
  interface Progress {
    void report(Map<String, BgpSummary> latest, Set<String> atGoal);
  }

  private record Reply(String node, long nanos, BgpSummary summary, boolean answered) {}

  private static final long PROGRESS_EVERY = TimeUnit.SECONDS.toNanos(5);

  private final ActorSystem<?> system;
  private final int maxInFlight;
  private final Duration interval;
  private final Duration askTimeout;

  SummaryPoller(ActorSystem<?> system, int maxInFlight, Duration interval, Duration askTimeout) {
    this.system = system;
    this.maxInFlight = maxInFlight;
    this.interval = interval;
    this.askTimeout = askTimeout;
  }

  Outcome await(Map<String, ActorRef<NodeAgent.Command>> nodes, BiPredicate<String, BgpSummary> goal, long deadlineNanos,
      Progress progress) throws InterruptedException {
    BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    Set<String> asking = new HashSet<>();
    Map<String, Long> reachedAt = new HashMap<>();
    Map<String, BgpSummary> atGoal = new HashMap<>();
    Map<String, BgpSummary> latest = new HashMap<>();
    List<String> order = List.copyOf(nodes.keySet());
    int cursor = 0;
    Set<String> confirmAsked = null;
    Set<String> confirmed = null;
    long nextAsk = System.nanoTime();
    long nextProgress = nextAsk + PROGRESS_EVERY;
    while (true) {
      long now = System.nanoTime();
      if (now >= deadlineNanos) {
        return new Outcome(false, -1, atGoal, latest);
      }
      if (now >= nextProgress) {
        nextProgress = now + PROGRESS_EVERY;
        progress.report(latest, reachedAt.keySet());
      }
      if (now >= nextAsk) {
        nextAsk = now + interval.toNanos();
        if (confirmed == null && reachedAt.size() == nodes.size() && asking.isEmpty()) {
          confirmAsked = new HashSet<>();
          confirmed = new HashSet<>();
        }
        // round robin from where the last round stopped: with more nodes than asks in flight, none waits for ever
        for (int i = 0; i < order.size() && asking.size() < maxInFlight; i++) {
          String name = order.get(cursor);
          cursor = (cursor + 1) % order.size();
          boolean wanted = confirmAsked != null ? !confirmAsked.contains(name) : !reachedAt.containsKey(name);
          if (wanted && !asking.contains(name)) {
            asking.add(name);
            if (confirmAsked != null) {
              confirmAsked.add(name);
            }
            ask(name, nodes.get(name), replies);
          }
        }
      }
      Reply r = replies.poll(Math.max(1, Math.min(nextAsk, nextProgress) - System.nanoTime()), TimeUnit.NANOSECONDS);
      for (; r != null; r = replies.poll()) {
        asking.remove(r.node());
        if (!r.answered()) {
          if (confirmAsked != null) {
            confirmAsked.remove(r.node()); // ask it again
          }
          continue;
        }
        latest.put(r.node(), r.summary());
        if (goal.test(r.node(), r.summary())) {
          if (reachedAt.putIfAbsent(r.node(), r.nanos()) == null) {
            atGoal.put(r.node(), r.summary());
          }
          if (confirmed != null) {
            confirmed.add(r.node());
          }
        } else {
          reachedAt.remove(r.node());
          atGoal.remove(r.node());
          confirmAsked = null;
          confirmed = null;
        }
      }
      if (confirmed != null && confirmed.size() == nodes.size()) {
        return new Outcome(true, reachedAt.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime()),
            atGoal, latest);
      }
    }
  }

  /** Every node's summary, each asked once (nodes that do not answer in time are left out). */
  Map<String, BgpSummary> snapshot(Map<String, ActorRef<NodeAgent.Command>> nodes) throws InterruptedException {
    BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    Map<String, BgpSummary> out = new HashMap<>();
    int asked = 0;
    int answered = 0;
    for (Map.Entry<String, ActorRef<NodeAgent.Command>> e : nodes.entrySet()) {
      if (asked - answered >= maxInFlight) {
        answered += take(replies, out);
      }
      ask(e.getKey(), e.getValue(), replies);
      asked++;
    }
    while (answered < asked) {
      answered += take(replies, out);
    }
    return out;
  }

  private static int take(BlockingQueue<Reply> replies, Map<String, BgpSummary> out) throws InterruptedException {
    Reply r = replies.take();
    if (r.answered()) {
      out.put(r.node(), r.summary());
    }
    return 1;
  }

  private void ask(String name, ActorRef<NodeAgent.Command> agent, BlockingQueue<Reply> replies) {
    AskPattern.<NodeAgent.Command, NodeAgent.BgpSummaryReply>ask(agent, NodeAgent.GetBgpSummary::new, askTimeout,
        system.scheduler()).whenCompleteAsync((reply, error) -> {
          boolean answered = error == null && reply.summary() != null;
          replies.add(new Reply(name, System.nanoTime(), answered ? reply.summary() : null, answered));
        }, Runnable::run); // on the replying thread: Scala's futures run even whenComplete on the common pool,
    // which with fewer than 3 cores is a new thread per task (the poller started thousands a minute)
  }
}
