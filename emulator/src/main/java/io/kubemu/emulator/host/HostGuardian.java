package io.kubemu.emulator.host;

import io.kubemu.emulator.api.ApiServer;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.Replicator;
import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.emulator.controlplane.StoreReplica;
import io.kubemu.emulator.gateway.OutboundTcpRelay;
import io.kubemu.emulator.gateway.PortGateway;
import io.kubemu.emulator.state.StateDir;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.external.ExternalNetwork;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The root of a host JVM: the API store singleton and a replica of its store (on control-plane
 * hosts), the lease book, the kubelet gateway, one agent per node placed here with the watch that
 * feeds their kube-proxies, the real ports and the external network on the entry node's host, and
 * the API server on a control-plane host.
 * Every host relays the real TCP connections its nodes open, e.g. BGP to a real router ({@link OutboundTcpRelay}).
 * {@code apiPort} completes with the port the API server bound (-1 on a host without one).
 */
public final class HostGuardian {
  private HostGuardian() {}

  public static Behavior<Void> create(HostSpec spec, ClusterSettings settings, CompletableFuture<Integer> apiPort) {
    return Behaviors.setup(ctx -> {
      ActorRef<StoreReplica.Command> replica = !spec.controlPlane() ? null : ctx.spawn(
          Behaviors.supervise(StoreReplica.create()).onFailure(SupervisorStrategy.resume()), "store-replica");
      Behavior<StoreProtocol.Command> apiStore = ApiStore.create(settings.nodeGracePeriod(), settings.services(),
          settings.addons(), replica);
      ActorRef<StoreProtocol.Command> store = ClusterSingleton.get(ctx.getSystem()).init(
          SingletonActor.of(Behaviors.supervise(withControllers(apiStore, settings)).onFailure(SupervisorStrategy.restart()), "api-store")
              .withSettings(ClusterSingletonSettings.create(ctx.getSystem()).withRole(Replicator.ROLE)));
      ActorRef<KubeletReport> gateway = ctx.spawn(KubeletGateway.create(store), "kubelet-gateway");
      ActorRef<LeaseBook.Command> leases = ctx.spawn(LeaseBook.create(), "lease-book");
      ActorRef<ServiceFeed.Command> services = ctx.spawn(ServiceFeed.create(store, settings.proxyMinSyncPeriod()), "service-feed");
      ctx.spawn(Behaviors.supervise(OutboundTcpRelay.create()).onFailure(SupervisorStrategy.resume()), "outbound-tcp");
      for (String node : spec.nodes()) {
        ActorRef<NodeAgent.Command> agent = ctx.spawn(
            Behaviors.supervise(NodeAgent.create(settings.node(node, spec.name()), gateway,
                lease -> leases.tell(new LeaseBook.Publish(lease)))).onFailure(SupervisorStrategy.restart()),
            "node-" + node);
        leases.tell(new LeaseBook.Follow(agent));
        services.tell(new ServiceFeed.Follow(agent));
        if (node.equals(settings.entryNode())) {
          ActorRef<PortGateway.Command> ports = ctx.spawn(PortGateway.create(agent, spec.name(), node,
              settings.node(node, spec.name()).nodeIp(), spec.stateDir() == null ? null : new StateDir(spec.stateDir()),
              settings.dns().clusterDns(), settings.dnsPort()), "port-gateway");
          services.tell(new ServiceFeed.FollowGateway(ports));
          ctx.spawn(Behaviors.supervise(ExternalNetwork.create(settings.externalHosts(), settings.nodeNetwork()))
              .onFailure(SupervisorStrategy.restart()), "external-network");
        }
      }
      if (spec.controlPlane()) {
        ApiServer.start(ctx.getSystem(), store, spec.bind(), spec.apiPort(), spec.shareApiPort()).whenComplete((binding, error) -> {
          if (error != null) {
            apiPort.completeExceptionally(error);
          } else {
            apiPort.complete(binding.localAddress().getPort());
          }
        });
      } else {
        apiPort.complete(-1);
      }
      return Behaviors.empty();
    });
  }

  /** The store with the controller manager as its child: they run, and move on failover, together. */
  private static Behavior<StoreProtocol.Command> withControllers(Behavior<StoreProtocol.Command> store, ClusterSettings settings) {
    return Behaviors.setup(ctx -> {
      ctx.spawn(ControllerManager.create(ctx.getSelf(), settings.controllers()), "controllers");
      return store;
    });
  }
}
