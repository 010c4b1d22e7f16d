package io.kubemu.emulator.bench;

import io.kubemu.nodes.app.SendWindow;
import io.kubemu.protocols.ClusterMessage;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The sending end of the raw baseline: byte-array frames of the underlay frame's size to a
 * {@link RawSink}, with the same window, acks, probes and timeline as {@code udp-flood} (warm-up,
 * measured interval, drain, a final probe for the count), then one {@link Result} and it stops.
 */
public final class RawSender extends AbstractBehavior<RawSender.Command> {
  public sealed interface Command {}

  public record Ack(long received) implements Command, ClusterMessage {}

  public record ProbeAck(long received, long sentBefore) implements Command, ClusterMessage {}

  /** Frames sent and delivered overall; {@code measured} delivered during the measured {@code nanos}. */
  public record Result(long sent, long delivered, long measured, long nanos, long stalls, long writtenOff)
      implements ClusterMessage {}

  /** What to send and for how long. */
  public record Plan(int frameBytes, int window, int ackEvery, Duration warmup, Duration measure) implements ClusterMessage {}

  private enum Phase { CONNECTING, RUNNING, DRAINING, REPORTING }

  private record Tick(String what) implements Command {}

  private static final Duration WATCH_EVERY = Duration.ofMillis(200);
  private static final Duration DRAIN = Duration.ofSeconds(1);

  private final TimerScheduler<Command> timers;
  private final ActorRef<RawSink.Command> sink;
  private final Plan plan;
  private final ActorRef<Result> replyTo;
  private final byte[] template;
  private final SendWindow window;
  private Phase phase = Phase.CONNECTING;
  private long acksSinceWatch;
  private long stalls;
  private long t0;
  private long d0;
  private long t1;
  private long d1;

  public static Behavior<Command> create(ActorRef<RawSink.Command> sink, Plan plan, ActorRef<Result> replyTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new RawSender(ctx, timers, sink, plan, replyTo)));
  }

  private RawSender(ActorContext<Command> ctx, TimerScheduler<Command> timers, ActorRef<RawSink.Command> sink, Plan plan,
      ActorRef<Result> replyTo) {
    super(ctx);
    this.timers = timers;
    this.sink = sink;
    this.plan = plan;
    this.replyTo = replyTo;
    this.template = new byte[plan.frameBytes()];
    this.window = new SendWindow(plan.window());
    sink.tell(new RawSink.Hello(ctx.getSelf(), plan.ackEvery()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Ack.class, this::onAck)
        .onMessage(ProbeAck.class, this::onProbeAck)
        .onMessage(Tick.class, this::onTick)
        .build();
  }

  private Behavior<Command> onAck(Ack m) {
    if (phase == Phase.CONNECTING) {
      phase = Phase.RUNNING;
      timers.startSingleTimer(new Tick("warmup"), plan.warmup());
      timers.startTimerWithFixedDelay(new Tick("watch"), WATCH_EVERY);
    }
    acksSinceWatch++;
    window.acked(m.received());
    fill();
    return this;
  }

  private Behavior<Command> onProbeAck(ProbeAck m) {
    window.probeAnswered(m.received(), m.sentBefore());
    if (phase == Phase.REPORTING && m.sentBefore() == window.sentCount()) {
      replyTo.tell(new Result(window.sentCount(), m.received(), d1 - d0, t1 - t0, stalls, window.lostCount()));
      return Behaviors.stopped();
    }
    fill();
    return this;
  }

  private Behavior<Command> onTick(Tick m) {
    switch (m.what()) {
      case "warmup" -> {
        t0 = System.nanoTime();
        d0 = window.deliveredCount();
        timers.startSingleTimer(new Tick("end"), plan.measure());
      }
      case "end" -> {
        t1 = System.nanoTime();
        d1 = window.deliveredCount();
        phase = Phase.DRAINING;
        timers.cancel(new Tick("watch"));
        timers.startSingleTimer(new Tick("drain"), DRAIN);
      }
      case "drain" -> {
        phase = Phase.REPORTING;
        sink.tell(new RawSink.Probe(window.sentCount()));
      }
      default -> watch();
    }
    return this;
  }

  private void watch() {
    if (phase == Phase.RUNNING && acksSinceWatch == 0 && window.inFlight() > 0) {
      stalls++;
      sink.tell(new RawSink.Probe(window.sentCount()));
    }
    acksSinceWatch = 0;
  }

  private void fill() {
    while (phase == Phase.RUNNING && window.canSend()) {
      sink.tell(new RawSink.Frame(template.clone()));
      window.sent();
    }
  }
}
