package io.kubemu.emulator.host;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.gateway.PortGateway;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.bgp.CalicoView;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.protocols.api.calico.BGPConfiguration;
import io.kubemu.protocols.api.calico.BGPPeer;
import io.kubemu.protocols.api.calico.IPPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * kube-proxy's informers for the node agents of one host, those of the in-cluster controllers their
 * pods run, and Calico's (its BGP daemon's): one watch of Services, EndpointSlices, Ingresses,
 * IngressClasses, Secrets, ConfigMaps, IPPools, BGPConfigurations, BGPPeers and Nodes per JVM (not one
 * per node), whose state is handed to every agent here as a whole, at most once per min-sync-period,
 * only when what it is made from changed, and never before the watch's initial list ended, as
 * kube-proxy waits for its caches to sync. When the store goes (a failover) the watch starts again
 * from a fresh list.
 */
public final class ServiceFeed extends AbstractBehavior<ServiceFeed.Command> {
  public sealed interface Command {}

  /** A node agent on this host, to be synced from now on. */
  public record Follow(ActorRef<NodeAgent.Command> agent) implements Command {}

  /** The host's port gateway, to be told of the Services too. */
  public record FollowGateway(ActorRef<PortGateway.Command> gateway) implements Command {}

  private record Event(StoreProtocol.WatchEvent event) implements Command {}

  private record StoreIs(StoreProtocol.StoreIs is) implements Command {}

  private record StoreGone() implements Command {}

  private record Sync() implements Command {}

  private record Rewatch() implements Command {}

  /** What the pods' cluster view is made from. */
  private static final List<String> CLUSTER_KINDS = List.of("Service", "EndpointSlice", "Ingress", "IngressClass", "Secret",
      "ConfigMap");
  /** What kube-proxy and the real ports are synced from: other kinds changing leave them alone. */
  private static final List<String> PROXY_KINDS = List.of("Service", "EndpointSlice");
  /** What the Calico view is made from; of Nodes only their labels, annotations and address count. */
  private static final List<String> CALICO_KINDS = List.of("IPPool", "BGPConfiguration", "BGPPeer", "Node");
  static final List<String> KINDS = java.util.stream.Stream.concat(CLUSTER_KINDS.stream(), CALICO_KINDS.stream()).toList();
  private static final Duration REWATCH_AFTER = Duration.ofSeconds(1);

  private final ActorRef<StoreProtocol.Command> store;
  private final TimerScheduler<Command> timers;
  private final Duration minSyncPeriod;
  private final ObjectCache cache = new ObjectCache();
  private final List<ActorRef<NodeAgent.Command>> agents = new ArrayList<>();
  private final List<ActorRef<PortGateway.Command>> gateways = new ArrayList<>();
  private boolean synced;
  private ProxyState last = ProxyState.empty();
  private ClusterView lastView = ClusterView.EMPTY;
  private CalicoView lastCalico = CalicoView.EMPTY;
  /** Whether an object of the kinds of each sync changed since the last sync (a fresh list counts as a change). */
  private boolean proxyChanged = true;
  private boolean clusterChanged = true;
  private boolean calicoChanged = true;

