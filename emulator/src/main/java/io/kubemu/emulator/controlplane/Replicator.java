package io.kubemu.emulator.controlplane;

import io.kubemu.protocols.ClusterMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterActorRefProvider;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The API store's link to its replicas (a child of the store): it follows the store's changes,
 * finds the replicas through the Receptionist and, in a cluster, which control-plane members are
 * up, sends each replica a snapshot then batches of changes ({@link Replication} decides what), and
 * tells the store up to which version every required replica holds it, so writes can be answered.
 */
public final class Replicator extends AbstractBehavior<Replicator.Command> {
  /** The role of the hosts that run the API store and keep a replica of it. */
  public static final String ROLE = "control-plane";
  private static final Duration RESEND_AFTER = Duration.ofSeconds(3);

  sealed interface Command {}

  /** A change of the store, in the order the store made them. */
  record Changed(ChangeLog.Change change) implements Command {}

  /** A replica's answer: the version it holds, and whether it follows this session (false: it needs a snapshot). */
  public record Acked(ActorRef<StoreReplica.Command> replica, long session, long resourceVersion, boolean inSync)
      implements Command, ClusterMessage {}

  /** To the store: every required replica holds the store up to {@code resourceVersion}. */
  record Replicated(long resourceVersion) implements StoreProtocol.Command {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  private record MemberEvent(ClusterEvent.MemberEvent event) implements Command {}

  private record Tick() implements Command {}

  private final ActorRef<StoreProtocol.Command> store;
  /** In a cluster, replicas are known by the address of their member; in one JVM (tests), by their path. */
  private final boolean clustered;
  private final String self;
  private final ActorRef<StoreReplica.Command> local;
  private final long session = ThreadLocalRandom.current().nextLong();
  private final Replication<String> replication;
  private final Map<String, ActorRef<StoreReplica.Command>> replicas = new HashMap<>();
  private long told;

  /** Starts with the store's contents and version, and its host's replica, which is required from the start. */
  static Behavior<Command> create(ActorRef<StoreProtocol.Command> store, ActorRef<StoreReplica.Command> local,
      long resourceVersion, Map<String, String> objects) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), Duration.ofSeconds(1));
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(StoreReplica.KEY, ctx.messageAdapter(Receptionist.Listing.class, Listed::new)));
      return new Replicator(ctx, store, local, resourceVersion, objects);
    }));
  }

  private Replicator(ActorContext<Command> ctx, ActorRef<StoreProtocol.Command> store, ActorRef<StoreReplica.Command> local,
      long resourceVersion, Map<String, String> objects) {
    super(ctx);
    this.store = store;
    this.local = local;
    this.clustered = Adapter.toClassic(ctx.getSystem()) instanceof ExtendedActorSystem s && s.provider() instanceof ClusterActorRefProvider;
    this.self = clustered ? Cluster.get(ctx.getSystem()).selfMember().address().toString() : local.path().toString();
    this.replication = new Replication<>(self, clustered, RESEND_AFTER.toMillis(), resourceVersion, objects);
    replicas.put(self, local);
    if (clustered) {
      Cluster.get(ctx.getSystem()).state().getMembers().forEach(this::member);
      Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberEvent::new),
          ClusterEvent.MemberEvent.class));
    }
    send();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Changed.class, this::onChanged)
        .onMessage(Acked.class, this::onAcked)
        .onMessage(Listed.class, this::onListed)
        .onMessage(MemberEvent.class, this::onMemberEvent)
        .onMessage(Tick.class, t -> send())
        .build();
  }

  private Behavior<Command> onChanged(Changed m) {
    ChangeLog.Change c = m.change();
    replication.changed(new StoreReplica.Change(c.type(), ObjectStore.key(c.kind(), c.namespace(), c.name()),
        c.resourceVersion(), c.json()), c.resourceVersion());
    return send();
  }

  private Behavior<Command> onAcked(Acked m) {
    if (m.session() == session && m.replica() != null) {
      replication.acked(keyOf(m.replica()), m.resourceVersion(), m.inSync());
    }
    return send();
  }

  private Behavior<Command> onListed(Listed m) {
    Set<String> listed = new HashSet<>();
    for (ActorRef<StoreReplica.Command> r : m.listing().getAllServiceInstances(StoreReplica.KEY)) {
      listed.add(keyOf(r));
      replicas.put(keyOf(r), r);
    }
    replicas.keySet().retainAll(listed);
    replicas.put(self, local);
    replication.listing(listed);
    return send();
  }

  private Behavior<Command> onMemberEvent(MemberEvent m) {
    if (m.event() instanceof ClusterEvent.MemberUp up) {
      member(up.member());
    } else if (m.event() instanceof ClusterEvent.MemberDowned || m.event() instanceof ClusterEvent.MemberLeft
        || m.event() instanceof ClusterEvent.MemberExited || m.event() instanceof ClusterEvent.MemberRemoved) {
      replication.memberGone(m.event().member().address().toString());
    }
    return send();
  }

  private void member(Member m) {
    if (m.status() == MemberStatus.up() && m.hasRole(ROLE)) {
      replication.memberUp(m.address().toString());
    }
  }

  /** In a cluster, a local reference (no host in its address) is this member's replica. */
  private String keyOf(ActorRef<?> ref) {
    if (!clustered) {
      return ref.path().toString();
    }
    Address a = ref.path().address();
    return a.hasLocalScope() ? self : a.toString();
  }

  /** Sends what is due, and tells the store when the replicated version moved. */
  private Behavior<Command> send() {
    ActorRef<Acked> replyTo = getContext().getSelf().narrow();
    for (Replication.Send<String> s : replication.sends(System.currentTimeMillis())) {
      ActorRef<StoreReplica.Command> to = replicas.get(s.target());
      if (to == null) {
        continue;
      }
      to.tell(s.snapshot()
          ? new StoreReplica.Snapshot(session, s.part(), s.last(), s.resourceVersion(), s.changes(), replyTo)
          : new StoreReplica.Changes(session, s.changes(), s.resourceVersion(), replyTo));
    }
    long replicated = replication.replicated();
    if (replicated > told) {
      told = replicated;
      store.tell(new Replicated(replicated));
    }
    return this;
  }
}
