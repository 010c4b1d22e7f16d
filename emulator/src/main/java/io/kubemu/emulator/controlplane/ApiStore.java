package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.emulator.controlplane.StoreProtocol.Apply;
import io.kubemu.emulator.controlplane.StoreProtocol.Capture;
import io.kubemu.emulator.controlplane.StoreProtocol.Command;
import io.kubemu.emulator.controlplane.StoreProtocol.Delete;
import io.kubemu.emulator.controlplane.StoreProtocol.DeleteResult;
import io.kubemu.emulator.controlplane.StoreProtocol.Exec;
import io.kubemu.emulator.controlplane.StoreProtocol.FromKubelet;
import io.kubemu.emulator.controlplane.StoreProtocol.GetNodeAgents;
import io.kubemu.emulator.controlplane.StoreProtocol.ListObjects;
import io.kubemu.emulator.controlplane.StoreProtocol.ObjectList;
import io.kubemu.emulator.controlplane.StoreProtocol.Unwatch;
import io.kubemu.emulator.controlplane.StoreProtocol.Watch;
import io.kubemu.emulator.controlplane.StoreProtocol.WatchEvent;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import java.time.Duration;
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

/**
 * The API store: versioned objects with admission ({@link Writes}, {@link Applies}), watches, the
 * node registry (Leases, NotReady after a grace period), the scheduler's bind step
 * ({@link Scheduling}), and the link to each node's kubelet ({@link NodeRelay}). It runs as a
 * cluster singleton on the control-plane hosts, its writes replicated to every one of them
 * ({@link Replicator}); the controllers run beside it.
 */
public final class ApiStore extends AbstractBehavior<Command> {
  private record Tick() implements Command {}

  /** Binds the pods created since the last round, in one round (see {@link #schedule(Pod)}). */
  private record ScheduleCreated() implements Command {}

  private record SubscriberStopped(ActorRef<WatchEvent> subscriber) implements Command {}

  /** How many watches are open: for tests, within this JVM. */
  record CountWatches(ActorRef<Integer> replyTo) implements Command {}

  private final Watchers watchers = new Watchers();
  private final ObjectStore store;
  private final NodeRegistry nodes;
  private final NodeRelay relay;
  /** The resourceVersion of each synthesized Node's last change. */
  private final Map<String, String> nodeVersions = new HashMap<>();
  private final PendingReplies replies = new PendingReplies();
  /** Pods created and not yet through a scheduling round. */
  private final List<Pod> created = new ArrayList<>();
  private ActorRef<Replicator.Command> replicator;

  public static Behavior<Command> create(Duration nodeGracePeriod) {
    return create(nodeGracePeriod, ObjectStore.DEFAULT_HISTORY);
  }

  /** With {@code historyLimit} changes kept for watches to replay. */
  public static Behavior<Command> create(Duration nodeGracePeriod, int historyLimit) {
    return create(nodeGracePeriod, historyLimit, ServiceNetwork.DEFAULT, List.of(), null, null);
  }

  /** Unreplicated, with Services given addresses and ports from {@code services}. */
  public static Behavior<Command> create(Duration nodeGracePeriod, ServiceNetwork services) {
    return create(nodeGracePeriod, ObjectStore.DEFAULT_HISTORY, services, List.of(), null, null);
  }

  public static Behavior<Command> create(Duration nodeGracePeriod, ActorRef<StoreReplica.Command> replica) {
    return create(nodeGracePeriod, ServiceNetwork.DEFAULT, replica);
  }

  /**
   * Replicated: starts from what {@code replica}, this host's copy of the store, holds, and answers
   * a write only once every replica has it ({@link Replicator}).
   */
  public static Behavior<Command> create(Duration nodeGracePeriod, ServiceNetwork services, ActorRef<StoreReplica.Command> replica) {
    return create(nodeGracePeriod, services, List.of(), replica);
  }

  /**
   * Replicated (or not, with {@code replica} null), creating the {@code addons} ({@link Addons}
   * manifests) that are missing once it holds the replicated objects.
   */
  public static Behavior<Command> create(Duration nodeGracePeriod, ServiceNetwork services, List<Addons.Addon> addons,
      ActorRef<StoreReplica.Command> replica) {
    if (replica == null) {
      return create(nodeGracePeriod, ObjectStore.DEFAULT_HISTORY, services, addons, null, null);
    }
    return StoreLoading.load(replica, contents -> create(nodeGracePeriod, ObjectStore.DEFAULT_HISTORY, services, addons, contents,
        replica));
  }