  public static Behavior<Command> create(ActorRef<StoreProtocol.Command> store, Duration minSyncPeriod) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ServiceFeed(ctx, timers, store, minSyncPeriod)));
  }

  private ServiceFeed(ActorContext<Command> ctx, TimerScheduler<Command> timers, ActorRef<StoreProtocol.Command> store,
      Duration minSyncPeriod) {
    super(ctx);
    this.store = store;
    this.timers = timers;
    this.minSyncPeriod = minSyncPeriod;
    watch();
  }

  private void watch() {
    cache.beginResync();
    store.tell(new StoreProtocol.WatchKinds(KINDS, getContext().messageAdapter(StoreProtocol.WatchEvent.class, Event::new)));
    store.tell(new StoreProtocol.WhoIsStore(getContext().messageAdapter(StoreProtocol.StoreIs.class, StoreIs::new)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Follow.class, this::onFollow)
        .onMessage(FollowGateway.class, this::onFollowGateway)
        .onMessage(Event.class, this::onEvent)
        .onMessage(StoreIs.class, this::onStoreIs)
        .onMessage(StoreGone.class, m -> rewatchSoon())
        .onMessage(Rewatch.class, m -> onRewatch())
        .onMessage(Sync.class, m -> onSync())
        .build();
  }

  private Behavior<Command> onFollow(Follow m) {
    agents.add(m.agent());
    if (synced) {
      m.agent().tell(new NodeAgent.SyncServices(last));
      m.agent().tell(new NodeAgent.SyncCluster(lastView));
      m.agent().tell(new NodeAgent.SyncCalico(lastCalico));
    }
    return this;
  }

  private Behavior<Command> onFollowGateway(FollowGateway m) {
    gateways.add(m.gateway());
    if (synced) {
      m.gateway().tell(new PortGateway.Sync(last));
    }
    return this;
  }

  private Behavior<Command> onEvent(Event m) {
    StoreProtocol.WatchEvent e = m.event();
    switch (e.type()) {
      case "BOOKMARK" -> {
        cache.sweep();
        synced = true;
        proxyChanged = true;
        clusterChanged = true;
        calicoChanged = true;
        return onSync();
      }
      case "ERROR" -> {
        return rewatchSoon();
      }
      default -> {
        try {
          HasMetadata o = Json.read(e.objectJson());
          cache.apply(e.type(), o);
          proxyChanged |= PROXY_KINDS.contains(o.getKind());
          clusterChanged |= CLUSTER_KINDS.contains(o.getKind());
          calicoChanged |= CALICO_KINDS.contains(o.getKind());
        } catch (IllegalArgumentException bad) {
          getContext().getLog().warn("service feed: unreadable watch event ignored: {}", bad.getMessage());
          return this;
        }
        if (synced && !timers.isTimerActive(new Sync())) {
          timers.startSingleTimer(new Sync(), minSyncPeriod);
        }
        return this;
      }
    }
  }

  private Behavior<Command> onStoreIs(StoreIs m) {
    if (m.is().store() != null) {
      getContext().watchWith(m.is().store(), new StoreGone());
    }
    return this;
  }

  private Behavior<Command> rewatchSoon() {
    if (!timers.isTimerActive(new Rewatch())) {
      timers.startSingleTimer(new Rewatch(), REWATCH_AFTER);
    }
    return this;
  }

  private Behavior<Command> onRewatch() {
    store.tell(new StoreProtocol.Unwatch(getContext().messageAdapter(StoreProtocol.WatchEvent.class, Event::new)));
    watch();
    return this;
  }

  /**
   * Hands every agent the whole state, as one kube-proxy sync writes the whole dataplane; the objects
   * that in-cluster controllers (the ingress controller) watch, for the agents' pods; and Calico's
   * view, for their BGP speakers, when it is not what they have already.
   */
  private Behavior<Command> onSync() {
    List<Service> services = cache.list(Service.class, "Service", null);
    List<EndpointSlice> slices = cache.list(EndpointSlice.class, "EndpointSlice", null);
    if (clusterChanged) {
      clusterChanged = false;
      lastView = new ClusterView(services, slices, cache.list(Ingress.class, "Ingress", null),
          cache.list(IngressClass.class, "IngressClass", null), cache.list(Secret.class, "Secret", null),
          cache.list(ConfigMap.class, "ConfigMap", null));
      agents.forEach(a -> a.tell(new NodeAgent.SyncCluster(lastView)));
    }
    if (calicoChanged) {
      calicoChanged = false;
      CalicoView calico = CalicoView.of(cache.list(IPPool.class, "IPPool", null),
          cache.list(BGPConfiguration.class, "BGPConfiguration", null), cache.list(BGPPeer.class, "BGPPeer", null),
          cache.list(Node.class, "Node", null));
      if (!calico.equals(lastCalico)) {
        lastCalico = calico;
        agents.forEach(a -> a.tell(new NodeAgent.SyncCalico(calico)));
      }
    }
    if (proxyChanged) {
      // a whole kube-proxy sync on every node only when what it programs from changed
      proxyChanged = false;
      last = ProxyState.from(services, slices);
      agents.forEach(a -> a.tell(new NodeAgent.SyncServices(last)));
      gateways.forEach(g -> g.tell(new PortGateway.Sync(last)));
    }
    return this;
  }
}
