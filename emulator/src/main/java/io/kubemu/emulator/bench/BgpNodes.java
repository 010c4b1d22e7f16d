package io.kubemu.emulator.bench;

import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeConfig;
import io.kubemu.nodes.agent.NodeLease;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The parent of the BGP bench's node agents, as a host's runtime is of its nodes: it starts them and
 * stops one when asked, answering once it is gone.
 */
final class BgpNodes extends AbstractBehavior<BgpNodes.Command> {
  sealed interface Command {}

  /** Starts an agent per config, with actor names {@code prefix + node}. */
  record Start(List<NodeConfig> configs, String prefix, ActorRef<KubeletReport> api, Consumer<NodeLease> publish,
      ActorRef<Started> replyTo) implements Command {}

  record Started(Map<String, ActorRef<NodeAgent.Command>> agents) {}

  record Stop(ActorRef<NodeAgent.Command> agent, ActorRef<Stopped> replyTo) implements Command {}

  record Stopped() {}

  private record Gone(ActorRef<Stopped> replyTo) implements Command {}

  static Behavior<Command> create() {
    return Behaviors.setup(BgpNodes::new);
  }

  private BgpNodes(ActorContext<Command> ctx) {
    super(ctx);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(Stop.class, this::onStop)
        .onMessage(Gone.class, this::onGone)
        .build();
  }

  private Behavior<Command> onStart(Start m) {
    Map<String, ActorRef<NodeAgent.Command>> agents = new LinkedHashMap<>();
    for (NodeConfig c : m.configs()) {
      agents.put(c.name(), getContext().spawn(NodeAgent.create(c, m.api(), m.publish()), m.prefix() + c.name()));
    }
    m.replyTo().tell(new Started(agents));
    return this;
  }

  private Behavior<Command> onStop(Stop m) {
    getContext().watchWith(m.agent(), new Gone(m.replyTo()));
    getContext().stop(m.agent());
    return this;
  }

  private Behavior<Command> onGone(Gone m) {
    m.replyTo().tell(new Stopped());
    return this;
  }
}