  private static Behavior<Command> create(Duration grace, int historyLimit, ServiceNetwork services, List<Addons.Addon> addons,
      StoreReplica.Contents loaded, ActorRef<StoreReplica.Command> replica) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), Duration.ofMillis(500));
      return new ApiStore(ctx, grace, historyLimit, services, addons, loaded, replica);
    }));
  }

  private ApiStore(ActorContext<Command> ctx, Duration grace, int historyLimit, ServiceNetwork services, List<Addons.Addon> addons,
      StoreReplica.Contents loaded, ActorRef<StoreReplica.Command> replica) {
    super(ctx);
    this.nodes = new NodeRegistry(grace);
    this.store = new ObjectStore(historyLimit, this::changed, services);
    StoreLoading.fill(store, loaded, ctx.getLog());
    KubernetesService.ensure(store, ctx.getLog());
    Addons.ensure(store, addons, ctx.getLog());
    this.relay = new NodeRelay(store, nodes);
    long now = System.currentTimeMillis();
    store.list(Node.class, "Node").forEach(n -> nodes.restore(n, now));
    this.replicator = replica == null ? null
        : ctx.spawn(Replicator.create(ctx.getSelf(), replica, store.resourceVersion(), store.snapshot()), "replicator");
  }

  private void changed(ChangeLog.Change c) {
    watchers.publish(c);
    if (replicator != null) {
      replicator.tell(new Replicator.Changed(c));
    }
  }

  private Behavior<Command> onReplicated(Replicator.Replicated m) {
    replies.replicated(m.resourceVersion());
    return this;
  }

  /** Runs {@code reply} (to a write) once every replica holds what was written so far; at once without replicas. */
  private void whenReplicated(Runnable reply) {
    if (replicator == null) {
      reply.run();
    } else {
      replies.add(store.resourceVersion(), reply);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Apply.class, this::onApply)
        .onMessage(StoreProtocol.Create.class, m -> written(m.replyTo(), Writes.create(store, m.kind(), m.namespace(), m.objectJson())))
        .onMessage(StoreProtocol.Update.class, m -> m.kind().equals("Node")
            ? nodeWritten(m.replyTo(), m.name(), NodeWrites.update(nodes, m.name(), m.objectJson(), nodeVersions.get(m.name())))
            : written(m.replyTo(), Writes.update(store, m.kind(), m.namespace(), m.name(), m.objectJson(), m.subresource())))
        .onMessage(StoreProtocol.Patch.class, m -> m.kind().equals("Node")
            ? nodeWritten(m.replyTo(), m.name(), NodeWrites.patch(nodes, m.name(), m.patchType(), m.patchJson(),
                nodes.get(m.name()) == null ? null : node(m.name())))
            : written(m.replyTo(), Writes.patch(store, m.kind(), m.namespace(), m.name(), m.patchType(), m.patchJson(), m.subresource())))
        .onMessage(StoreProtocol.Get.class, this::onGet)
        .onMessage(ListObjects.class, this::onList)
        .onMessage(Delete.class, this::onDelete)
        .onMessage(Exec.class, m -> relayed(() -> relay.exec(m)))
        .onMessage(Capture.class, m -> relayed(() -> relay.capture(m)))
        .onMessage(GetNodeAgents.class, m -> relayed(() -> relay.agents(m)))
        .onMessage(FromKubelet.class, this::onKubelet)
        .onMessage(Watch.class, this::onWatch)
        .onMessage(StoreProtocol.WatchKinds.class, this::onWatchKinds)
        .onMessage(StoreProtocol.WhoIsStore.class, this::onWhoIsStore)
        .onMessage(Unwatch.class, m -> onSubscriberGone(m.subscriber()))
        .onMessage(SubscriberStopped.class, m -> onSubscriberGone(m.subscriber()))
        .onMessage(CountWatches.class, this::onCountWatches)
        .onMessage(Tick.class, this::onTick)
        .onMessage(ScheduleCreated.class, m -> onScheduleCreated())
        .onMessage(Replicator.Replicated.class, this::onReplicated)
        .build();
  }

  private Behavior<Command> relayed(Runnable r) {
    r.run();
    return this;
  }

  private Behavior<Command> onApply(Apply m) {
    Applies.Outcome out = Applies.apply(store, nodes, m.objects());
    if (out.result().status() != 200) {
      m.replyTo().tell(out.result());
    } else {
      out.createdPods().forEach(this::schedule);
      out.changedNodes().forEach(n -> nodeChanged(n, "MODIFIED"));
      whenReplicated(() -> m.replyTo().tell(out.result()));
    }
    return this;
  }

  /** Answers a write to a Node with the Node as it now is; watchers see the change. */
  private Behavior<Command> nodeWritten(ActorRef<StoreProtocol.WriteResult> replyTo, String name, Writes.Outcome out) {
    if (out.code() != 200) {
      replyTo.tell(new StoreProtocol.WriteResult(out.code(), out.json()));
    } else {
      nodeChanged(name, "MODIFIED");
      replyTo.tell(new StoreProtocol.WriteResult(200, Json.write(node(name))));
    }
    return this;
  }

  /** Answers a REST write; a Pod it created is scheduled, as apply does. */
  private Behavior<Command> written(ActorRef<StoreProtocol.WriteResult> replyTo, Writes.Outcome out) {
    whenReplicated(() -> replyTo.tell(new StoreProtocol.WriteResult(out.code(), out.json())));
    if (out.code() == 201 && out.written() instanceof Pod p) {
      schedule(p);
    }
    return this;
  }

  /**
   * A pod was created: it is bound in the next round, with every pod created before that round
   * comes (a burst of creates from a controller is one round, not one round per pod).
   */
  private void schedule(Pod pod) {
    if (created.isEmpty()) {
      getContext().getSelf().tell(new ScheduleCreated());
    }
    created.add(pod);
  }

  private Behavior<Command> onScheduleCreated() {
    Scheduling.startAll(store, nodes, created);
    created.clear();
    return this;
  }

  private Behavior<Command> onGet(StoreProtocol.Get m) {
    Writes.Outcome out = !m.kind().equals("Node") ? Writes.get(store, m.kind(), m.namespace(), m.name())
        : nodes.get(m.name()) == null ? Writes.notFound("Node", m.name()) : new Writes.Outcome(200, Json.write(node(m.name())), null);
    m.replyTo().tell(new StoreProtocol.WriteResult(out.code(), out.json()));
    return this;
  }

  private Behavior<Command> onList(ListObjects m) {
    m.replyTo().tell(new ObjectList(m.kind(), store.resourceVersion(), current(m.kind(), m.namespace())));
    return this;
  }

  /** The objects of a kind as JSON; Nodes are synthesized from the node registry. */
  private List<String> current(String kind, String namespace) {
    List<String> items = new ArrayList<>();
    if (kind.equals("Node")) {
      nodes.all().keySet().forEach(n -> items.add(Json.write(node(n))));
    } else {
      store.list(kind, namespace).forEach(o -> items.add(Json.write(o)));
    }
    return items;
  }

  private Node node(String name) {
    Node n = nodes.toNode(name);
    n.getMetadata().setResourceVersion(nodeVersions.get(name));
    return n;
  }

  /** A node registered or changed readiness: Node watchers see it. */
  private void nodeChanged(String name, String type) {
    Node n = nodes.toNode(name);
    store.recordExternal(type, n);
    nodeVersions.put(name, n.getMetadata().getResourceVersion());
  }

  private Behavior<Command> onWatch(Watch m) {
    if (watchers.open(m, current(m.kind(), m.namespace()), store.history())) {
      getContext().watchWith(m.subscriber(), new SubscriberStopped(m.subscriber()));
    }
    return this;
  }

  private Behavior<Command> onWatchKinds(StoreProtocol.WatchKinds m) {
    List<String> now = new ArrayList<>();
    m.kinds().forEach(kind -> now.addAll(current(kind, null)));
    watchers.openKinds(m, now, store.resourceVersion());
    getContext().watchWith(m.subscriber(), new SubscriberStopped(m.subscriber()));
    return this;
  }

  private Behavior<Command> onWhoIsStore(StoreProtocol.WhoIsStore m) {
    m.replyTo().tell(new StoreProtocol.StoreIs(getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onCountWatches(CountWatches m) {
    m.replyTo().tell(watchers.size());
    return this;
  }

  private Behavior<Command> onSubscriberGone(ActorRef<WatchEvent> subscriber) {
    watchers.close(subscriber);
    getContext().unwatch(subscriber);
    return this;
  }

  private Behavior<Command> onDelete(Delete m) {
    HasMetadata o = store.get(m.kind(), m.namespace(), m.name()).orElse(null);
    if (o == null) {
      m.replyTo().tell(new DeleteResult(404, m.kind().toLowerCase() + "s \"" + m.name() + "\" not found"));
      return this;
    }
    if (o instanceof Pod p && p.getSpec().getNodeName() != null && nodes.agent(p.getSpec().getNodeName()) != null
        && nodes.get(p.getSpec().getNodeName()).ready()) {
      // as the API server does: the grace period is recorded, the kubelet stops the pod within it,
      // and the object goes when the kubelet says it stopped (or at once for a forced zero)
      long grace = m.gracePeriodSeconds() != null ? m.gracePeriodSeconds()
          : p.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : p.getSpec().getTerminationGracePeriodSeconds();
      nodes.agent(p.getSpec().getNodeName()).tell(new NodeAgent.DeletePod(m.namespace(), m.name(), grace));
      if (grace == 0) {
        store.remove(m.kind(), m.namespace(), m.name());
      } else if (p.getMetadata().getDeletionTimestamp() == null) {
        p.getMetadata().setDeletionTimestamp(PodStatuses.now());
        p.getMetadata().setDeletionGracePeriodSeconds(grace);
        store.update(p);
      }
    } else if (o instanceof Pod) {
      store.remove(m.kind(), m.namespace(), m.name());
    } else {
      Writes.Outcome out = Writes.delete(store, o, m.propagationPolicy());
      if (out.code() != 200) {
        m.replyTo().tell(new DeleteResult(out.code(), String.valueOf(Json.read(out.json(), Map.class).get("message"))));
        return this;
      }
    }
    whenReplicated(() -> m.replyTo().tell(new DeleteResult(200, m.kind().toLowerCase() + " \"" + m.name() + "\" deleted")));
    return this;
  }

  private Behavior<Command> onKubelet(FromKubelet m) {
    KubeletReport r = m.report();
    if (r instanceof KubeletReport.NodeRegistered reg) {
      nodeSeen(reg.lease());
    } else if (r instanceof KubeletReport.NodeHeartbeat h) {
      nodeSeen(h.lease());
    } else if (r instanceof KubeletReport.ClaimBlock c) {
      CalicoBlocks.Claim claim = CalicoBlocks.claim(store, nodes, c);
      whenReplicated(() -> c.replyTo().tell(new NodeAgent.BlockClaimed(claim.block(), claim.error())));
    } else {
      PodStatuses.report(store, nodes, r);
    }
    return this;
  }

  /** A registration or renewal, timed on arrival (host clocks may differ); a new or returning node gets its pods. */
  private void nodeSeen(io.kubemu.nodes.agent.NodeLease lease) {
    boolean known = nodes.get(lease.node()) != null;
    if (nodes.heartbeat(lease, System.currentTimeMillis())) {
      nodeChanged(lease.node(), known ? "MODIFIED" : "ADDED");
      for (Pod p : store.list(Pod.class, "Pod")) {
        if (lease.node().equals(p.getSpec().getNodeName()) && p.getMetadata().getDeletionTimestamp() == null) {
          lease.agent().tell(new NodeAgent.RunPod(Json.write(p)));
        }
      }
    }
  }

  private Behavior<Command> onTick(Tick m) {
    for (String lost : nodes.expire(System.currentTimeMillis())) {
      getContext().getLog().warn("node {} stopped renewing its lease: NotReady", lost);
      nodeChanged(lost, "MODIFIED");
    }
    Scheduling.startAll(store, nodes, store.list(Pod.class, "Pod").stream()
        .filter(p -> p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty()).toList());
    return this;
  }
}
