package io.kubemu.emulator.gateway;

import io.kubemu.emulator.state.PortRecord;
import io.kubemu.emulator.state.StateDir;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.ServiceInfo;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * The real ports of NodePort and LoadBalancer Services, as kind's port mappings give them: a TCP
 * listener (or a UDP socket, for UDP ports: {@link UdpRelay}) on 127.0.0.1 per node port (on the
 * node port's own number) and per load-balancer address and port (on the Service's port), a free
 * port when that one is taken. A real
 * client's connection enters the cluster at the entry node's host gateway, addressed to that
 * node's IP and node port (or to the load-balancer IP, which kube-proxy catches as MetalLB's L2
 * mode brings it to a node). The cluster DNS Service's port 53 gets one too, UDP and TCP, entering
 * as queries to its cluster IP. The mapping is written to the state folder for {@code kubemu status}.
 */
public final class PortGateway extends AbstractBehavior<PortGateway.Command> {
  public sealed interface Command {}

  /** The Services as kube-proxy sees them, from the host's ServiceFeed. */
  public record Sync(ProxyState state) implements Command {}

  private record Bound(Entry entry, Tcp.ServerBinding binding) implements Command {}

  private record BindFailed(Entry entry, int port, Throwable error) implements Command {}

  /** One real port to be: what it serves, over which protocol (tcp, udp), where it enters, the port it asks for. */
  record Entry(String kind, String service, String proto, Ipv4Address target, int targetPort, int requested) {
    String key() {
      return kind + " " + proto + " " + target + ":" + targetPort;
    }
  }

  private static final AtomicLong CONNECTIONS = new AtomicLong();
  private static final Duration WRITE_WITHIN = Duration.ofSeconds(30);

  private final ActorRef<NodeAgent.Command> agent;
  private final String host;
  private final String node;
  private final Ipv4Address nodeIp;
  private final StateDir state;
  private final Ipv4Address clusterDns;
  private final int dnsPort;
  private final Map<String, Entry> wanted = new LinkedHashMap<>();
  private final Map<String, Tcp.ServerBinding> bound = new HashMap<>();
  private final Map<String, ActorRef<UdpRelay.Command>> relays = new HashMap<>();
  private final Map<String, Integer> ports = new HashMap<>();

  /** Without a cluster DNS port. */
  public static Behavior<Command> create(ActorRef<NodeAgent.Command> agent, String host, String node, Ipv4Address nodeIp,
      StateDir state) {
    return create(agent, host, node, nodeIp, state, null, 0);
  }

  /** {@code clusterDns}: the cluster DNS Service's address, whose port 53 gets real port {@code dnsPort} (UDP and TCP). */
  public static Behavior<Command> create(ActorRef<NodeAgent.Command> agent, String host, String node, Ipv4Address nodeIp,
      StateDir state, Ipv4Address clusterDns, int dnsPort) {
    return Behaviors.setup(ctx -> new PortGateway(ctx, agent, host, node, nodeIp, state, clusterDns, dnsPort));
  }

