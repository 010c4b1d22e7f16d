package io.kubemu.nodes.proxy.iptables;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.ServiceInfo;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole ruleset kube-proxy's iptables mode writes for a node (syncProxyRules in
 * pkg/proxy/iptables/proxier.go): KUBE-SERVICES dispatching on cluster, external and
 * load-balancer IPs; KUBE-NODEPORTS; a KUBE-SVC chain per Service port choosing an endpoint with
 * per-endpoint probabilities (and the recent module for ClientIP affinity); KUBE-SVL for the
 * Local traffic policies; KUBE-EXT for external traffic; a KUBE-SEP chain per endpoint that marks
 * hairpin traffic for masquerade and DNATs; REJECT and DROP in the filter table for Services
 * without (local) endpoints.
 */
final class IptablesRules {
  private static final Comparator<EndpointInfo> BY_ADDRESS = Comparator
      .comparing((EndpointInfo e) -> e.ip().bits() & 0xFFFFFFFFL).thenComparingInt(EndpointInfo::port);
  private static final String MARK_MASQ = "KUBE-MARK-MASQ";

  private final Ruleset rules = new Ruleset();
  private final Set<String> sepChains = new LinkedHashSet<>();
  private final Ipv4Cidr clusterCidr;
  private final String node;

  private IptablesRules(Ipv4Cidr clusterCidr, String node) {
    this.clusterCidr = clusterCidr;
    this.node = node;
  }

  /** The ruleset for {@code node}; {@code clusterCidr} is the pod network (kube-proxy's --cluster-cidr). */
  static IptablesRules build(ProxyState state, Ipv4Cidr clusterCidr, String node) {
    IptablesRules r = new IptablesRules(clusterCidr, node);
    r.fixedChains();
    state.services().values().forEach(s -> r.service(state, s));
    r.nat(new Rule("KUBE-SERVICES").comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain")
        .localDestination().jump("KUBE-NODEPORTS"));
    return r;
  }

  Ruleset ruleset() {
    return rules;
  }

  /** The KUBE-SEP chains written, which name the recent module's lists too. */
  Set<String> endpointChains() {
    return sepChains;
  }

  private Rule nat(Rule r) {
    return rules.add("nat", r);
  }

  private Rule filter(Rule r) {
    return rules.add("filter", r);
  }

  private void fixedChains() {
    for (String c : List.of("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD")) {
      rules.chain("filter", c);
    }
    for (String c : List.of("KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", MARK_MASQ)) {
      rules.chain("nat", c);
    }
    filter(new Rule("INPUT").ctStateNew().comment("kubernetes externally-visible service portals").jump("KUBE-EXTERNAL-SERVICES"));
    filter(new Rule("FORWARD").comment("kubernetes forwarding rules").jump("KUBE-FORWARD"));
    filter(new Rule("FORWARD").ctStateNew().comment("kubernetes service portals").jump("KUBE-SERVICES"));
    filter(new Rule("FORWARD").ctStateNew().comment("kubernetes externally-visible service portals").jump("KUBE-EXTERNAL-SERVICES"));
    filter(new Rule("OUTPUT").ctStateNew().comment("kubernetes service portals").jump("KUBE-SERVICES"));
    filter(new Rule("KUBE-FORWARD").comment("kubernetes forwarding rules").marked().then(new Target.Accept()));
    nat(new Rule("PREROUTING").comment("kubernetes service portals").jump("KUBE-SERVICES"));
    nat(new Rule("OUTPUT").comment("kubernetes service portals").jump("KUBE-SERVICES"));
    nat(new Rule("POSTROUTING").comment("kubernetes postrouting rules").jump("KUBE-POSTROUTING"));
    nat(new Rule(MARK_MASQ).then(new Target.Mark(false, Rule.MASQ_MARK)));
    nat(new Rule("KUBE-POSTROUTING").notMarked().then(new Target.Return()));
    nat(new Rule("KUBE-POSTROUTING").then(new Target.Mark(true, Rule.MASQ_MARK)));
    nat(new Rule("KUBE-POSTROUTING").comment("kubernetes service traffic requiring SNAT").then(new Target.Masquerade()));
  }

  private void service(ProxyState state, ServiceInfo s) {
    String name = s.name().toString();
    List<EndpointInfo> cluster = state.clusterEndpoints(s.name()).stream().sorted(BY_ADDRESS).toList();
    List<EndpointInfo> local = state.localEndpoints(s.name(), node).stream().sorted(BY_ADDRESS).toList();
    boolean usesLocal = s.internalLocal() || s.externalLocal();
    String svc = ChainNames.svc(s);
    String svl = ChainNames.svl(s);
    String ext = ChainNames.ext(s);

    // Traffic to the cluster IP.
    List<EndpointInfo> internal = s.internalLocal() ? local : cluster;
    if (!internal.isEmpty()) {
      nat(new Rule("KUBE-SERVICES").destination(s.clusterIp()).proto(s.proto()).comment(name + " cluster IP")
          .port(s.port()).jump(s.internalLocal() ? svl : svc));
    } else {
      boolean none = cluster.isEmpty();
      filter(new Rule("KUBE-SERVICES").destination(s.clusterIp()).proto(s.proto())
          .comment(name + (none ? " has no endpoints" : " has no local endpoints")).port(s.port())
          .then(none ? new Target.Reject() : new Target.Drop()));
    }
    if (!cluster.isEmpty()) {
      rules.chain("nat", svc);
      nat(new Rule(svc).source(clusterCidr, true).destination(s.clusterIp()).proto(s.proto()).comment(name + " cluster IP")
          .port(s.port()).jump(MARK_MASQ));
      choose(s, svc, cluster);
    }
    if (usesLocal && !local.isEmpty()) {
      rules.chain("nat", svl);
      choose(s, svl, local);
    }
    external(s, cluster, local, svc, svl, ext);
  }

