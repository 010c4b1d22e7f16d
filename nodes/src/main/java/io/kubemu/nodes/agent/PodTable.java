package io.kubemu.nodes.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.capture.CaptureBuffer;
import io.kubemu.nodes.ipam.PodIpam;
import io.kubemu.nodes.net.NetInterface;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.pod.ContainerState;
import io.kubemu.nodes.pod.PodActor;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.nodes.pod.PodNetConfig;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The pods running on one node, as the kubelet and the CNI plugin see them: each with its IP from
 * host-local IPAM, its veth on cni0 and its pod actor. Owned by the node agent.
 */
final class PodTable {
  private record Entry(Pod pod, String veth, Ipv4Address ip, ActorRef<PodActor.Command> actor) {}

  /** Pods being deleted: their containers are stopping (preStop, SIGTERM, the grace period). */
  private final java.util.Set<String> terminating = new java.util.HashSet<>();

  private final ActorContext<NodeAgent.Command> ctx;
  private final NodeConfig config;
  private final PodIpam ipam;
  /** Pods waiting for an address while the IPAM gets more (Calico claiming a block), in arrival order. */
  private final Map<String, Pod> waiting = new java.util.LinkedHashMap<>();
  private final NodeDataplane dp;
  private final ActorRef<KubeletReport> api;
  private final Supplier<Consumer<PodActor.StatusChanged>> statusTo;
  private final Map<String, Entry> byKey = new HashMap<>();
  private final Map<String, Entry> byVeth = new HashMap<>();
  private ClusterView view;
  /** Pods with a program that watches the cluster's objects, which {@link #cluster} keeps up to date. */
  private final java.util.Set<String> watching = new java.util.HashSet<>();
  private long instances;

  PodTable(ActorContext<NodeAgent.Command> ctx, NodeConfig config, PodIpam ipam, NodeDataplane dp,
      ActorRef<KubeletReport> api, Supplier<Consumer<PodActor.StatusChanged>> statusTo) {
    this.ctx = ctx;
    this.config = config;
    this.ipam = ipam;
    this.dp = dp;
    this.api = api;
    this.statusTo = statusTo;
  }

  int count() {
    return byKey.size();
  }

  void run(Pod pod) {
    String ns = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    String key = PodSpecs.key(ns, name);
    Entry existing = byKey.get(key);
    if (existing != null) {
      if (existing.pod().getMetadata().getUid() == null
          || existing.pod().getMetadata().getUid().equals(pod.getMetadata().getUid())) {
        return;
      }
      remove(key); // a new pod of the same name: the old one's sandbox goes at once
    }
    Optional<PodIpam.Lease> lease = ipam.allocate();
    if (lease.isEmpty()) {
      if (ipam.grow()) {
        waiting.put(key, pod);
      } else {
        failed(pod, ipam.exhaustedMessage());
      }
      return;
    }
    waiting.remove(key);
    Ipv4Address ip = lease.get().ip();
    String veth = "veth" + String.format("%08x", key.hashCode());
    dp.addVeth(veth);
    PodNetConfig net = new PodNetConfig(ip, MacAddress.local(0x42_0000_0000L | ip.unsigned()),
        lease.get().subnet(), lease.get().gateway(), config.clusterCidr(), config.podMtu());
    ActorRef<NodeAgent.Command> self = ctx.getSelf();
    String hostname = PodHosts.hostname(pod);
    // A program that throws is a bug in kubemu's app, not a reason to lose the pod: the pod goes
    // on (resume) and the error is logged. The name is unique per instance: a pod replaced by one
    // of the same name gets a new actor while the old one's name is still reserved.
    ActorRef<PodActor.Command> actor = ctx.spawn(
        Behaviors.supervise(PodActor.create(config.name(), key, hostname, PodSpecs.containers(pod), pod.getSpec().getRestartPolicy(),
            net, files(pod, key, ip, hostname), frame -> self.tell(new NodeAgent.FromPod(veth, frame)), statusTo.get()))
            .onFailure(SupervisorStrategy.resume()),
        "pod-" + ns + "-" + name + "-" + (++instances));
    Entry e = new Entry(pod, veth, ip, actor);
    byKey.put(key, e);
    byVeth.put(veth, e);
  }

  /** The sandbox could not be made: the pod stays Pending with the CNI plugin's error, as the kubelet reports it. */
  private void failed(Pod pod, String error) {
    String ns = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
    api.tell(new KubeletReport.PodStatusReport(ns, pod.getMetadata().getName(), pod.getMetadata().getUid(), config.name(),
        "Pending", null, "FailedCreatePodSandBox", "plugin type=\"" + ipam.plugin() + "\" failed (add): " + error, List.of()));
  }

  /** The IPAM has more addresses: the pods that waited for one start, in the order they came. */
  void addressesAvailable() {
    for (Pod pod : List.copyOf(waiting.values())) {
      waiting.remove(PodSpecs.key(pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace(),
          pod.getMetadata().getName()));
      run(pod);
    }
  }

  /** The IPAM can get no more: the pods that waited fail as the plugin fails. */
  void addressesExhausted(String error) {
    List<Pod> failed = List.copyOf(waiting.values());
    waiting.clear();
    failed.forEach(p -> failed(p, error));
  }

  /**
   * The files the kubelet writes into the pod's containers: its resolv.conf from the dnsPolicy and
   * dnsConfig, its hosts file. What the limits left out is logged, where the kubelet records an event.
   */
  private PodFiles files(Pod pod, String key, Ipv4Address ip, String hostname) {
    PodDns.Config dns = PodDns.of(pod, config.dns());
    dns.warnings().forEach(w -> ctx.getLog().warn("pod {} on node {}: {}", key, config.name(), w));
    String hosts = PodHosts.managedHostsFile(ip, hostname, PodHosts.hostDomain(pod, config.dns().clusterDomain()),
        pod.getSpec().getHostAliases());
    return new PodFiles(Map.of(PodFiles.RESOLV_CONF, dns.resolvConf(), PodFiles.HOSTS, hosts));
  }

