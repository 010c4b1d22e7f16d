package io.kubemu.emulator.host;

import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * This host's window on the node leases, kept in Distributed Data (an LWW map replicated to every
 * host) as flannel keeps subnet leases: local node agents publish through it (written to every
 * reachable host at once, not left to gossip, so peers are programmed within a moment of a node
 * starting), and it tells every local agent the full set whenever it changes.
 */
public final class LeaseBook extends AbstractBehavior<LeaseBook.Command> {
  public sealed interface Command {}

  public record Publish(NodeLease lease) implements Command {}

  public record Follow(ActorRef<NodeAgent.Command> agent) implements Command {}

  private record Changed(Replicator.SubscribeResponse<LWWMap<String, NodeLease>> response) implements Command {}

  private record Written(Replicator.UpdateResponse<LWWMap<String, NodeLease>> response) implements Command {}

  public static final Key<LWWMap<String, NodeLease>> KEY = LWWMapKey.create("kubemu-node-leases");

  private final ReplicatorMessageAdapter<Command, LWWMap<String, NodeLease>> replicator;
  private final SelfUniqueAddress self;
  private final List<ActorRef<NodeAgent.Command>> followers = new ArrayList<>();
  private Map<String, NodeLease> current = new HashMap<>();

  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> DistributedData.withReplicatorMessageAdapter(
        (ReplicatorMessageAdapter<Command, LWWMap<String, NodeLease>> r) -> new LeaseBook(ctx, r)));
  }

  private LeaseBook(ActorContext<Command> ctx, ReplicatorMessageAdapter<Command, LWWMap<String, NodeLease>> replicator) {
    super(ctx);
    this.replicator = replicator;
    this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
    replicator.subscribe(KEY, Changed::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Publish.class, this::onPublish)
        .onMessage(Follow.class, this::onFollow)
        .onMessage(Changed.class, this::onChanged)
        .onMessage(Written.class, m -> this)
        .build();
  }

  private Behavior<Command> onPublish(Publish m) {
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(KEY, LWWMap.empty(), new Replicator.WriteAll(java.time.Duration.ofSeconds(3)), replyTo,
            map -> map.put(self, m.lease().node(), m.lease())),
        Written::new);
    return this;
  }

  private Behavior<Command> onFollow(Follow m) {
    followers.add(m.agent());
    m.agent().tell(new NodeAgent.PeersChanged(Map.copyOf(current)));
    return this;
  }

  private Behavior<Command> onChanged(Changed m) {
    if (m.response() instanceof Replicator.Changed<LWWMap<String, NodeLease>> changed) {
      current = new HashMap<>(changed.get(KEY).getEntries());
      Map<String, NodeLease> snapshot = Map.copyOf(current);
      followers.forEach(f -> f.tell(new NodeAgent.PeersChanged(snapshot)));
    }
    return this;
  }
}
