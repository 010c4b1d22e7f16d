package io.kubemu.nodes.bgp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.kubemu.protocols.addr.IpAddress;
import io.kubemu.protocols.api.calico.AsNumber;
import io.kubemu.protocols.api.calico.BGPConfiguration;
import io.kubemu.protocols.api.calico.BGPConfigurationSpec;
import io.kubemu.protocols.api.calico.BGPPeer;
import io.kubemu.protocols.api.calico.BGPPeerSpec;
import io.kubemu.protocols.api.calico.CalicoSelector;
import io.kubemu.protocols.api.calico.IPPool;
import io.kubemu.protocols.api.calico.PeerAddress;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What Calico's BGP daemon (confd, for BIRD) reads from the API, for the nodes' BGP speakers: the IP pools,
 * the BGPConfigurations by name, the BGPPeers (both sorted by name), and every node's labels, annotations
 * and address, as Calico's Kubernetes datastore maps Nodes. Immutable in its collections; the objects in it
 * are shared by every node agent of a host and must not be changed.
 */
public final class CalicoView {
  public static final CalicoView EMPTY = new CalicoView(List.of(), Map.of(), List.of(), Map.of());
  /** The node annotation that makes a node a route reflector of that cluster ID (Calico's Kubernetes datastore). */
  public static final String ROUTE_REFLECTOR_CLUSTER_ID = "projectcalico.org/RouteReflectorClusterID";
  /** The node annotation with the node's own AS number, instead of the default one. */
  public static final String AS_NUMBER = "projectcalico.org/ASNumber";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One node as Calico sees it: its labels and annotations, and its address (null when it has none yet). */
  public record NodeMeta(Map<String, String> labels, Map<String, String> annotations, IpAddress address) {
    public NodeMeta {
      labels = Collections.unmodifiableMap(new TreeMap<>(labels));
      annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }
  }

  /**
   * One BGP session a node should have: with another Calico node ({@code node} set, its address when known,
   * its listen port) or with a router ({@code node} null, the peerIP's address and port); the peer's AS
   * number; and the BGPPeer that asked for it.
   */
  public record Peer(String node, IpAddress address, int port, long asNumber, boolean keepOriginalNextHop, String bgpPeer) {
    public boolean isNode() {
      return node != null;
    }
  }

  private final List<IPPool> pools;
  private final Map<String, BGPConfiguration> bgpConfigurations;
  private final List<BGPPeer> bgpPeers;
  private final Map<String, NodeMeta> nodes;
  /**
   * Each node's merged BGPConfiguration, made once per view: building one goes through JSON, and a
   * node asks for every peer's (its AS and port), a thousand at a time in a large mesh. The view is
   * shared by the agents of a host, hence a concurrent map; the specs in it must not be changed.
   */
  private final Map<String, BGPConfigurationSpec> merged = new ConcurrentHashMap<>();

  public CalicoView(List<IPPool> pools, Map<String, BGPConfiguration> bgpConfigurations, List<BGPPeer> bgpPeers,
      Map<String, NodeMeta> nodes) {
    this.pools = pools.stream().sorted(Comparator.comparing(CalicoView::name)).toList();
    this.bgpConfigurations = Collections.unmodifiableMap(new TreeMap<>(bgpConfigurations));
    this.bgpPeers = bgpPeers.stream().sorted(Comparator.comparing(CalicoView::name)).toList();
    this.nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
  }

  public List<IPPool> pools() {
    return pools;
  }

  public Map<String, BGPConfiguration> bgpConfigurations() {
    return bgpConfigurations;
  }

  public List<BGPPeer> bgpPeers() {
    return bgpPeers;
  }

  public Map<String, NodeMeta> nodes() {
    return nodes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalicoView v && pools.equals(v.pools) && bgpConfigurations.equals(v.bgpConfigurations)
        && bgpPeers.equals(v.bgpPeers) && nodes.equals(v.nodes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pools, bgpConfigurations, bgpPeers, nodes);
  }

  @Override
  public String toString() {
    return "CalicoView[pools=" + pools + ", bgpConfigurations=" + bgpConfigurations + ", bgpPeers=" + bgpPeers
        + ", nodes=" + nodes + "]";
  }

