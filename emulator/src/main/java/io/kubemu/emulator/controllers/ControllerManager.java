package io.kubemu.emulator.controllers;

import io.kubemu.emulator.controllers.daemonset.DaemonSetReconciler;
import io.kubemu.emulator.controllers.deployment.DeploymentReconciler;
import io.kubemu.emulator.controllers.endpointslice.EndpointSliceReconciler;
import io.kubemu.emulator.controllers.gc.GarbageCollector;
import io.kubemu.emulator.controllers.job.JobReconciler;
import io.kubemu.emulator.controllers.loadbalancer.AddressPool;
import io.kubemu.emulator.controllers.loadbalancer.LoadBalancerReconciler;
import io.kubemu.emulator.controllers.nodelifecycle.TaintEviction;
import io.kubemu.emulator.controllers.replicaset.ReplicaSetReconciler;
import io.kubemu.emulator.controllers.statefulset.StatefulSetReconciler;
import io.kubemu.emulator.controlplane.StoreProtocol;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * kube-controller-manager: one {@link Controller} actor per reconciler, each a child named after
 * its controller. It lives beside the API store in the control plane's singleton, so the
 * controllers move with the store when its host is lost and start again from a fresh watch.
 */
public final class ControllerManager {
  /** The kinds the garbage collector follows: every kind that owns or is owned. */
  public static final List<String> OWNED_KINDS = List.of("Pod", "ReplicaSet", "Deployment", "DaemonSet", "StatefulSet", "Job",
      "ConfigMap", "Secret", "ServiceAccount", "Service", "EndpointSlice");

  /**
   * What the controllers are given: how long pods stay on a node that stopped answering, the most
   * endpoints per EndpointSlice, and the addresses LoadBalancer Services get.
   */
  public record Settings(Duration podEvictionTimeout, int maxEndpointsPerSlice, AddressPool loadBalancerPool) {
    /** Kubernetes' defaults (300 s, 100), and no load balancer addresses. */
    public static final Settings DEFAULT = new Settings(Duration.ofMinutes(5), EndpointSliceReconciler.DEFAULT_MAX_ENDPOINTS, AddressPool.NONE);
  }

  private ControllerManager() {}

  public static List<Reconciler> reconcilers(Settings s) {
    return List.of(new DeploymentReconciler(), new ReplicaSetReconciler(), new DaemonSetReconciler(), new StatefulSetReconciler(),
        new JobReconciler(), new GarbageCollector(OWNED_KINDS), new TaintEviction(s.podEvictionTimeout()),
        new EndpointSliceReconciler(s.maxEndpointsPerSlice()), new LoadBalancerReconciler(s.loadBalancerPool()));
  }

  public static Behavior<Void> create(ActorRef<StoreProtocol.Command> store) {
    return create(store, Settings.DEFAULT);
  }

  public static Behavior<Void> create(ActorRef<StoreProtocol.Command> store, Settings settings) {
    return Behaviors.setup(ctx -> {
      for (Reconciler r : reconcilers(settings)) {
        ctx.spawn(Behaviors.supervise(Controller.create(r, store)).onFailure(SupervisorStrategy.restart()), r.name());
      }
      return Behaviors.empty();
    });
  }
}
