package io.kubemu.nodes.agent;

import io.kubemu.nodes.backend.CalicoBgp;
import io.kubemu.nodes.bgp.BgpSpeaker;
import io.kubemu.nodes.bgp.BgpStatus;
import io.kubemu.nodes.bgp.BgpSummary;
import io.kubemu.nodes.bgp.CalicoView;
import io.kubemu.nodes.bgp.PeerSpec;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.stack.NodeTcp;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.api.calico.BGPConfigurationSpec;
import io.kubemu.protocols.api.calico.BGPPeer;
import io.kubemu.protocols.api.calico.CidrBlock;
import io.kubemu.protocols.api.calico.IPPool;
import io.kubemu.protocols.api.calico.IPPoolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * calico-node on one node: the node's own TCP stack, the BGP speaker on it, and how the cluster's
 * state becomes the speaker's configuration, as confd turns the datastore into bird.cfg: the
 * node-to-node mesh with the other calico-bgp nodes unless the BGPConfiguration turns it off, the
 * sessions BGPPeers ask for (to nodes, route reflectors among them, or real routers), the AS
 * number, the route reflector cluster ID, and what the node originates (its IPAM blocks, and the
 * Service ranges the BGPConfiguration advertises). A node whose lease went (its JVM died) stays a
 * peer while its session is up: as with a real node that vanished, the session ends when its hold
 * timer expires, and only then are its routes withdrawn.
 */
final class NodeBgp {
  private final NodeConfig config;
  private final NodeTcp tcp;
  private final BgpSpeaker speaker;
  private final CalicoBgp backend;
  private final Map<String, NodeLease> known = new TreeMap<>();
  /** Known nodes whose lease went, kept while their session is up: the only ones a tick looks at. */
  private final Set<String> departed = new java.util.HashSet<>();
  private CalicoView view = CalicoView.EMPTY;
  private Set<Ipv4Cidr> blocks = Set.of();

  NodeBgp(NodeConfig config, NodeDataplane dp, CalicoBgp backend, TcpTimer.Scheduler timers, Ipv4Address gateway,
      BgpSpeaker.RealConnector real, java.util.concurrent.Executor afterQueued) {
    this.config = config;
    this.backend = backend;
    this.tcp = new NodeTcp(dp, timers);
    backend.gateway(gateway);
    this.speaker = new BgpSpeaker(config.name(), config.nodeIp(), config.bgp(), System::currentTimeMillis, tcp.tcp(), real,
        backend, afterQueued);
  }

  /** The prefixes the node's IPAM holds: its blocks and borrowed addresses. */
  void originate(Set<Ipv4Cidr> prefixes) {
    this.blocks = Set.copyOf(prefixes);
    speaker.originate(originated());
  }

  void peers(Map<String, NodeLease> leases) {
    leases.values().stream().filter(l -> !l.node().equals(config.name()) && CalicoBgp.NAME.equals(l.backend()))
        .forEach(l -> known.put(l.node(), l));
    departed.clear();
    for (String node : known.keySet()) {
      if (!leases.containsKey(node)) {
        departed.add(node);
      }
    }
    forgetGone();
    reconfigure();
  }

  /** Calico's resources changed: the speaker is reconfigured, sessions that stay the same stay up. */
  void calico(CalicoView next) {
    this.view = next;
    backend.pools(next.pools().stream().filter(p -> p.getSpec() != null && p.getSpec().getCidr() != null
        && !p.getSpec().getCidr().contains(":"))
        .map(p -> new CalicoBgp.Pool(Ipv4Cidr.parse(p.getSpec().getCidr()), mode(p.getSpec().getIpipMode()),
            mode(p.getSpec().getVxlanMode()))).toList());
    reconfigure();
    speaker.originate(originated());
  }

  private static String mode(String m) {
    return m == null ? IPPoolSpec.NEVER : m;
  }

  /** Drops nodes without a lease whose sessions are down; true when one went. */
  private boolean forgetGone() {
    boolean forgot = false;
    for (java.util.Iterator<String> it = departed.iterator(); it.hasNext(); ) {
      String node = it.next();
      if (!speaker.establishedWith(known.get(node).nodeIp())) {
        known.remove(node);
        it.remove();
        forgot = true;
      }
    }
    return forgot;
  }