  /** NodePort, external IPs and load-balancer IPs all lead to KUBE-EXT. */
  private void external(ServiceInfo s, List<EndpointInfo> cluster, List<EndpointInfo> local, String svc, String svl,
      String ext) {
    String name = s.name().toString();
    boolean hasExternal = s.nodePort() > 0 || !s.externalIps().isEmpty() || !s.loadBalancerIps().isEmpty();
    if (!hasExternal) {
      return;
    }
    if (cluster.isEmpty()) {
      for (Ipv4Address ip : s.externalIps()) {
        filter(new Rule("KUBE-EXTERNAL-SERVICES").destination(ip).proto(s.proto()).comment(name + " has no endpoints")
            .port(s.port()).then(new Target.Reject()));
      }
      for (Ipv4Address ip : s.loadBalancerIps()) {
        filter(new Rule("KUBE-EXTERNAL-SERVICES").destination(ip).proto(s.proto()).comment(name + " has no endpoints")
            .port(s.port()).then(new Target.Reject()));
      }
      if (s.nodePort() > 0) {
        filter(new Rule("KUBE-EXTERNAL-SERVICES").proto(s.proto()).comment(name + " has no endpoints").localDestination()
            .port(s.nodePort()).then(new Target.Reject()));
      }
      return;
    }
    rules.chain("nat", ext);
    for (Ipv4Address ip : s.externalIps()) {
      nat(new Rule("KUBE-SERVICES").destination(ip).proto(s.proto()).comment(name + " external IP").port(s.port()).jump(ext));
    }
    for (Ipv4Address ip : s.loadBalancerIps()) {
      nat(new Rule("KUBE-SERVICES").destination(ip).proto(s.proto()).comment(name + " loadbalancer IP").port(s.port())
          .jump(ext));
    }
    if (s.nodePort() > 0) {
      nat(new Rule("KUBE-NODEPORTS").proto(s.proto()).comment(name).port(s.nodePort()).jump(ext));
    }
    if (!s.externalLocal()) {
      nat(new Rule(ext).comment("masquerade traffic for " + name + " external destinations").jump(MARK_MASQ));
      nat(new Rule(ext).jump(svc));
      return;
    }
    nat(new Rule(ext).source(clusterCidr, false).comment("pod traffic for " + name + " external destinations").jump(svc));
    nat(new Rule(ext).comment("masquerade LOCAL traffic for " + name + " external destinations").localSource().jump(MARK_MASQ));
    nat(new Rule(ext).comment("route LOCAL traffic for " + name + " external destinations").localSource().jump(svc));
    if (local.isEmpty()) {
      // kube-proxy's externalTrafficFilterTarget: every external destination drops
      for (Ipv4Address ip : s.externalIps()) {
        filter(new Rule("KUBE-EXTERNAL-SERVICES").destination(ip).proto(s.proto()).comment(name + " has no local endpoints")
            .port(s.port()).then(new Target.Drop()));
      }
      for (Ipv4Address ip : s.loadBalancerIps()) {
        filter(new Rule("KUBE-EXTERNAL-SERVICES").destination(ip).proto(s.proto()).comment(name + " has no local endpoints")
            .port(s.port()).then(new Target.Drop()));
      }
      if (s.nodePort() > 0) {
        filter(new Rule("KUBE-EXTERNAL-SERVICES").proto(s.proto()).comment(name + " has no local endpoints").localDestination()
            .port(s.nodePort()).then(new Target.Drop()));
      }
    } else {
      nat(new Rule(ext).jump(svl));
    }
  }

  /** The rules of a KUBE-SVC or KUBE-SVL chain, and the KUBE-SEP chain of each endpoint. */
  private void choose(ServiceInfo s, String chain, List<EndpointInfo> endpoints) {
    String name = s.name().toString();
    if (s.affinitySeconds() > 0) {
      for (EndpointInfo e : endpoints) {
        String sep = ChainNames.sep(s, e);
        nat(new Rule(chain).comment(name + " -> " + e).recentCheck(sep, s.affinitySeconds()).jump(sep));
      }
    }
    for (int i = 0; i < endpoints.size(); i++) {
      EndpointInfo e = endpoints.get(i);
      String sep = ChainNames.sep(s, e);
      Rule pick = new Rule(chain).comment(name + " -> " + e);
      if (i < endpoints.size() - 1) {
        pick.probability(endpoints.size() - i);
      }
      nat(pick.jump(sep));
      if (sepChains.add(sep)) {
        nat(new Rule(sep).source(new Ipv4Cidr(e.ip(), 32), false).comment(name).jump(MARK_MASQ));
        Rule dnat = new Rule(sep).proto(s.proto()).comment(name);
        if (s.affinitySeconds() > 0) {
          dnat.recentSet(sep);
        }
        nat(dnat.port(-1).then(new Target.Dnat(e.ip(), e.port())));
      }
    }
  }
}
