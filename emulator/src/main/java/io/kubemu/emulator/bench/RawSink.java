package io.kubemu.emulator.bench;

import io.kubemu.protocols.ClusterMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The receiving end of the raw baseline: counts byte-array frames and acks them to the
 * {@link RawSender} every N frames and at once to a probe, as {@code udp-sink} does over the
 * emulated network.
 */
public final class RawSink extends AbstractBehavior<RawSink.Command> {
  public sealed interface Command {}

  /** Resets the count; acks go to {@code acksTo} every {@code ackEvery} frames from now on. */
  public record Hello(ActorRef<RawSender.Command> acksTo, int ackEvery) implements Command, ClusterMessage {}

  /** Shaped as {@code NodeAgent.UnderlayFrame}: a record holding one byte array. */
  public record Frame(byte[] frame) implements Command, ClusterMessage {}

  public record Probe(long sentBefore) implements Command, ClusterMessage {}

  private ActorRef<RawSender.Command> acksTo;
  private int ackEvery = 1;
  private long received;

  public static Behavior<Command> create() {
    return Behaviors.setup(RawSink::new);
  }

  private RawSink(ActorContext<Command> ctx) {
    super(ctx);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Hello.class, this::onHello)
        .onMessage(Frame.class, this::onFrame)
        .onMessage(Probe.class, this::onProbe)
        .build();
  }

  private Behavior<Command> onHello(Hello m) {
    acksTo = m.acksTo();
    ackEvery = Math.max(1, m.ackEvery());
    received = 0;
    acksTo.tell(new RawSender.Ack(0));
    return this;
  }

  private Behavior<Command> onFrame(Frame m) {
    if (++received % ackEvery == 0 && acksTo != null) {
      acksTo.tell(new RawSender.Ack(received));
    }
    return this;
  }

  private Behavior<Command> onProbe(Probe m) {
    if (acksTo != null) {
      acksTo.tell(new RawSender.ProbeAck(received, m.sentBefore()));
    }
    return this;
  }
}
