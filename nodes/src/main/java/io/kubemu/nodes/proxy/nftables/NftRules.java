package io.kubemu.nodes.proxy.nftables;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.ServiceInfo;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The table kube-proxy's nftables mode writes for a node (syncProxyRules in
 * pkg/proxy/nftables/proxier.go): verdict maps from address, protocol and port to a service
 * chain; a service chain that marks off-cluster traffic for masquerade and picks an endpoint with
 * numgen; endpoint chains that mark hairpin traffic and DNAT; external chains for node ports,
 * external and load-balancer IPs; maps that reject traffic to Services without endpoints; and,
 * unlike iptables mode, a reject for cluster IPs on ports no Service has.
 */
final class NftRules {
  private static final Comparator<EndpointInfo> BY_ADDRESS = Comparator
      .comparing((EndpointInfo e) -> e.ip().bits() & 0xFFFFFFFFL).thenComparingInt(EndpointInfo::port);
  private static final String MASQ = "mark-for-masquerade";

  private final NftTable table = new NftTable();
  private final Ipv4Cidr clusterCidr;
  private final String node;

  private NftRules(Ipv4Cidr clusterCidr, String node) {
    this.clusterCidr = clusterCidr;
    this.node = node;
  }

  static NftTable build(ProxyState state, Ipv4Cidr clusterCidr, String node, Ipv4Address nodeIp) {
    NftRules r = new NftRules(clusterCidr, node);
    r.fixed(nodeIp);
    state.services().values().forEach(s -> r.service(state, s));
    return r.table;
  }

  private void fixed(Ipv4Address nodeIp) {
    table.set("cluster-ips", "ipv4_addr", "Active ClusterIPs", 0);
    table.set("nodeport-ips", "ipv4_addr", "IPs that accept NodePort traffic", 0);
    table.sets.get("nodeport-ips").elements().add(nodeIp.toString());
    table.map("no-endpoint-services", "ipv4_addr . inet_proto . inet_service : verdict",
        "vmap to drop or reject packets to services with no endpoints");
    table.map("no-endpoint-nodeports", "inet_proto . inet_service : verdict",
        "vmap to drop or reject packets to service nodeports with no endpoints");
    table.map("service-ips", "ipv4_addr . inet_proto . inet_service : verdict", "ClusterIP, ExternalIP and LoadBalancer IP traffic");
    table.map("service-nodeports", "inet_proto . inet_service : verdict", "NodePort traffic");
    table.baseChain("filter-input", "type filter hook input priority -110; policy accept;");
    table.add("filter-input", new Stmt.Jump("nodeport-endpoints-check", true));
    table.add("filter-input", new Stmt.Jump("service-endpoints-check", true));
    for (String hook : List.of("forward", "output")) {
      table.baseChain("filter-" + hook, "type filter hook " + hook + " priority -110; policy accept;");
      table.add("filter-" + hook, new Stmt.Jump("service-endpoints-check", true));
      table.add("filter-" + hook, new Stmt.Jump("cluster-ips-check", true));
    }
    table.baseChain("nat-prerouting", "type nat hook prerouting priority dstnat; policy accept;");
    table.add("nat-prerouting", new Stmt.Jump("services", false));
    table.baseChain("nat-output", "type nat hook output priority -100; policy accept;");
    table.add("nat-output", new Stmt.Jump("services", false));
    table.baseChain("nat-postrouting", "type nat hook postrouting priority srcnat; policy accept;");
    table.add("nat-postrouting", new Stmt.Jump("masquerading", false));
    table.add("service-endpoints-check", new Stmt.ServiceVmap("no-endpoint-services"));
    table.add("nodeport-endpoints-check", new Stmt.NodePortVmap("no-endpoint-nodeports"));
    table.add("cluster-ips-check", new Stmt.RejectClusterIps());
    table.add("reject-chain", new Stmt.Reject());
    table.add(MASQ, new Stmt.Mark("or"));
    table.add("masquerading", new Stmt.Mark("return"));
    table.add("masquerading", new Stmt.Mark("xor"));
    table.add("masquerading", new Stmt.Masquerade());
    table.add("services", new Stmt.ServiceVmap("service-ips"));
    table.add("services", new Stmt.NodePortVmap("service-nodeports"));
  }