  private PortGateway(ActorContext<Command> ctx, ActorRef<NodeAgent.Command> agent, String host, String node, Ipv4Address nodeIp,
      StateDir state, Ipv4Address clusterDns, int dnsPort) {
    super(ctx);
    this.clusterDns = clusterDns;
    this.dnsPort = dnsPort;
    this.agent = agent;
    this.host = host;
    this.node = node;
    this.nodeIp = nodeIp;
    this.state = state;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Sync.class, this::onSync)
        .onMessage(Bound.class, this::onBound)
        .onMessage(BindFailed.class, this::onBindFailed)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, s -> {
          bound.values().forEach(Tcp.ServerBinding::unbind);
          return this;
        })
        .build();
  }

  private Behavior<Command> onSync(Sync m) {
    Map<String, Entry> next = new LinkedHashMap<>();
    for (ServiceInfo s : m.state().services().values()) {
      if (!s.proto().equals("tcp") && !s.proto().equals("udp")) {
        continue; // SCTP stays inside the cluster
      }
      if (s.nodePort() > 0) {
        Entry e = new Entry("nodeport", s.name().toString(), s.proto(), nodeIp, s.nodePort(), s.nodePort());
        next.put(e.key(), e);
      }
      for (Ipv4Address ip : s.loadBalancerIps()) {
        Entry e = new Entry("loadbalancer", s.name().toString(), s.proto(), ip, s.port(), s.port());
        next.put(e.key(), e);
      }
      if (clusterDns != null && clusterDns.equals(s.clusterIp()) && s.port() == 53) {
        // the cluster DNS from the host, as with a route to the service CIDR via the entry node
        Entry e = new Entry("dns", s.name().toString(), s.proto(), s.clusterIp(), 53, dnsPort);
        next.put(e.key(), e);
      }
    }
    for (String gone : new ArrayList<>(wanted.keySet())) {
      if (!next.containsKey(gone)) {
        wanted.remove(gone);
        ports.remove(gone);
        Optional.ofNullable(bound.remove(gone)).ifPresent(Tcp.ServerBinding::unbind);
        Optional.ofNullable(relays.remove(gone)).ifPresent(getContext()::stop);
      }
    }
    next.forEach((key, e) -> {
      if (!wanted.containsKey(key)) {
        wanted.put(key, e);
        bind(e, e.requested() < 1024 ? 0 : e.requested());
      }
    });
    record();
    return this;
  }

  private void bind(Entry e, int port) {
    if (e.proto().equals("udp")) {
      bindUdp(e, port);
      return;
    }
    ActorSystem<?> system = getContext().getSystem();
    Materializer mat = Materializer.matFromSystem(getContext().getSystem());
    ActorRef<NodeAgent.Command> to = agent;
    getContext().pipeToSelf(
        Tcp.get(getContext().getSystem()).bind("127.0.0.1", port, 100, List.of(), true, Optional.empty())
            .to(Sink.foreach(c -> connect(system, mat, to, e, c))).run(mat),
        (binding, error) -> error == null ? new Bound(e, binding) : new BindFailed(e, port, error));
  }

  /** A UDP port is opened at once (a free one when {@code port} is taken), with its relay. */
  private void bindUdp(Entry e, int port) {
    java.nio.channels.DatagramChannel channel;
    try {
      channel = UdpRelay.open(port);
    } catch (java.io.IOException taken) {
      if (port == 0) {
        getContext().getLog().warn("cannot open a real UDP port for {} {}: {}", e.kind(), e.service(), taken.getMessage());
        return;
      }
      bindUdp(e, 0);
      return;
    }
    relays.put(e.key(), getContext().spawnAnonymous(UdpRelay.create(channel, agent, e.target(), e.targetPort())));
    ports.put(e.key(), ((java.net.InetSocketAddress) channelAddress(channel)).getPort());
  }

  private static java.net.SocketAddress channelAddress(java.nio.channels.DatagramChannel channel) {
    try {
      return channel.getLocalAddress();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One real connection: a bridge actor, the client's bytes asked through it one chunk at a time, the replies queued back. */
  private static void connect(ActorSystem<?> system, Materializer mat, ActorRef<NodeAgent.Command> agent, Entry e,
      Tcp.IncomingConnection c) {
    long id = CONNECTIONS.incrementAndGet();
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> out = Source.<ByteString>queue(1024).preMaterialize(mat);
    ActorRef<GatewayBridge.Command> bridge = system.systemActorOf(
        GatewayBridge.create(agent, id, e.target(), e.targetPort(), out.first()), "gateway-" + id, Props.empty());
    Sink<ByteString, NotUsed> in = Flow.<ByteString>create()
        .mapAsync(1, bytes -> AskPattern.<GatewayBridge.Command, Done>ask(bridge,
            r -> new GatewayBridge.FromClient(bytes, r), WRITE_WITHIN, system.scheduler()))
        .to(Sink.onComplete(t -> bridge.tell(new GatewayBridge.ClientEnded(t.isSuccess()))));
    c.handleWith(Flow.fromSinkAndSource(in, out.second()), mat);
  }

  private Behavior<Command> onBound(Bound m) {
    if (!wanted.containsKey(m.entry().key())) {
      m.binding().unbind(); // the Service went while the port was being opened
      return this;
    }
    bound.put(m.entry().key(), m.binding());
    ports.put(m.entry().key(), m.binding().localAddress().getPort());
    record();
    return this;
  }

  private Behavior<Command> onBindFailed(BindFailed m) {
    if (m.port() != 0 && wanted.containsKey(m.entry().key())) {
      bind(m.entry(), 0); // taken: a free port instead, as status will say
    } else {
      getContext().getLog().warn("cannot open a real port for {} {}: {}", m.entry().kind(), m.entry().service(), m.error().getMessage());
    }
    return this;
  }

  private void record() {
    if (state == null) {
      return;
    }
    List<PortRecord> records = new ArrayList<>();
    wanted.forEach((key, e) -> {
      Integer port = ports.get(key);
      if (port != null) {
        records.add(new PortRecord(e.kind(), e.service(), host, port, node, e.target() + ":" + e.targetPort(), e.requested(),
            e.proto()));
      }
    });
    state.writePorts(host, records);
  }
}
