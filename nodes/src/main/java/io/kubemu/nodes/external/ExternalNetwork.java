package io.kubemu.nodes.external;

import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.pod.ContainerState;
import io.kubemu.nodes.pod.PodActor;
import io.kubemu.protocols.ClusterMessage;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The world beyond the node network's gateway: one actor for the whole cluster, which owns every
 * external host (a pod actor each, running its image with its args on an IP stack of its own) and
 * the {@link ExternalRouter} between them and the nodes. Nodes find it with the Receptionist under
 * {@link #KEY}; what they send their gateway for an address beyond it comes here as {@link Egress},
 * and what goes back to a node is an underlay frame from the gateway's MAC, so the node takes it
 * on eth0 like any other. No real socket is opened for an external host: it exists only here.
 */
public final class ExternalNetwork extends AbstractBehavior<ExternalNetwork.Command> {
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "kubemu-external-network");

  public sealed interface Command {}

  /** A frame {@code node} sent to its gateway for an address beyond it. */
  public record Egress(byte[] frame, ActorRef<NodeAgent.Command> node) implements Command, ClusterMessage {}

  private record FromHost(Ipv4Address host, byte[] frame) implements Command {}

  private record HostChanged(PodActor.StatusChanged status) implements Command {}

  private final ExternalRouter<ActorRef<NodeAgent.Command>> router;
  /** Each external host's pod actor, by its address. */
  private final Map<Ipv4Address, ActorRef<PodActor.Command>> hostActors = new HashMap<>();

  /** The external network of a node network; the hosts are assumed valid (see the cluster settings). */
  public static Behavior<Command> create(List<ExternalHost> hosts, Ipv4Cidr nodeNetwork) {
    return Behaviors.setup(ctx -> new ExternalNetwork(ctx, hosts, nodeNetwork));
  }

  private ExternalNetwork(ActorContext<Command> ctx, List<ExternalHost> hosts, Ipv4Cidr nodeNetwork) {
    super(ctx);
    Map<Ipv4Address, MacAddress> macs = new HashMap<>();
    hosts.forEach(h -> macs.put(h.address(), h.mac()));
    this.router = new ExternalRouter<>(nodeNetwork, macs, new Wire());
    ActorRef<Command> self = ctx.getSelf();
    for (ExternalHost h : hosts) {
      hostActors.put(h.address(), ctx.spawn(PodActor.create("external", h.name(), h.name(), List.of(h.container()), "Always",
          h.net(ExternalRouter.HOST_GATEWAY), frame -> self.tell(new FromHost(h.address(), frame)),
          status -> self.tell(new HostChanged(status))), "host-" + h.name()));
    }
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, self));
    ctx.getLog().info("external network up behind {}: {}", nodeNetwork.address(1),
        String.join(", ", hosts.stream().map(h -> h.name() + " " + h.address()).toList()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Egress.class, this::onEgress)
        .onMessage(FromHost.class, this::onFromHost)
        .onMessage(HostChanged.class, this::onHostChanged)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private final class Wire implements ExternalRouter.Output<ActorRef<NodeAgent.Command>> {
    @Override
    public void toHost(Ipv4Address host, byte[] frame) {
      hostActors.get(host).tell(new PodActor.FrameIn(frame));
    }

    @Override
    public void toNode(ActorRef<NodeAgent.Command> node, byte[] frame) {
      node.tell(new NodeAgent.UnderlayFrame(frame));
    }
  }

  private Behavior<Command> onEgress(Egress m) {
    router.fromNode(m.node(), m.frame() == null ? new byte[0] : m.frame());
    return this;
  }

  private Behavior<Command> onFromHost(FromHost m) {
    router.fromHost(m.host(), m.frame());
    return this;
  }

  /** The router's interfaces go, and their metrics with them; the hosts' pod actors close their own. */
  private Behavior<Command> onStop() {
    router.close();
    return this;
  }

  /** A host whose program is not running answers nothing: say so where an operator looks. */
  private Behavior<Command> onHostChanged(HostChanged m) {
    for (ContainerState c : m.status().containers()) {
      if (!c.running()) {
        getContext().getLog().warn("external host {} is {}{}", m.status().podKey(), c.state(),
            c.reason() == null ? "" : ": " + c.reason() + (c.message() == null ? "" : " (" + c.message() + ")"));
      }
    }
    return this;
  }
}