  /**
   * The pod was deleted: its containers stop as the kubelet stops them (preStop hooks, SIGTERM,
   * SIGKILL after {@code graceSeconds}, or terminationGracePeriodSeconds when negative); once they
   * have, the pod goes ({@link #statusChanged}).
   * Until then it keeps its address and its network, so connections it has can finish.
   */
  void delete(String ns, String name, long graceSeconds) {
    String key = PodSpecs.key(ns, name);
    Entry e = byKey.get(key);
    if (e == null) {
      Pod parked = waiting.remove(key);
      if (parked != null) {
        api.tell(new KubeletReport.PodTerminated(ns, name, parked.getMetadata().getUid(), config.name()));
      }
      return;
    }
    java.time.Duration grace = graceSeconds < 0 ? PodSpecs.gracePeriod(e.pod()) : java.time.Duration.ofSeconds(graceSeconds);
    if (terminating.add(key) || graceSeconds >= 0) {
      e.actor().tell(new PodActor.Terminate(grace)); // a shorter grace period asked for later shortens it
    }
  }

  /** Stops the pod's actor, removes its veth, releases its address, and tells the API server it is gone. */
  private void remove(String key) {
    terminating.remove(key);
    watching.remove(key);
    Entry e = byKey.remove(key);
    if (e == null) {
      return;
    }
    String ns = e.pod().getMetadata().getNamespace() == null ? "default" : e.pod().getMetadata().getNamespace();
    String name = e.pod().getMetadata().getName();
    byVeth.remove(e.veth());
    ctx.stop(e.actor());
    dp.removeVeth(e.veth());
    ipam.release(e.ip());
    api.tell(new KubeletReport.PodTerminated(ns, name, e.pod().getMetadata().getUid(), config.name()));
  }

  /**
   * The cluster's objects changed: the pods whose programs watch them hear it (an ingress
   * controller, CoreDNS); the others, most pods, are not sent a message per change.
   */
  void cluster(ClusterView next) {
    view = next;
    watching.forEach(key -> byKey.get(key).actor().tell(new PodActor.ClusterChanged(next)));
  }

  ActorRef<PodActor.Command> actor(String ns, String name) {
    Entry e = byKey.get(PodSpecs.key(ns, name));
    return e == null ? null : e.actor();
  }

  void deliver(String veth, byte[] frame) {
    Entry e = byVeth.get(veth);
    if (e != null) {
      e.actor().tell(new PodActor.FrameIn(frame));
    }
  }

  void statusChanged(PodActor.StatusChanged s) {
    Entry e = byKey.get(s.podKey());
    if (e == null) {
      return;
    }
    if (s.stopped()) {
      remove(s.podKey());
      return;
    }
    if (!s.watchesCluster()) {
      watching.remove(s.podKey());
    } else if (watching.add(s.podKey()) && view != null) {
      e.actor().tell(new PodActor.ClusterChanged(view)); // what it missed before it said it watches
    }
    List<ContainerState> cs = s.containers();
    boolean allTerminated = !cs.isEmpty() && cs.stream().allMatch(c -> c.state().equals("terminated"));
    boolean anyRunning = cs.stream().anyMatch(ContainerState::running);
    String phase = allTerminated
        ? (cs.stream().allMatch(c -> c.exitCode() == 0) ? "Succeeded" : "Failed")
        : anyRunning || cs.stream().anyMatch(c -> c.restartCount() > 0) ? "Running" : "Pending";
    String ns = e.pod().getMetadata().getNamespace() == null ? "default" : e.pod().getMetadata().getNamespace();
    api.tell(new KubeletReport.PodStatusReport(ns, e.pod().getMetadata().getName(), e.pod().getMetadata().getUid(),
        config.name(), phase, e.ip().toString(), null, null, cs));
  }

  /** Starts a capture on a pod's interface (eth0 or lo); false after replying with an error. */
  boolean tap(String podKey, String iface, CaptureBuffer buffer, ActorRef<NodeAgent.CaptureResult> replyTo) {
    Entry e = byKey.get(podKey);
    if (e == null) {
      replyTo.tell(new NodeAgent.CaptureResult(new byte[0], 0, "pod " + podKey + " is not running on node " + config.name()));
      return false;
    }
    if (!iface.equals("eth0") && !iface.equals("lo")) {
      replyTo.tell(new NodeAgent.CaptureResult(new byte[0], 0, "pod " + podKey + " has no interface '" + iface + "' (interfaces: lo, eth0)"));
      return false;
    }
    e.actor().tell(new PodActor.WithStack(stack -> device(stack, iface).addTap(buffer)));
    return true;
  }

  void untap(String podKey, CaptureBuffer buffer, ActorRef<NodeAgent.CaptureResult> replyTo) {
    Entry e = byKey.get(podKey);
    if (e == null) {
      replyTo.tell(new NodeAgent.CaptureResult(buffer.toPcap(), buffer.packets(), null));
      return;
    }
    e.actor().tell(new PodActor.WithStack(stack -> {
      device(stack, buffer.iface()).removeTap(buffer);
      replyTo.tell(new NodeAgent.CaptureResult(buffer.toPcap(), buffer.packets(), null));
    }));
  }

  private static NetInterface device(PodStack stack, String iface) {
    return iface.equals("lo") ? stack.lo() : stack.eth0();
  }
}