  private void reconfigure() {
    String self = config.name();
    long asn = view.asNumber(self);
    Ipv4Address clusterId = ipv4(view.routeReflectorClusterId(self));
    // One session per emulated node, however many reasons there are for it (the mesh comes first, as in confd).
    Map<String, PeerSpec> peers = new LinkedHashMap<>();
    if (view.meshEnabled()) {
      for (NodeLease l : known.values()) {
        peers.put(l.nodeIp().toString(), PeerSpec.mesh(config.nodeIp(), l.nodeIp(), view.asNumber(l.node())));
      }
    }
    for (CalicoView.Peer p : view.peersOf(self)) {
      PeerSpec spec = p.isNode() ? nodePeer(p, clusterId) : routerPeer(p);
      if (spec != null) {
        peers.putIfAbsent(spec.real() ? spec.address() + ":" + spec.port() : spec.address().toString(), spec);
      }
    }
    List<PeerSpec> sorted = new ArrayList<>(peers.values());
    sorted.sort(java.util.Comparator.comparing(PeerSpec::name));
    speaker.configure(new BgpSpeaker.Setup(asn, clusterId, sorted, exportable()));
  }

  /** A session with another node (a route reflector, or this reflector's client), on its emulated address. */
  private PeerSpec nodePeer(CalicoView.Peer p, Ipv4Address clusterId) {
    NodeLease l = known.get(p.node());
    if (l == null) {
      return null;
    }
    boolean client = clusterId != null && !clusterId.equals(ipv4(view.routeReflectorClusterId(p.node())));
    return PeerSpec.configured(type(p), config.nodeIp(), l.nodeIp(), PeerSpec.BGP_PORT, p.asNumber(), client, false, null);
  }

  /** A session with a router outside kubemu, from this node's own loopback address (127.0.x.y for node IP a.b.x.y). */
  private PeerSpec routerPeer(CalicoView.Peer p) {
    Ipv4Address at = ipv4(p.address() == null ? "" : p.address().toString());
    if (at == null) {
      return null;
    }
    Ipv4Address source = Ipv4Address.parse("127.0.0.0").plus(config.nodeIp().unsigned() & 0xFFFF);
    return PeerSpec.configured(type(p), config.nodeIp(), at, p.port(), p.asNumber(), false, true, source);
  }

  /** calicoctl's PEER TYPE: "node specific" for a BGPPeer that names its node, else "global". */
  private String type(CalicoView.Peer p) {
    for (BGPPeer b : view.bgpPeers()) {
      if (b.getMetadata().getName().equals(p.bgpPeer()) && b.getSpec() != null && b.getSpec().getNode() != null
          && !b.getSpec().getNode().isEmpty()) {
        return PeerSpec.NODE_SPECIFIC;
      }
    }
    return PeerSpec.GLOBAL;
  }

  /** Learned routes that may be passed on: those inside the enabled, exported IP pools (the cluster CIDR without any). */
  private List<Ipv4Cidr> exportable() {
    List<Ipv4Cidr> out = new ArrayList<>();
    for (IPPool p : view.pools()) {
      IPPoolSpec s = p.getSpec();
      if (s != null && s.getCidr() != null && !s.getCidr().contains(":") && !Boolean.TRUE.equals(s.getDisableBGPExport())) {
        out.add(Ipv4Cidr.parse(s.getCidr()));
      }
    }
    return out.isEmpty() ? List.of(config.clusterCidr()) : out;
  }

  /** The node's blocks, and the Service ranges its BGPConfiguration advertises (serviceClusterIPs and the others). */
  private Set<Ipv4Cidr> originated() {
    Set<Ipv4Cidr> out = new TreeSet<>(blocks);
    BGPConfigurationSpec c = view.bgpConfiguration(config.name());
    for (List<CidrBlock> ranges : java.util.Arrays.asList(c.getServiceClusterIPs(), c.getServiceExternalIPs(),
        c.getServiceLoadBalancerIPs())) {
      if (ranges != null) {
        ranges.stream().map(CidrBlock::cidr).filter(r -> r != null && !r.contains(":")).map(Ipv4Cidr::parse).forEach(out::add);
      }
    }
    return out;
  }

  private static Ipv4Address ipv4(String text) {
    try {
      return text == null || text.isEmpty() ? null : Ipv4Address.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  void tick() {
    speaker.tick();
    if (forgetGone()) {
      reconfigure();
    }
  }

  void timer(TcpTimer timer) {
    tcp.tcp().onTimer(timer);
  }

  BgpSummary summary() {
    return speaker.summary();
  }

  BgpStatus status() {
    return speaker.status();
  }

  void shutdown() {
    speaker.shutdown();
  }
}
