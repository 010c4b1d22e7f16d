package io.kubemu.nodes.proxy.ipvs;

import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.NatDecision;
import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.nodes.proxy.Proxier;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.ServiceInfo;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * kube-proxy's ipvs mode on one node (pkg/proxy/ipvs/proxier.go): a virtual service per cluster
 * IP, external IP, load-balancer IP and node port (on the node's address), its real servers the
 * Service's endpoints, scheduled by rr, lc or sh, with persistence for ClientIP affinity. A
 * virtual service without real servers answers ICMP port unreachable, as the kernel's ip_vs_leave
 * does. Masquerade follows the ipset rules kube-proxy adds beside IPVS: traffic from outside the
 * cluster CIDR to a cluster IP (KUBE-CLUSTER-IP), external traffic under the Cluster policy
 * (KUBE-NODE-PORT-*, KUBE-EXTERNAL-IP, KUBE-LOAD-BALANCER) and hairpin (KUBE-LOOP-BACK).
 * IPVS's connection counts are the node's conntrack entries per real server.
 */
public final class IpvsProxier implements Proxier {
  private record Sticky(String realServer, long until) {}

  private final String node;
  private final Ipv4Address nodeIp;
  private final Ipv4Cidr clusterCidr;
  private final String scheduler;
  private final LongSupplier nanos;
  private final Conntrack conntrack;
  private final Scheduler scheduling = new Scheduler();
  private final Map<String, Sticky> persistent = new HashMap<>();
  private Map<String, VirtualServer> services;

  public IpvsProxier(String node, Ipv4Address nodeIp, Ipv4Cidr clusterCidr, String scheduler, LongSupplier nanos,
      Conntrack conntrack) {
    if (!Scheduler.NAMES.contains(scheduler)) {
      throw new IllegalArgumentException("unknown IPVS scheduler: " + scheduler + " (expected one of: "
          + String.join(", ", Scheduler.NAMES) + ")");
    }
    this.node = node;
    this.nodeIp = nodeIp;
    this.clusterCidr = clusterCidr;
    this.scheduler = scheduler;
    this.nanos = nanos;
    this.conntrack = conntrack;
  }

  @Override
  public String mode() {
    return "ipvs";
  }

  @Override
  public void sync(ProxyState state) {
    Map<String, VirtualServer> next = new TreeMap<>();
    for (ServiceInfo s : state.services().values()) {
      List<EndpointInfo> cluster = state.clusterEndpoints(s.name());
      List<EndpointInfo> local = state.localEndpoints(s.name(), node);
      List<EndpointInfo> external = s.externalLocal() ? local : cluster;
      int persistence = s.affinitySeconds();
      add(next, new VirtualServer(s.proto(), s.clusterIp(), s.port(), scheduler, persistence,
          s.internalLocal() ? local : cluster, s, false));
      for (Ipv4Address ip : s.externalIps()) {
        add(next, new VirtualServer(s.proto(), ip, s.port(), scheduler, persistence, external, s, true));
      }
      for (Ipv4Address ip : s.loadBalancerIps()) {
        add(next, new VirtualServer(s.proto(), ip, s.port(), scheduler, persistence, external, s, true));
      }
      if (s.nodePort() > 0) {
        add(next, new VirtualServer(s.proto(), nodeIp, s.nodePort(), scheduler, persistence, external, s, true));
      }
    }
    services = next;
    scheduling.retain(next.keySet());
    persistent.keySet().removeIf(k -> !next.containsKey(k.substring(0, k.lastIndexOf(' '))));
  }

  private static void add(Map<String, VirtualServer> to, VirtualServer vs) {
    to.put(vs.key(), vs);
  }

  @Override
  public NatDecision decide(PacketContext p, boolean locallyOriginated) {
    if (services == null) {
      return NatDecision.UNTOUCHED;
    }
    Ipv4Address address = p.destinationLocal() ? nodeIp : p.destination();
    VirtualServer vs = services.get(VirtualServer.key(p.proto(), address, p.destinationPort()));
    if (vs == null) {
      return NatDecision.UNTOUCHED;
    }
    if (vs.realServers().isEmpty()) {
      return new NatDecision(NatDecision.Verdict.REJECT, null, 0, false);
    }
    EndpointInfo rs = choose(vs, p.source());
    boolean masquerade = rs.ip().equals(p.source())
        || (!vs.external() && !clusterCidr.contains(p.source()))
        || (vs.external() && (!vs.service().externalLocal() || p.sourceLocal()));
    return new NatDecision(NatDecision.Verdict.ACCEPT, rs.ip(), rs.port(), masquerade);
  }

  private EndpointInfo choose(VirtualServer vs, Ipv4Address client) {
    String stickyKey = vs.key() + " " + client;
    long now = nanos.getAsLong();
    if (vs.persistence() > 0) {
      Sticky s = persistent.get(stickyKey);
      if (s != null && s.until() - now > 0) {
        for (EndpointInfo e : vs.realServers()) {
          if (e.toString().equals(s.realServer())) {
            persistent.put(stickyKey, new Sticky(s.realServer(), now + vs.persistence() * 1_000_000_000L));
            return e;
          }
        }
      }
    }
    EndpointInfo picked = scheduling.pick(vs, client, e -> {
      int[] c = conntrack.connectionsTo(e.ip(), e.port());
      return c[0] * 256 + c[1];
    });
    if (vs.persistence() > 0) {
      persistent.put(stickyKey, new Sticky(picked.toString(), now + vs.persistence() * 1_000_000_000L));
    }
    return picked;
  }

  /** The table as {@code ipvsadm -Ln} prints it. */
  @Override
  public String show() {
    if (services == null) {
      return "# kube-proxy has not synced yet\n";
    }
    StringBuilder b = new StringBuilder("IP Virtual Server version 1.2.1 (size=4096)\n"
        + "Prot LocalAddress:Port Scheduler Flags\n"
        + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
    for (VirtualServer vs : services.values()) {
      b.append(String.format(Locale.ROOT, "%-4s %s:%d %s%s%n", vs.proto().toUpperCase(Locale.ROOT), vs.address(), vs.port(),
          vs.scheduler(), vs.persistence() > 0 ? " persistent " + vs.persistence() : ""));
      for (EndpointInfo e : vs.realServers()) {
        int[] c = conntrack.connectionsTo(e.ip(), e.port());
        b.append(String.format(Locale.ROOT, "  -> %-28s %-7s %-6d %-10d %d%n", e, "Masq", 1, c[0], c[1]));
      }
    }
    return b.toString();
  }
}
