package io.kubemu.emulator.bench;

import io.kubemu.emulator.host.ClusterSettings;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.protocols.ClusterMessage;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The bench's hands in one host JVM ({@code h1}, {@code h2}): on the driver's request it starts
 * node agents (peered by the driver, not by the lease book), the raw sink and the raw sender, and
 * stops them all between phases. Registered with the receptionist under its host's name.
 */
public final class BenchHost extends AbstractBehavior<BenchHost.Command> {
  public sealed interface Command {}

  public record StartNode(String node, ActorRef<KubeletReport> api, ActorRef<NodeStarted> replyTo)
      implements Command, ClusterMessage {}

  public record NodeStarted(NodeLease lease) implements ClusterMessage {}

  /** Tells every node agent of this host the full set of leases. */
  public record SetPeers(Map<String, NodeLease> leases, ActorRef<Done> replyTo) implements Command, ClusterMessage {}

  public record StartRawSink(ActorRef<RawSinkStarted> replyTo) implements Command, ClusterMessage {}

  public record RawSinkStarted(ActorRef<RawSink.Command> sink) implements ClusterMessage {}

  public record RunRawSender(ActorRef<RawSink.Command> sink, RawSender.Plan plan, ActorRef<RawSender.Result> replyTo)
      implements Command, ClusterMessage {}

  /** Stops every actor this host started for a phase. */
  public record Reset(ActorRef<Done> replyTo) implements Command, ClusterMessage {}

  public record Done(int count) implements ClusterMessage {}

  private final String host;
  private final ClusterSettings settings;
  private final Map<String, ActorRef<NodeAgent.Command>> nodes = new HashMap<>();
  private final Map<String, ActorRef<?>> others = new HashMap<>();
  private int generation;

  public static ServiceKey<Command> key(String host) {
    return ServiceKey.create(Command.class, "kubemu-bench-" + host);
  }

  public static Behavior<Command> create(String host, ClusterSettings settings) {
    return Behaviors.setup(ctx -> new BenchHost(ctx, host, settings));
  }

  private BenchHost(ActorContext<Command> ctx, String host, ClusterSettings settings) {
    super(ctx);
    this.host = host;
    this.settings = settings;
    ctx.getSystem().receptionist().tell(Receptionist.register(key(host), ctx.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StartNode.class, this::onStartNode)
        .onMessage(SetPeers.class, this::onSetPeers)
        .onMessage(StartRawSink.class, this::onStartRawSink)
        .onMessage(RunRawSender.class, this::onRunRawSender)
        .onMessage(Reset.class, this::onReset)
        .build();
  }

  private Behavior<Command> onStartNode(StartNode m) {
    ActorRef<NodeStarted> replyTo = m.replyTo();
    // The agent publishes its lease while it starts; the reply carries it to the driver.
    nodes.put(m.node(), getContext().spawn(
        NodeAgent.create(settings.node(m.node(), host), m.api(), lease -> replyTo.tell(new NodeStarted(lease))),
        "node-" + m.node() + "-" + (++generation)));
    return this;
  }

  private Behavior<Command> onSetPeers(SetPeers m) {
    nodes.values().forEach(agent -> agent.tell(new NodeAgent.PeersChanged(m.leases())));
    m.replyTo().tell(new Done(nodes.size()));
    return this;
  }

  private Behavior<Command> onStartRawSink(StartRawSink m) {
    ActorRef<RawSink.Command> sink = getContext().spawn(RawSink.create(), "raw-sink-" + (++generation));
    others.put(sink.path().name(), sink);
    m.replyTo().tell(new RawSinkStarted(sink));
    return this;
  }

  private Behavior<Command> onRunRawSender(RunRawSender m) {
    ActorRef<RawSender.Command> sender =
        getContext().spawn(RawSender.create(m.sink(), m.plan(), m.replyTo()), "raw-sender-" + (++generation));
    others.put(sender.path().name(), sender);
    return this;
  }

  private Behavior<Command> onReset(Reset m) {
    int count = nodes.size() + others.size();
    nodes.values().forEach(getContext()::stop);
    others.values().forEach(getContext()::stop);
    nodes.clear();
    others.clear();
    m.replyTo().tell(new Done(count));
    return this;
  }
}