  /** The view of the objects a watch of the API holds: Nodes give their labels, annotations and InternalIP. */
  public static CalicoView of(List<IPPool> pools, List<BGPConfiguration> configurations, List<BGPPeer> peers, List<Node> nodes) {
    Map<String, BGPConfiguration> byName = new TreeMap<>();
    configurations.forEach(c -> byName.put(name(c), c));
    Map<String, NodeMeta> metas = new TreeMap<>();
    for (Node n : nodes) {
      IpAddress address = n.getStatus() == null || n.getStatus().getAddresses() == null ? null : n.getStatus().getAddresses().stream()
          .filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).map(CalicoView::parseOrNull)
          .filter(Objects::nonNull).findFirst().orElse(null);
      metas.put(n.getMetadata().getName(), new NodeMeta(orEmpty(n.getMetadata().getLabels()), orEmpty(n.getMetadata().getAnnotations()),
          address));
    }
    return new CalicoView(pools, byName, peers, metas);
  }

  /**
   * The BGP settings of {@code node}: its {@code node.<name>} configuration's fields over the
   * {@code default}'s, field by field, over Calico's defaults (mesh on, AS 64512, port 179, Info).
   * Made once per view and shared: not to be changed.
   */
  public BGPConfigurationSpec bgpConfiguration(String node) {
    // Nodes without a configuration of their own share the default's.
    String key = bgpConfigurations.containsKey(BGPConfiguration.NODE_PREFIX + node) ? node : "";
    return merged.computeIfAbsent(key, k -> merge(node));
  }

  private BGPConfigurationSpec merge(String node) {
    ObjectNode fields = JSON.createObjectNode();
    for (String name : List.of(BGPConfiguration.DEFAULT, BGPConfiguration.NODE_PREFIX + node)) {
      BGPConfiguration c = bgpConfigurations.get(name);
      if (c != null && c.getSpec() != null) {
        fields.setAll((ObjectNode) JSON.valueToTree(c.getSpec()));
      }
    }
    BGPConfigurationSpec spec = JSON.convertValue(fields, BGPConfigurationSpec.class);
    spec.setNodeToNodeMeshEnabled(spec.getNodeToNodeMeshEnabled() == null || spec.getNodeToNodeMeshEnabled());
    if (spec.getAsNumber() == null || spec.getAsNumber().value().isEmpty()) {
      spec.setAsNumber(AsNumber.of(BGPConfigurationSpec.DEFAULT_AS_NUMBER));
    }
    spec.setListenPort(spec.getListenPort() == null ? BGPConfigurationSpec.DEFAULT_LISTEN_PORT : spec.getListenPort());
    spec.setLogSeverityScreen(spec.getLogSeverityScreen() == null ? "Info" : spec.getLogSeverityScreen());
    return spec;
  }

  /** The AS number {@code node} speaks in: its own annotation's, else the default configuration's, else 64512. */
  public long asNumber(String node) {
    NodeMeta meta = nodes.get(node);
    String own = meta == null ? null : meta.annotations().get(AS_NUMBER);
    if (own != null && new AsNumber(own).value().isPresent()) {
      return new AsNumber(own).value().getAsLong();
    }
    return bgpConfiguration(node).getAsNumber().value().getAsLong();
  }

  /** Whether every node peers with every other (the default configuration's nodeToNodeMeshEnabled; true without one). */
  public boolean meshEnabled() {
    BGPConfiguration d = bgpConfigurations.get(BGPConfiguration.DEFAULT);
    Boolean mesh = d == null || d.getSpec() == null ? null : d.getSpec().getNodeToNodeMeshEnabled();
    return mesh == null || mesh;
  }

  /** The route reflector cluster ID of {@code node} (its annotation); empty when it is not a route reflector. */
  public String routeReflectorClusterId(String node) {
    NodeMeta meta = nodes.get(node);
    return meta == null ? "" : meta.annotations().getOrDefault(ROUTE_REFLECTOR_CLUSTER_ID, "");
  }

  /**
   * The sessions the BGPPeers give {@code node}, as confd computes them: those of the peers that select it
   * (node, nodeSelector, or all nodes when neither is set), to their peerIP or to the nodes of their
   * peerSelector; then the reverse ones, from the nodes a peerSelector (or a peerIP) picks back to the nodes
   * that peer with them, unless reversePeering is Manual. A session already there is not added again, and a
   * node never peers with itself. The full mesh is not among them: see {@link #meshEnabled()}.
   */
  public List<Peer> peersOf(String node) {
    Map<String, Peer> out = new LinkedHashMap<>();
    for (BGPPeer p : bgpPeers) {
      BGPPeerSpec spec = p.getSpec();
      if (spec != null && selectsLocal(spec).test(node)) {
        if (set(spec.getPeerSelector())) {
          nodesMatching(spec.getPeerSelector()).forEach(n -> add(out, node, nodePeer(n, spec, name(p))));
        } else if (set(spec.getPeerIP())) {
          add(out, node, routerPeer(spec, name(p)));
        }
      }
    }
    for (BGPPeer p : bgpPeers) {
      BGPPeerSpec spec = p.getSpec();
      if (spec != null && !"Manual".equals(spec.getReversePeering()) && pickedAsPeer(spec, node)) {
        nodes.keySet().stream().filter(selectsLocal(spec)).forEach(n -> add(out, node, nodePeer(n, spec, name(p))));
      }
    }
    return List.copyOf(out.values());
  }

  /** The nodes a BGPPeer makes peer: its node, its nodeSelector's, or all of them. */
  private Predicate<String> selectsLocal(BGPPeerSpec spec) {
    if (set(spec.getNode())) {
      return spec.getNode()::equals;
    }
    CalicoSelector s = selector(set(spec.getNodeSelector()) ? spec.getNodeSelector() : "all()");
    return n -> s.matches(labels(n));
  }

  /** Whether {@code node} is one a BGPPeer peers with: selected by its peerSelector, or at its peerIP in its AS. */
  private boolean pickedAsPeer(BGPPeerSpec spec, String node) {
    if (set(spec.getPeerSelector())) {
      return selector(spec.getPeerSelector()).matches(labels(node));
    }
    PeerAddress at = peerAddress(spec);
    NodeMeta meta = nodes.get(node);
    return at != null && meta != null && at.address().equals(meta.address()) && spec.getAsNumber() != null
        && spec.getAsNumber().value().isPresent() && spec.getAsNumber().value().getAsLong() == asNumber(node)
        && (at.port() == 0 || at.port() == bgpConfiguration(node).getListenPort());
  }

  private List<String> nodesMatching(String selector) {
    CalicoSelector s = selector(selector);
    return nodes.keySet().stream().filter(n -> s.matches(labels(n))).toList();
  }

  private Peer nodePeer(String node, BGPPeerSpec spec, String from) {
    NodeMeta meta = nodes.get(node);
    return new Peer(node, meta == null ? null : meta.address(), bgpConfiguration(node).getListenPort(), asNumber(node),
        Boolean.TRUE.equals(spec.getKeepOriginalNextHop()), from);
  }

  /** A router at peerIP, or the node that has that address; null when the peerIP or AS number do not parse. */
  private Peer routerPeer(BGPPeerSpec spec, String from) {
    PeerAddress at = peerAddress(spec);
    if (at == null || spec.getAsNumber() == null || spec.getAsNumber().value().isEmpty()) {
      return null;
    }
    String node = nodes.entrySet().stream().filter(e -> at.address().equals(e.getValue().address())).map(Map.Entry::getKey)
        .findFirst().orElse(null);
    int port = at.port() != 0 || node == null ? at.portOrDefault() : bgpConfiguration(node).getListenPort();
    return new Peer(node, at.address(), port, spec.getAsNumber().value().getAsLong(), Boolean.TRUE.equals(spec.getKeepOriginalNextHop()),
        from);
  }

  /** Adds a session unless it is with {@code self} or one to the same peer is there already (the first one wins). */
  private void add(Map<String, Peer> out, String self, Peer peer) {
    NodeMeta me = nodes.get(self);
    if (peer == null || self.equals(peer.node()) || (me != null && me.address() != null && me.address().equals(peer.address()))) {
      return;
    }
    out.putIfAbsent(peer.isNode() ? "node " + peer.node() : peer.address() + " " + peer.port(), peer);
  }

  private Map<String, String> labels(String node) {
    NodeMeta meta = nodes.get(node);
    return meta == null ? Map.of() : meta.labels();
  }

  /** A selector that validation let through; one that does not parse (it never should) selects nothing. */
  private static CalicoSelector selector(String text) {
    try {
      return CalicoSelector.parse(text);
    } catch (CalicoSelector.Invalid e) {
      return new CalicoSelector.Not(CalicoSelector.ALL);
    }
  }

  private static PeerAddress peerAddress(BGPPeerSpec spec) {
    try {
      return set(spec.getPeerIP()) ? PeerAddress.parse(spec.getPeerIP()) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static IpAddress parseOrNull(String text) {
    try {
      return IpAddress.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean set(String s) {
    return s != null && !s.isEmpty();
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  private static String name(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getName() == null ? "" : o.getMetadata().getName();
  }
}
