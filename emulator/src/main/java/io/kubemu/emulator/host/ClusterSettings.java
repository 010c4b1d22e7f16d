package io.kubemu.emulator.host;

import com.typesafe.config.Config;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controllers.loadbalancer.AddressPool;
import io.kubemu.emulator.controlplane.Addons;
import io.kubemu.emulator.controlplane.ServiceNetwork;
import io.kubemu.nodes.agent.NodeConfig;
import io.kubemu.nodes.agent.NodeDns;
import io.kubemu.nodes.backend.Backends;
import io.kubemu.nodes.backend.FlannelHostGw;
import io.kubemu.nodes.external.ExternalHost;
import io.kubemu.nodes.proxy.Proxiers;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.List;
import io.kubemu.nodes.bgp.BgpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.bgp.session.SessionConfig;

/**
 * The cluster-wide settings under {@code kubemu.cluster}, read once: the cluster CIDR and per-node
 * mask, the underlay network and its segments, the backend, the pod MTU, the lifecycle timings, where Services get
 * their addresses (service CIDR, load balancer pool), how many endpoints go in one EndpointSlice,
 * kube-proxy's mode, the add-ons the control plane creates, the emulated hosts beyond the node
 * network's gateway, and the kubelets' DNS settings.
 */
public record ClusterSettings(Ipv4Cidr clusterCidr, int nodeCidrMask, NodeSegments nodeSegments, String backend, int podMtu,
    Duration leaseRenewInterval, Duration nodeGracePeriod, Duration podEvictionTimeout, ServiceNetwork services,
    AddressPool loadBalancerPool, int maxEndpointsPerSlice, String proxyMode, Duration proxyMinSyncPeriod,
    String ipvsScheduler, String entryNode, boolean ingressNginx, List<ExternalHost> externalHosts, NodeDns dns,
    boolean coreDns, int dnsPort, BgpTimers bgp) {

  public static ClusterSettings from(Config config) {
    Config c = config.getConfig("kubemu.cluster");
    ClusterSettings s = new ClusterSettings(
        Ipv4Cidr.parse(c.getString("cluster-cidr")),
        c.getInt("node-cidr-mask-size"),
        new NodeSegments(Ipv4Cidr.parse(c.getString("node-network")), c.getInt("node-segments")),
        c.getString("backend"),
        c.getInt("pod-mtu"),
        c.getDuration("node-lease-renew-interval"),
        c.getDuration("node-monitor-grace-period"),
        c.getDuration("pod-eviction-timeout"),
        new ServiceNetwork(Ipv4Cidr.parse(c.getString("service-cidr"))),
        AddressPool.parse(c.getString("load-balancer-pool")),
        c.getInt("max-endpoints-per-slice"),
        c.getString("proxy.mode"),
        c.getDuration("proxy.min-sync-period"),
        c.getString("proxy.ipvs-scheduler"),
        c.getString("ports.entry-node"),
        c.getBoolean("addons.ingress-nginx"),
        ExternalHosts.read(c),
        DnsSettings.read(c, Ipv4Cidr.parse(c.getString("service-cidr"))),
        c.getBoolean("addons.coredns"),
        c.getInt("ports.dns"),
        bgpTimers(c));
    if (s.dnsPort() < 1 || s.dnsPort() > 65535) {
      throw new IllegalArgumentException("bad kubemu.cluster.ports.dns: " + s.dnsPort() + " (expected: a port, 1..65535)");
    }
    nodeIndex(s.entryNode());
    Backends.requireKnown(s.backend());
    requireOneSegmentForHostGw(s);
    Ipv4Cidr services = s.services().serviceCidr();
    for (Ipv4Cidr other : java.util.List.of(s.clusterCidr(), s.nodeNetwork())) {
      if (services.contains(other.network()) || other.contains(services.network())) {
        throw new IllegalArgumentException("bad kubemu.cluster.service-cidr: " + services + " overlaps " + other
            + " (expected: a range apart from the cluster CIDR and the node network; set kubemu.cluster.service-cidr)");
      }
    }
    if (s.maxEndpointsPerSlice() < 1 || s.maxEndpointsPerSlice() > 1000) {
      throw new IllegalArgumentException("bad kubemu.cluster.max-endpoints-per-slice: " + s.maxEndpointsPerSlice() + " (expected: 1..1000)");
    }
    if (!Proxiers.modes().contains(s.proxyMode())) {
      throw new IllegalArgumentException("bad kubemu.cluster.proxy.mode: " + s.proxyMode() + " (expected one of: "
          + String.join(", ", Proxiers.modes()) + ")");
    }
    if (!Proxiers.ipvsSchedulers().contains(s.ipvsScheduler())) {
      throw new IllegalArgumentException("bad kubemu.cluster.proxy.ipvs-scheduler: " + s.ipvsScheduler() + " (expected one of: "
          + String.join(", ", new java.util.TreeSet<>(Proxiers.ipvsSchedulers())) + ")");
    }
    if (s.nodeCidrMask() < s.clusterCidr().prefixLength() || s.nodeCidrMask() > 30) {
      throw new IllegalArgumentException("bad kubemu.cluster.node-cidr-mask-size: " + s.nodeCidrMask()
          + " (expected: " + s.clusterCidr().prefixLength() + "..30 for cluster CIDR " + s.clusterCidr() + ")");
    }
    ExternalHosts.requireOutside(s.externalHosts(), s.clusterCidr(), s.nodeNetwork(), services);
    return s;
  }

  /**
   * flanneld's host-gw refuses to start where a peer is not on its L2 network (its routes need the
   * peer as a next hop on eth0): so does a cluster whose nodes are on several segments, before any
   * host starts, rather than run with pod routes missing.
   */
  private static void requireOneSegmentForHostGw(ClusterSettings s) {
    int count = s.nodeSegments().count();
    if (FlannelHostGw.NAME.equals(s.backend()) && count > 1) {
      throw new IllegalArgumentException("bad " + NodeSegments.KEY + ": " + count + " with backend " + FlannelHostGw.NAME
          + " (expected: 1; host-gw needs every node on one L2 network, as flanneld does, and " + count
          + " segments put the nodes on " + count + " subnets joined by a router: " + s.nodeSegments().describe()
          + "; across segments use flannel-vxlan or calico-bgp)");
    }
  }

  /** The whole underlay, every segment in it. */
  public Ipv4Cidr nodeNetwork() {
    return nodeSegments.network();
  }

  /** {@code kubemu.cluster.bgp}: the speakers' hold time, keepalive and connect retry, checked as a session would. */
  private static BgpTimers bgpTimers(Config c) {
    BgpTimers t = new BgpTimers(c.getDuration("bgp.hold-time"), c.getDuration("bgp.keepalive-time"),
        c.getDuration("bgp.connect-retry"));
    try {
      new SessionConfig(64512, 64512, Ipv4Address.parse("10.0.0.1"), t.holdTime(), t.keepalive(), t.connectRetry());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad kubemu.cluster.bgp: " + e.getMessage());
    }
    return t;
  }

  /** The backend whose clusters get Calico's default IP pool. */
  public static final String CALICO_BGP = io.kubemu.nodes.backend.CalicoBgp.NAME;

  /**
   * The add-on manifests the control plane ensures ({@code kubemu.cluster.addons}), and with the
   * calico-bgp backend Calico's default IP pool over the cluster CIDR, as calico-node makes it.
   */
  public java.util.List<Addons.Addon> addons() {
    java.util.List<Addons.Addon> out = new java.util.ArrayList<>();
    if (CALICO_BGP.equals(backend)) {
      out.add(Addons.Addon.of(Addons.CALICO_IPPOOL, java.util.Map.of("CLUSTER_CIDR", clusterCidr.toString())));
    }
    if (coreDns) {
      out.add(Addons.Addon.of(Addons.COREDNS, java.util.Map.of("CLUSTER_DOMAIN", dns.clusterDomain(),
          "CLUSTER_DNS_IP", dns.clusterDns().toString())));
    }
    if (ingressNginx) {
      out.add(Addons.Addon.of(Addons.INGRESS_NGINX, java.util.Map.of()));
    }
    return out;
  }

  /** What the controllers are given. */
  public ControllerManager.Settings controllers() {
    return new ControllerManager.Settings(podEvictionTimeout, maxEndpointsPerSlice, loadBalancerPool);
  }

  /**
   * Node {@code wN}: index N-1 picks its pod CIDR (w1 gets 10.244.0.0/24), and its segment its
   * address and the subnet of its eth0 (with one segment, w1 is 172.18.0.2 on 172.18.0.0/16). An
   * address that a full segment cannot give, or that the load balancer pool holds, is refused.
   */
  public NodeConfig node(String name, String host) {
    int index = nodeIndex(name);
    if (index - 1 >= clusterCidr.subnetCount(nodeCidrMask)) {
      throw new IllegalArgumentException("node " + name + " has no pod CIDR: cluster CIDR " + clusterCidr + " holds only "
          + clusterCidr.subnetCount(nodeCidrMask) + " /" + nodeCidrMask + " blocks");
    }
    Ipv4Address ip = nodeSegments.address(index);
    if (loadBalancerPool.contains(ip)) {
      throw new IllegalArgumentException("node " + name + " has no address: " + ip + " is in kubemu.cluster.load-balancer-pool "
          + loadBalancerPool + " (expected: a pool apart from the node addresses, or fewer nodes)");
    }
    return new NodeConfig(name, host, ip, nodeSegments.segmentOf(index), clusterCidr.subnet(nodeCidrMask, index - 1),
        clusterCidr, backend, podMtu, leaseRenewInterval, proxyMode, ipvsScheduler, dns, bgp);
  }

  /** Refuses a cluster of nodes w1..w{@code count} that would not fit: each needs a pod CIDR and an address. */
  public void requireRoomFor(int count) {
    for (int i = 1; i <= count; i++) {
      node("w" + i, "h1");
    }
  }

  public static int nodeIndex(String name) {
    if (!name.matches("w[1-9][0-9]{0,5}")) {
      throw new IllegalArgumentException("bad node name: '" + name + "' (expected: w1, w2, ...)");
    }
    return Integer.parseInt(name.substring(1));
  }
}
