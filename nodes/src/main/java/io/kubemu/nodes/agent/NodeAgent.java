package io.kubemu.nodes.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.backend.Backend;
import io.kubemu.nodes.backend.CalicoBgp;
import io.kubemu.nodes.bgp.BgpStatus;
import io.kubemu.nodes.bgp.BgpSummary;
import io.kubemu.nodes.bgp.CalicoView;
import io.kubemu.nodes.bgp.OutboundTcp;
import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.ConntrackConfig;
import io.kubemu.nodes.external.ExternalLink;
import io.kubemu.nodes.external.ExternalNetwork;
import io.kubemu.nodes.gateway.GatewayEvent;
import io.kubemu.nodes.gateway.GatewayPort;
import io.kubemu.nodes.tcp.ActorTcpTimers;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.nodes.proxy.PodMasquerade;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.Proxiers;
import io.kubemu.nodes.proxy.ServiceNat;
import io.kubemu.nodes.backend.Backends;
import io.kubemu.nodes.capture.CaptureBuffer;
import io.kubemu.nodes.ipam.HostLocalIpam;
import io.kubemu.nodes.metrics.InterfaceStats;
import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.NetInterface;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.pod.ExecOutput;
import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.nodes.pod.PodActor;
import io.kubemu.protocols.ClusterMessage;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The node agent: the kubelet of one emulated node plus its dataplane. It runs the pods bound to
 * it (IPAM, veth, pod actors), carries their frames through the node's bridge, routes and backend,
 * exchanges underlay frames with other nodes' agents, programs peers from their leases, sends
 * what it routes beyond its gateway to the external network, and reports to the API server.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {
  public sealed interface Command {}

  /** A frame on the underlay from another node's eth0. */
  public record UnderlayFrame(byte[] frame) implements Command, ClusterMessage {}

  public record RunPod(String podJson) implements Command, ClusterMessage {}

  /** Stop the pod within {@code graceSeconds} (-1: its terminationGracePeriodSeconds). */
  public record DeletePod(String namespace, String name, long graceSeconds) implements Command, ClusterMessage {
    public DeletePod(String namespace, String name) {
      this(namespace, name, -1);
    }
  }

  public record ExecInPod(String namespace, String name, String container, List<String> argv, byte[] stdin,
      long timeoutMillis, ActorRef<ExecOutput> output, ActorRef<ExecResult> replyTo) implements Command, ClusterMessage {}

  /** Captures an interface of the node (pod empty) or of one of its pods for a while; replies with a pcap file. */
  public record Capture(String pod, String iface, long millis, ActorRef<CaptureResult> replyTo) implements Command, ClusterMessage {}

  public record CaptureResult(byte[] pcap, int packets, String error) implements ClusterMessage {}

  public record GetStats(ActorRef<NodeStats> replyTo) implements Command, ClusterMessage {}

  public record NodeStats(String node, List<InterfaceStats> interfaces, int pods) implements ClusterMessage {}

  /** Every Service port and its endpoints, from the host's watch of the API: kube-proxy's sync. */
  public record SyncServices(ProxyState state) implements Command {}

  /** The objects in-cluster controllers watch, from the host's watch of the API: handed to the pods. */
  public record SyncCluster(ClusterView view) implements Command {}

  /** Calico's IP pools, BGP configurations and peers, and the nodes' labels, from the host's watch of the API. */
  public record SyncCalico(CalicoView view) implements Command {}

  /** What this node's kube-proxy programmed, as its mode's tool prints it, and its conntrack table. */
  public record GetProxyRules(ActorRef<ProxyRules> replyTo) implements Command, ClusterMessage {}

  public record ProxyRules(String node, String mode, String rules, String conntrack) implements ClusterMessage {}

  /** A real client's connection enters the cluster here: from the host gateway to {@code address:port}. */
  public record GatewayConnect(long id, Ipv4Address address, int port, ActorRef<GatewayEvent> replyTo) implements Command {}

  /** Bytes from a real client, for its emulated connection; {@code replyTo} hears Written once they are taken. */
  public record GatewayWrite(long id, byte[] data, ActorRef<GatewayEvent> replyTo) implements Command {}

  /** The real client finished sending (FIN), or went away (RST). */
  public record GatewayEnd(long id, boolean abort) implements Command {}

  /** A real client's UDP datagram, of its flow {@code id}, for {@code address:port}; what comes back goes to {@code replyTo}. */
  public record GatewayDatagram(long id, Ipv4Address address, int port, byte[] payload, ActorRef<GatewayEvent> replyTo)
      implements Command {}

  /** A real client's UDP flow went idle: its gateway port closes. */
  public record GatewayFlowEnd(long id) implements Command {}

  private record GatewayTimer(TcpTimer timer) implements Command {}

  /**
   * Cuts ({@code up} false) or mends the underlay link from this node to node {@code peer}: what this
   * node sends there is lost, as on a pulled cable; cutting both ends partitions them. The answer
   * lists the nodes this one is cut off from, or says the peer is unknown.
   */
  public record SetLink(String peer, boolean up, ActorRef<LinkSet> replyTo) implements Command, ClusterMessage {}

  public record LinkSet(String node, List<String> cut, String error) implements ClusterMessage {}

  /** The BGP speaker's sessions and routes ({@code kubemu bgp NODE}); an error when the node runs no speaker. */
  public record GetBgpStatus(ActorRef<BgpReply> replyTo) implements Command, ClusterMessage {}

  public record BgpReply(BgpStatus status, String error) implements ClusterMessage {}

  /** The speaker in numbers; null summary when the node runs no speaker. */
  public record GetBgpSummary(ActorRef<BgpSummaryReply> replyTo) implements Command, ClusterMessage {}

  public record BgpSummaryReply(String node, BgpSummary summary) implements ClusterMessage {}

  private record BgpTcpTimer(TcpTimer timer) implements Command {}

  /** Work the agent queued for itself, to run after the messages already waiting (never leaves the JVM). */
  private record AfterQueued(Runnable step) implements Command {}

  /** The API server's answer to {@link KubeletReport.ClaimBlock}: a block with affinity for this node, or why none. */
  public record BlockClaimed(Ipv4Cidr block, String error) implements Command, ClusterMessage {}

  /** calico-ipam on another node found the pools full: it asks for an address of this node's blocks. */
  public record LendAddress(String borrower, ActorRef<Command> replyTo) implements Command, ClusterMessage {}

  /** The answer to {@link LendAddress}: an address, or null when this node has none to spare. */
  public record AddressLent(String lender, Ipv4Address ip) implements Command, ClusterMessage {}

  /** A borrowed address is free again (its pod went). */
  public record ReturnAddress(Ipv4Address ip) implements Command, ClusterMessage {}

  /** A receptionist listing: of the external network, or of the hosts' relays for real connections. */
  private record Listed(Receptionist.Listing listing) implements Command {}

  private record RelayEvent(OutboundTcp.Event event) implements Command {}

  /** The current set of node leases in the cluster. */
  public record PeersChanged(Map<String, NodeLease> leases) implements Command {}

  record FromPod(String veth, byte[] frame) implements Command {}

  private record PodStatus(PodActor.StatusChanged status) implements Command {}

  private record CaptureDone(long id, String pod, ActorRef<CaptureResult> replyTo) implements Command {}

  private record Heartbeat() implements Command {}

  private record Tick() implements Command {}

  private final NodeConfig config;
  private final ActorRef<KubeletReport> api;
  private final Consumer<NodeLease> publish;
  private final NodeDataplane dp;
  private final Backend backend;
  private final Map<String, NodeLease> peers = new HashMap<>();
  private final NodeWire wire;
  private final UnderlayLinks links;
  private final PodTable pods;
  private final Map<Long, CaptureBuffer> captures = new HashMap<>();
  private final GatewayPort gateway;
  private final ExternalLink external;
  /** calico-node, with the calico-bgp backend; null with Flannel's. */
  private final CalicoNode calico;
  private long nextCapture = 1;

  /** {@code publish} puts this node's lease where every node sees it (Distributed Data in a cluster). */
  public static Behavior<Command> create(NodeConfig config, ActorRef<KubeletReport> api, Consumer<NodeLease> publish) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new NodeAgent(ctx, timers, config, api, publish)));
  }

  private NodeAgent(ActorContext<Command> ctx, TimerScheduler<Command> timers, NodeConfig config,
      ActorRef<KubeletReport> api, Consumer<NodeLease> publish) {
    super(ctx);
    this.config = config;
    this.api = api;
    this.publish = publish;
    this.backend = Backends.create(config.backend(), config.nodeIp());
    this.links = new UnderlayLinks(config.name());
    this.wire = new NodeWire(config.nodeIp(), ctx.getSelf(), links, peers);
    this.dp = backend instanceof CalicoBgp
        ? new NodeDataplane(config.name(), config.nodeIp(), config.nodeNetwork(), CalicoBgp.POD_GATEWAY, CalicoNode.BRIDGE,
            backend, wire)
        : new NodeDataplane(config.name(), config.nodeIp(), config.nodeNetwork(), config.podCidr(), backend, wire);
    wire.attach(dp);
    Conntrack conntrack = new Conntrack(ConntrackConfig.KUBE_PROXY, System::nanoTime);
    dp.services(new ServiceNat(Proxiers.create(config.proxyMode(),
        new Proxiers.NodeSide(config.name(), config.nodeIp(), config.clusterCidr(), conntrack, config.ipvsScheduler())), conntrack,
        new PodMasquerade(config.clusterCidr())));
    this.external = new ExternalLink(ctx.getSelf());
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(ExternalNetwork.KEY,
        ctx.messageAdapter(Receptionist.Listing.class, Listed::new)));
    this.gateway = new GatewayPort(dp, config.nodeNetwork().address(1), new ActorTcpTimers<>(timers, GatewayTimer::new), external,
        wire);
    wire.attach(gateway);
    this.calico = backend instanceof CalicoBgp c ? new CalicoNode(config, dp, c, new CalicoNode.Wiring(ctx, timers,
        BgpTcpTimer::new, RelayEvent::new, Listed::new, AfterQueued::new, api, gateway.address(), () -> peers)) : null;
    this.pods = new PodTable(ctx, config, calico != null ? calico.ipam() : new HostLocalIpam(config.podCidr()), dp, api,
        this::statusAdapter);
    wire.attach(pods);
    NodeLease lease = lease();
    publish.accept(lease);
    api.tell(new KubeletReport.NodeRegistered(lease, ctx.getSelf()));
    if (calico != null) {
      calico.start(pods);
    }
    timers.startTimerWithFixedDelay(new Heartbeat(), config.leaseRenewInterval());
    timers.startTimerWithFixedDelay(new Tick(), Duration.ofSeconds(1));
  }

  private NodeLease lease() {
    return new NodeLease(config.name(), config.host(), config.nodeIp(), dp.eth0().mac(), config.podCidr(),
        backend.name(), backend.vtepMac(), getContext().getSelf());
  }

  private Consumer<PodActor.StatusChanged> statusAdapter() {
    ActorRef<Command> self = getContext().getSelf();
    return s -> self.tell(new PodStatus(s));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromPod.class, this::onFromPod)
        .onMessage(UnderlayFrame.class, this::onUnderlayFrame)
        .onMessage(RunPod.class, this::onRunPod)
        .onMessage(DeletePod.class, this::onDeletePod)
        .onMessage(ExecInPod.class, this::onExec)
        .onMessage(Capture.class, this::onCapture)
        .onMessage(CaptureDone.class, this::onCaptureDone)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(PeersChanged.class, this::onPeersChanged)
        .onMessage(SyncServices.class, this::onSyncServices)
        .onMessage(SyncCluster.class, m -> then(() -> pods.cluster(m.view())))
        .onMessage(SyncCalico.class, m -> calico(c -> c.view(m.view())))
        .onMessage(GetProxyRules.class, this::onGetProxyRules)
        .onMessage(GatewayConnect.class, m -> then(() -> gateway.connect(m.id(), m.address(), m.port(), m.replyTo()::tell)))
        .onMessage(GatewayWrite.class, m -> then(() -> gateway.write(m.id(), m.data(), m.replyTo()::tell)))
        .onMessage(GatewayEnd.class, m -> then(() -> gateway.end(m.id(), m.abort())))
        .onMessage(GatewayDatagram.class, m -> then(() -> gateway.datagram(m.id(), m.address(), m.port(), m.payload(), m.replyTo()::tell)))
        .onMessage(GatewayFlowEnd.class, m -> then(() -> gateway.flowEnd(m.id())))
        .onMessage(GatewayTimer.class, m -> then(() -> gateway.timer(m.timer())))
        .onMessage(Listed.class, this::onListed)
        .onMessage(GetBgpStatus.class, this::onGetBgpStatus)
        .onMessage(SetLink.class, m -> then(() -> m.replyTo().tell(links.set(m.peer(), m.up(), peers))))
        .onMessage(GetBgpSummary.class, m -> then(() -> m.replyTo().tell(new BgpSummaryReply(config.name(),
            calico == null ? null : calico.summary()))))
        .onMessage(BgpTcpTimer.class, m -> calico(c -> c.tcpTimer(m.timer())))
        .onMessage(AfterQueued.class, m -> then(m.step()))
        .onMessage(RelayEvent.class, m -> calico(c -> c.relayEvent(m.event())))
        .onMessage(BlockClaimed.class, m -> calico(c -> c.ipam().claimed(m.block(), m.error())))
        .onMessage(LendAddress.class, m -> then(() -> m.replyTo().tell(new AddressLent(config.name(),
            calico == null ? null : calico.ipam().lend(m.borrower())))))
        .onMessage(AddressLent.class, m -> calico(c -> c.ipam().lent(m.lender(), m.ip())))
        .onMessage(ReturnAddress.class, m -> calico(c -> c.ipam().returned(m.ip())))
        .onMessage(PodStatus.class, this::onPodStatus)
        .onMessage(Heartbeat.class, this::onHeartbeat)
        .onMessage(Tick.class, this::onTick)
        .onSignal(PostStop.class, this::onPostStop)
        .build();
  }

  /** A step for calico-node; with Flannel's backends there is none, and the message is ignored. */
  private Behavior<Command> calico(java.util.function.Consumer<CalicoNode> step) {
    if (calico != null) {
      step.accept(calico);
    }
    return this;
  }

  /** An actor has one adapter per message class, so both subscriptions' listings come here, told apart by key. */
  private Behavior<Command> onListed(Listed m) {
    if (m.listing().isForKey(OutboundTcp.KEY)) {
      calico(c -> c.relayListed(m.listing()));
    } else {
      external.listed(m.listing());
    }
    return this;
  }

  private Behavior<Command> onFromPod(FromPod m) {
    try {
      dp.fromPod(m.veth(), m.frame());
    } catch (RuntimeException e) {
      dropUnexpected(e);
    }
    return this;
  }

  private Behavior<Command> onUnderlayFrame(UnderlayFrame m) {
    try {
      dp.fromUnderlay(m.frame() == null ? new byte[0] : m.frame());
    } catch (RuntimeException e) {
      dropUnexpected(e);
    }
    return this;
  }

  /** The dataplane drops bad frames itself; anything else it throws is a bug, but a packet never takes the node down. */
  private void dropUnexpected(RuntimeException e) {
    dp.eth0().dropped(DropReason.MALFORMED);
    getContext().getLog().error("node {} dropped a frame after an unexpected error", config.name(), e);
  }

  private Behavior<Command> onRunPod(RunPod m) {
    Pod pod;
    try {
      pod = PodSpecs.parse(m.podJson());
    } catch (IllegalArgumentException e) {
      getContext().getLog().warn("node {} ignored a pod it cannot read: {}", config.name(), e.getMessage());
      return this;
    }
    pods.run(pod);
    return this;
  }

  private Behavior<Command> onDeletePod(DeletePod m) {
    pods.delete(m.namespace(), m.name(), m.graceSeconds());
    return this;
  }

  private Behavior<Command> onExec(ExecInPod m) {
    ActorRef<PodActor.Command> pod = pods.actor(m.namespace(), m.name());
    if (pod == null) {
      m.replyTo().tell(new ExecResult("", "error: pod " + m.name() + " is not running on node " + config.name() + "\n", 1));
    } else {
      pod.tell(new PodActor.Exec(m.container(), m.argv(), m.stdin(), Duration.ofMillis(m.timeoutMillis()), m.output(), m.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onCapture(Capture m) {
    long id = nextCapture++;
    CaptureBuffer buffer = new CaptureBuffer(id, m.iface(), 64L << 20);
    if (m.pod() == null || m.pod().isEmpty()) {
      NetInterface dev = dp.device(m.iface());
      if (dev == null) {
        m.replyTo().tell(new CaptureResult(new byte[0], 0, "node " + config.name() + " has no interface '" + m.iface()
            + "' (interfaces: " + String.join(", ", dp.devices().keySet()) + ")"));
        return this;
      }
      dev.addTap(buffer);
    } else if (!pods.tap(m.pod(), m.iface(), buffer, m.replyTo())) {
      return this;
    }
    captures.put(id, buffer);
    getContext().scheduleOnce(Duration.ofMillis(m.millis()), getContext().getSelf(), new CaptureDone(id, m.pod(), m.replyTo()));
    return this;
  }

  private Behavior<Command> onCaptureDone(CaptureDone m) {
    CaptureBuffer buffer = captures.remove(m.id());
    if (m.pod() == null || m.pod().isEmpty()) {
      NetInterface dev = dp.device(buffer.iface());
      if (dev != null) {
        dev.removeTap(buffer);
      }
      m.replyTo().tell(new CaptureResult(buffer.toPcap(), buffer.packets(), null));
    } else {
      pods.untap(m.pod(), buffer, m.replyTo());
    }
    return this;
  }

  private Behavior<Command> onGetStats(GetStats m) {
    List<InterfaceStats> stats = List.copyOf(dp.devices().values().stream().map(NetInterface::stats).toList());
    m.replyTo().tell(new NodeStats(config.name(), stats, pods.count()));
    return this;
  }

  /** Runs a step that needs nothing but the agent's state, and stays this behaviour. */
  private Behavior<Command> then(Runnable step) {
    step.run();
    return this;
  }

  private Behavior<Command> onSyncServices(SyncServices m) {
    dp.services().sync(m.state());
    return this;
  }

  private Behavior<Command> onGetProxyRules(GetProxyRules m) {
    ServiceNat nat = dp.services();
    m.replyTo().tell(new ProxyRules(config.name(), nat.proxier().mode(), nat.show(), nat.conntrack().show()));
    return this;
  }

  private Behavior<Command> onPeersChanged(PeersChanged m) {
    for (NodeLease old : List.copyOf(peers.values())) {
      if (!m.leases().containsKey(old.node()) || !m.leases().get(old.node()).equals(old)) {
        backend.peerDown(old, dp);
        dp.neighbors("eth0").remove(old.nodeIp());
        wire.remove(old.nodeIp());
        peers.remove(old.node());
      }
    }
    m.leases().forEach((name, lease) -> {
      if (!peers.containsKey(name)) {
        peers.put(name, lease);
        wire.add(lease);
        if (config.nodeNetwork().contains(lease.nodeIp())) {
          dp.neighbors("eth0").addPermanent(lease.nodeIp(), lease.nodeMac()); // others are behind the gateway
        }
        if (!name.equals(config.name())) {
          backend.peerUp(lease, dp);
        }
      }
    });
    if (!m.leases().containsKey(config.name())) {
      publish.accept(lease());
    }
    if (calico != null) {
      calico.peers(m.leases());
    }
    return this;
  }

  private Behavior<Command> onPodStatus(PodStatus m) {
    pods.statusChanged(m.status());
    return this;
  }

  private Behavior<Command> onHeartbeat(Heartbeat m) {
    api.tell(new KubeletReport.NodeHeartbeat(lease(), System.currentTimeMillis()));
    return this;
  }

  private Behavior<Command> onTick(Tick m) {
    dp.tick();
    if (calico != null) {
      calico.tick();
    }
    return this;
  }

  private Behavior<Command> onGetBgpStatus(GetBgpStatus m) {
    m.replyTo().tell(calico == null
        ? new BgpReply(null, "node " + config.name() + " runs no BGP speaker: its backend is " + backend.name()
            + " (start the cluster with --cni calico-bgp)")
        : new BgpReply(calico.status(), null));
    return this;
  }

  /** The node stops (deleted, or its host shuts down): its speaker says Cease to every peer, as BIRD does when stopped. */
  private Behavior<Command> onPostStop(PostStop s) {
    if (calico != null) {
      calico.shutdown();
    }
    return this;
  }
}
