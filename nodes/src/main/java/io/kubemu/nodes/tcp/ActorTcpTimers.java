package io.kubemu.nodes.tcp;

import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A stack's TCP timers as an actor's timers: each fires as the message {@code fired} makes of it,
 * keyed by the TCP timer itself, so scheduling it again replaces it. The actor hands the timer
 * back to {@link TcpEndpoints#onTimer}.
 */
public final class ActorTcpTimers<T> implements TcpTimer.Scheduler {
  private final TimerScheduler<T> timers;
  private final Function<TcpTimer, T> fired;
  private final String stack;

  public ActorTcpTimers(TimerScheduler<T> timers, Function<TcpTimer, T> fired) {
    this(timers, fired, "");
  }

  /** For an actor that owns several stacks: {@code stack} keeps their timers apart. */
  public ActorTcpTimers(TimerScheduler<T> timers, Function<TcpTimer, T> fired, String stack) {
    this.timers = timers;
    this.fired = fired;
    this.stack = stack;
  }

  private Object key(TcpTimer timer) {
    return stack.isEmpty() ? timer : java.util.List.of(stack, timer);
  }

  @Override
  public void schedule(TcpTimer timer, Duration delay) {
    timers.startSingleTimer(key(timer), fired.apply(timer), delay);
  }

  @Override
  public void cancel(TcpTimer timer) {
    timers.cancel(key(timer));
  }
}
