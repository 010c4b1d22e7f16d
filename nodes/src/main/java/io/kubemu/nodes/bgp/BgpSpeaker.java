package io.kubemu.nodes.bgp;

import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.session.SessionConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * A node's BGP speaker, as BIRD runs in calico-node: its neighbours (the mesh, or what BGPPeers
 * say), sessions over the node's own TCP on port 179, the routes it originates (its blocks), the
 * decision process, and exports by iBGP's rules with route reflection (RFC 4456) where the node has
 * a cluster ID. Every change of a best path goes to the {@link RouteSink}: the node's routing table.
 * Single-threaded: the node agent owns it and calls {@link #tick} about once a second.
 */
public final class BgpSpeaker implements BgpNeighbor.Speaker {
  /** Where best paths go: the kernel table (BIRD's kernel protocol). {@code best} null means no route. */
  public interface RouteSink {
    void route(Ipv4Cidr prefix, BgpPath best);
  }

  /** Opens real TCP connections to routers outside kubemu, through the host. */
  public interface RealConnector {
    /** Opens a connection for {@code neighbor}'s real peer; events come back through {@link RealTransport}. */
    void open(RealTransport transport);
  }

  /** What a speaker is told to be: its AS, its route-reflector cluster ID (null when it is none), its neighbours. */
  public record Setup(long asn, Ipv4Address clusterId, List<PeerSpec> peers, List<Ipv4Cidr> exportable) {
    public Setup {
      peers = List.copyOf(peers);
      exportable = List.copyOf(exportable);
    }
  }

  private final String node;
  private final Ipv4Address self;
  private final BgpTimers timers;
  private final LongSupplier clock;
  private final TcpEndpoints tcp;
  private final RealConnector real;
  private final RouteSink sink;
  private final BgpRib rib = new BgpRib();
  private final Map<String, BgpNeighbor> neighbors = new LinkedHashMap<>();
  private final Exports exports;
  private Setup setup = new Setup(BgpTimers.DEFAULT_ASN, null, List.of(), List.of());
  private Set<Ipv4Cidr> originated = Set.of();
  private final java.util.concurrent.Executor afterQueued;
  /** Prefixes whose best path changed since the last exports. */
  private Set<Ipv4Cidr> pending = new LinkedHashSet<>();
  private boolean stopping;
  private boolean exportsQueued;

  /**
   * {@code afterQueued} runs the exports of changed routes after the messages already waiting for the
   * node (the node agent tells itself): under load, a burst of UPDATEs in leaves as one write per
   * neighbour, as BIRD's exports batch while its sockets are busy; idle, they leave at once.
   */
  public BgpSpeaker(String node, Ipv4Address self, BgpTimers timers, LongSupplier clock, TcpEndpoints tcp,
      RealConnector real, RouteSink sink, java.util.concurrent.Executor afterQueued) {
    this.afterQueued = afterQueued;
    this.node = node;
    this.self = self;
    this.timers = timers;
    this.clock = clock;
    this.tcp = tcp;
    this.real = real;
    this.sink = sink;
    this.exports = new Exports(self, rib);
    tcp.listen(PeerSpec.BGP_PORT, 128, this::accept);
  }

  /** Whether a session with the emulated peer at {@code address} is Established. */
  public boolean establishedWith(Ipv4Address address) {
    return neighbors.values().stream().anyMatch(n -> !n.spec.real() && n.spec.address().equals(address) && n.established());
  }

  long now() {
    return clock.getAsLong();
  }

  /** Reconfigures (confd rewrote bird.cfg): neighbours that went or changed stop, new ones start; sessions that stay, stay. */
  public void configure(Setup next) {
    boolean policyChanged = next.asn() != setup.asn() || !Objects.equals(next.clusterId(), setup.clusterId())
        || !next.exportable().equals(setup.exportable());
    this.setup = next;
    Map<String, PeerSpec> wanted = new LinkedHashMap<>();
    next.peers().forEach(p -> wanted.put(p.name(), p));
    for (BgpNeighbor n : List.copyOf(neighbors.values())) {
      if (policyChanged || !n.spec.equals(wanted.get(n.spec.name()))) {
        neighbors.remove(n.spec.name());
        n.remove();
        withdrawFrom(n);
      }
    }
    for (PeerSpec p : wanted.values()) {
      if (!neighbors.containsKey(p.name())) {
        BgpNeighbor n = new BgpNeighbor(p, sessionConfig(p, next.asn()), this, clock);
        neighbors.put(p.name(), n);
        n.start();
      }
    }
  }

  private SessionConfig sessionConfig(PeerSpec p, long asn) {
    return new SessionConfig(asn, p.asn(), self, timers.holdTime(), timers.keepalive(), timers.connectRetry());
  }

  /** The prefixes this node originates: its blocks (and Service ranges, where configured). */
  public void originate(Set<Ipv4Cidr> prefixes) {
    Set<Ipv4Cidr> changed = new TreeSet<>();
    for (Ipv4Cidr gone : originated) {
      if (!prefixes.contains(gone) && rib.remove("static", gone)) {
        changed.add(gone);
      }
    }
    for (Ipv4Cidr p : prefixes) {
      if (!originated.contains(p) && rib.put(BgpPath.local(p, self, now()))) {
        changed.add(p);
      }
    }
    originated = Set.copyOf(prefixes);
    bestChanged(changed);
  }

  public void tick() {
    long now = now();
    for (BgpNeighbor n : List.copyOf(neighbors.values())) {
      n.poll(now);
    }
  }

  /** Stops every session with a Cease, as BIRD does when it shuts down. */
  public void shutdown() {
    stopping = true; // each session still ends with a Cease, but the node going away updates no table
    neighbors.values().forEach(BgpNeighbor::remove);
    neighbors.clear();
  }

  private io.kubemu.nodes.tcp.TcpHandler accept(TcpSocket socket) {
    for (BgpNeighbor n : neighbors.values()) {
      if (!n.spec.real() && n.spec.passive() && n.spec.address().equals(socket.remoteAddress())) {
        TcpTransport t = new TcpTransport(n, socket);
        if (n.attach(t)) {
          return t;
        }
        break;
      }
    }
    socket.abort(); // BIRD: "Unexpected connect from unknown address"
    return (s, d) -> { };
  }

  @Override
  public void connect(BgpNeighbor n) {
    if (n.spec.real()) {
      real.open(new RealTransport(n));
      return;
    }
    TcpTransport t = new TcpTransport(n);
    t.socket(tcp.connect(n.spec.address(), n.spec.port(), t));
  }

  @Override
  public void established(BgpNeighbor n) {
    exports.newPass(setup);
    exports.sendTable(n, setup);
  }

  @Override
  public void down(BgpNeighbor n, String reason) {
    if (!stopping) {
      withdrawFrom(n);
    }
  }

  private void withdrawFrom(BgpNeighbor n) {
    bestChanged(rib.removeAll(n.spec.name()));
  }

  @Override
  public void update(BgpNeighbor n, BgpUpdate u) {
    // A set only where a prefix could come twice: most UPDATEs carry one prefix and nothing withdrawn
    Collection<Ipv4Cidr> changed = u.withdrawn().isEmpty() && u.nlri().size() <= 1 ? new ArrayList<>(1)
        : new LinkedHashSet<>();
    for (Ipv4Cidr p : u.withdrawn()) {
      if (rib.remove(n.spec.name(), p)) {
        changed.add(p);
      }
    }
    BgpPath.Source from = n.source(setup.asn());
    for (BgpPath p : BgpPath.of(u, from)) {
      boolean loop = from.ibgp()
          ? self.equals(p.originatorId()) || setup.clusterId() != null && p.clusterList().contains(setup.clusterId())
          : p.asPath().contains(setup.asn());
      boolean changedHere = loop ? rib.remove(n.spec.name(), p.prefix()) : rib.put(p);
      if (changedHere) {
        changed.add(p.prefix());
      }
    }
    bestChanged(changed);
  }

  private void bestChanged(Collection<Ipv4Cidr> changed) {
    if (changed.isEmpty()) {
      return;
    }
    for (Ipv4Cidr p : changed) {
      BgpPath best = rib.best(p);
      sink.route(p, best == null || best.from().local() ? null : best);
    }
    pending.addAll(changed);
    if (!exportsQueued) {
      exportsQueued = true;
      afterQueued.execute(this::export);
    }
  }

  /** Tells every established neighbour what changed for the pending prefixes. */
  private void export() {
    exportsQueued = false;
    Set<Ipv4Cidr> changed = pending;
    pending = new LinkedHashSet<>();
    exports.newPass(setup);
    List<Exports.Change> changes = exports.changes(changed);
    for (BgpNeighbor n : neighbors.values()) {
      if (n.established()) {
        exports.sendAll(n, setup, changes);
      }
    }
  }

  /** Counts only, cheap enough to ask every node of a large cluster often: what a benchmark polls. */
  public BgpSummary summary() {
    int up = 0;
    long sent = 0;
    long received = 0;
    for (BgpNeighbor n : neighbors.values()) {
      up += n.established() ? 1 : 0;
      sent += n.messagesSent();
      received += n.messagesReceived();
    }
    return new BgpSummary(node, neighbors.size(), up, rib.size(), rib.pathCount(), sent, received);
  }

  /** What {@code kubemu bgp NODE} prints: the sessions, as calicoctl node status, and the table, as birdc show route. */
  public BgpStatus status() {
    List<BgpStatus.Peer> peers = new ArrayList<>();
    List<BgpNeighbor> sorted = new ArrayList<>(neighbors.values());
    sorted.sort(java.util.Comparator.comparing((BgpNeighbor n) -> n.spec.address()).thenComparing(n -> n.spec.port()));
    for (BgpNeighbor n : sorted) {
      peers.add(new BgpStatus.Peer(n.spec.name(), n.spec.address().toString(), n.spec.port(), n.spec.type(), n.spec.asn(),
          n.state().name(), n.since(), n.lastError(), rib.prefixesOf(n.spec.name()).size(), n.advertised.size(),
          n.messagesReceived(), n.messagesSent(), n.holdTime().toSeconds(), n.spec.rrClient()));
    }
    List<BgpStatus.Route> routes = new ArrayList<>();
    for (Ipv4Cidr prefix : rib.prefixes()) {
      boolean first = true;
      for (BgpPath p : rib.paths(prefix)) {
        routes.add(BgpStatus.Route.of(p, first));
        first = false;
      }
    }
    return new BgpStatus(node, self.toString(), setup.asn(), setup.clusterId() == null ? "" : setup.clusterId().toString(),
        peers, routes, new HashSet<>(originated).stream().map(Ipv4Cidr::toString).sorted().toList());
  }
}