  private void service(ProxyState state, ServiceInfo s) {
    String base = ChainNames.base(s);
    String name = s.name().toString();
    List<EndpointInfo> cluster = state.clusterEndpoints(s.name()).stream().sorted(BY_ADDRESS).toList();
    List<EndpointInfo> local = state.localEndpoints(s.name(), node).stream().sorted(BY_ADDRESS).toList();
    String svc = "service-" + ChainNames.hashed(base);
    String loc = "local-" + ChainNames.hashed(base);
    String ext = "external-" + ChainNames.hashed(base);
    table.sets.get("cluster-ips").elements().add(s.clusterIp().toString());
    String clusterKey = s.clusterIp() + " . " + s.proto() + " . " + s.port();
    List<EndpointInfo> internal = s.internalLocal() ? local : cluster;
    if (internal.isEmpty()) {
      table.maps.get("no-endpoint-services").elements().put(clusterKey,
          new String[] {cluster.isEmpty() ? "goto reject-chain" : "drop", name});
    } else {
      table.maps.get("service-ips").elements().put(clusterKey, new String[] {"goto " + (s.internalLocal() ? loc : svc), name});
    }
    if (!cluster.isEmpty()) {
      table.add(svc, new Stmt.When(s.clusterIp(), s.proto(), s.port(), null, clusterCidr, true, false, null, false, MASQ));
      choose(s, svc, cluster);
    }
    if ((s.internalLocal() || s.externalLocal()) && !local.isEmpty()) {
      choose(s, loc, local);
    }
    external(s, cluster, local, svc, loc, ext, name);
  }

  private void external(ServiceInfo s, List<EndpointInfo> cluster, List<EndpointInfo> local, String svc, String loc, String ext,
      String name) {
    List<String> keys = new ArrayList<>();
    s.externalIps().forEach(ip -> keys.add(ip + " . " + s.proto() + " . " + s.port()));
    s.loadBalancerIps().forEach(ip -> keys.add(ip + " . " + s.proto() + " . " + s.port()));
    String nodePortKey = s.nodePort() > 0 ? s.proto() + " . " + s.nodePort() : null;
    if (keys.isEmpty() && nodePortKey == null) {
      return;
    }
    boolean none = s.externalLocal() ? local.isEmpty() : cluster.isEmpty();
    String noneVerdict = cluster.isEmpty() ? "goto reject-chain" : "drop";
    for (String k : keys) {
      table.maps.get(none ? "no-endpoint-services" : "service-ips").elements().put(k,
          new String[] {none ? noneVerdict : "goto " + ext, name});
    }
    if (nodePortKey != null) {
      table.maps.get(none ? "no-endpoint-nodeports" : "service-nodeports").elements().put(nodePortKey,
          new String[] {none ? noneVerdict : "goto " + ext, name});
    }
    if (none) {
      return;
    }
    if (!s.externalLocal()) {
      table.add(ext, Stmt.When.always(false, MASQ));
      table.add(ext, Stmt.When.always(true, svc));
      return;
    }
    table.add(ext, new Stmt.When(null, null, -1, null, clusterCidr, false, false, null, true, svc));
    table.add(ext, new Stmt.When(null, null, -1, null, null, false, true, null, false, MASQ));
    table.add(ext, new Stmt.When(null, null, -1, null, null, false, true, null, true, svc));
    table.add(ext, Stmt.When.always(true, loc));
  }

  /** A service (or local) chain's endpoint choice, and each endpoint's chain. */
  private void choose(ServiceInfo s, String chain, List<EndpointInfo> endpoints) {
    List<String> chains = new ArrayList<>();
    for (EndpointInfo e : endpoints) {
      String epBase = ChainNames.endpointBase(s, e);
      String ep = "endpoint-" + ChainNames.hashed(epBase);
      String affinity = "affinity-" + ChainNames.hashed(epBase);
      chains.add(ep);
      if (s.affinitySeconds() > 0) {
        table.set(affinity, "ipv4_addr", null, s.affinitySeconds());
        table.add(chain, new Stmt.When(null, null, -1, null, null, false, false, affinity, true, ep));
      }
      if (!table.hasChain(ep)) {
        table.add(ep, new Stmt.When(null, null, -1, e.ip(), null, false, false, null, false, MASQ));
        if (s.affinitySeconds() > 0) {
          table.add(ep, new Stmt.UpdateAffinity(affinity));
        }
        table.add(ep, new Stmt.Dnat(s.proto(), e.ip(), e.port()));
      }
    }
    table.add(chain, new Stmt.Numgen(chains));
  }
}
