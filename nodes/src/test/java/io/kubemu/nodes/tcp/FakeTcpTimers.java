package io.kubemu.nodes.tcp;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** TCP timers on a manual clock: each scheduled timer has a due time; the test makes time pass. */
public final class FakeTcpTimers implements TcpTimer.Scheduler {
  private final LongSupplier now;
  private final Map<TcpTimer, Long> due = new HashMap<>();

  public FakeTcpTimers(LongSupplier nowNanos) {
    this.now = nowNanos;
  }

  @Override
  public void schedule(TcpTimer timer, Duration delay) {
    due.put(timer, now.getAsLong() + delay.toNanos());
  }

  @Override
  public void cancel(TcpTimer timer) {
    due.remove(timer);
  }

  /** The earliest timer due at or before {@code time}, removed from the schedule. */
  public Optional<Map.Entry<TcpTimer, Long>> takeDue(long time) {
    Optional<Map.Entry<TcpTimer, Long>> first = due.entrySet().stream().filter(e -> e.getValue() <= time)
        .min(Map.Entry.comparingByValue()).map(e -> Map.entry(e.getKey(), e.getValue()));
    first.ifPresent(e -> due.remove(e.getKey()));
    return first;
  }

  public Map<TcpTimer, Long> pending() {
    return due;
  }
}
