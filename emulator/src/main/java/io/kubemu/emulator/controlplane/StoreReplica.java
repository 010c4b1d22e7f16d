package io.kubemu.emulator.controlplane;

import io.kubemu.protocols.ClusterMessage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * A copy of the API store on one control-plane host: every stored object as JSON by key, and the
 * store's resourceVersion. The primary (the API store singleton, through its {@link Replicator})
 * sends it a full snapshot, then batches of changes, and answers a write only once every replica
 * acknowledged it; the store that takes over after a failover starts from its own host's replica.
 * A replica follows one primary session at a time: the last one that gave it a complete snapshot.
 */
public final class StoreReplica extends AbstractBehavior<StoreReplica.Command> {
  /** Under this key every control-plane host's replica is listed with the Receptionist. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "kubemu-store-replica");

  public sealed interface Command extends ClusterMessage {}

  /** One object: ADDED or MODIFIED put it, DELETED removes it; {@code key} is kind/namespace/name. */
  public record Change(String type, String key, long resourceVersion, String json) implements ClusterMessage {}

  /**
   * Part {@code part} of a full copy at {@code resourceVersion}; the parts replace the contents
   * together when the {@code last} one arrives, which alone is acknowledged.
   */
  public record Snapshot(long session, int part, boolean last, long resourceVersion, List<Change> objects,
      ActorRef<Replicator.Acked> replyTo) implements Command {}

  /** The changes after the replica's version; {@code resourceVersion} is the store's version they bring it to. */
  public record Changes(long session, List<Change> changes, long resourceVersion, ActorRef<Replicator.Acked> replyTo)
      implements Command {}

  /** What the replica holds, for a store starting on this host (local only). */
  public record Load(ActorRef<Contents> replyTo) implements Command {}

  public record Contents(long resourceVersion, Map<String, String> objects) {}

  private final ActorContext<Command> ctx;
  private Map<String, String> objects = new TreeMap<>();
  private long resourceVersion;
  private long session;
  /** The parts of a snapshot still coming: its session, the next part expected, what arrived. */
  private long incomingSession;
  private int nextPart = -1;
  private Map<String, String> incoming;

  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
      return new StoreReplica(ctx);
    });
  }

  private StoreReplica(ActorContext<Command> ctx) {
    super(ctx);
    this.ctx = ctx;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Snapshot.class, this::onSnapshot)
        .onMessage(Changes.class, this::onChanges)
        .onMessage(Load.class, this::onLoad)
        .build();
  }

  private Behavior<Command> onSnapshot(Snapshot m) {
    if (m.part() == 0) {
      incomingSession = m.session();
      incoming = new TreeMap<>();
      nextPart = 0;
    }
    if (m.session() != incomingSession || m.part() != nextPart || m.objects() == null) {
      ctx.getLog().warn("store replica dropped snapshot part {} of session {} (expected: part {} of session {}, with objects)",
          m.part(), m.session(), nextPart, incomingSession);
      nextPart = -1;
      return this;
    }
    for (Change c : m.objects()) {
      if (c != null && c.key() != null && c.json() != null) {
        incoming.put(c.key(), c.json());
      }
    }
    nextPart++;
    if (m.last()) {
      objects = incoming;
      incoming = null;
      nextPart = -1;
      resourceVersion = m.resourceVersion();
      session = m.session();
      ack(m.replyTo(), true);
    }
    return this;
  }

  private Behavior<Command> onChanges(Changes m) {
    if (m.session() != session || m.changes() == null) {
      if (m.replyTo() != null) {
        m.replyTo().tell(new Replicator.Acked(ctx.getSelf(), m.session(), resourceVersion, false));
      }
      return this;
    }
    for (Change c : m.changes()) {
      if (c == null || c.key() == null || c.resourceVersion() <= resourceVersion) {
        continue;
      }
      if ("DELETED".equals(c.type())) {
        objects.remove(c.key());
      } else if (c.json() != null) {
        objects.put(c.key(), c.json());
      }
    }
    resourceVersion = Math.max(resourceVersion, m.resourceVersion());
    ack(m.replyTo(), true);
    return this;
  }

  private void ack(ActorRef<Replicator.Acked> replyTo, boolean inSync) {
    if (replyTo != null) {
      replyTo.tell(new Replicator.Acked(ctx.getSelf(), session, resourceVersion, inSync));
    }
  }

  private Behavior<Command> onLoad(Load m) {
    m.replyTo().tell(new Contents(resourceVersion, Map.copyOf(objects)));
    return this;
  }
}
