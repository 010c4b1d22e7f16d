package io.kubemu.nodes.proxy.iptables;

import io.kubemu.nodes.proxy.NatDecision;
import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.nodes.proxy.Proxier;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * kube-proxy's iptables mode on one node: each sync writes the whole ruleset anew (as one
 * iptables-restore), and the first packet of a flow walks it as netfilter would: nat PREROUTING
 * (OUTPUT for the node's own traffic), then filter FORWARD, INPUT or OUTPUT, then nat POSTROUTING.
 * The same rules are what {@link #show} prints, so what a user reads is what traffic meets.
 */
public final class IptablesProxier implements Proxier {
  private final String node;
  private final Ipv4Cidr clusterCidr;
  private final Random random;
  private final Ruleset.RecentLists recent;
  private Ruleset rules;

  public IptablesProxier(String node, Ipv4Cidr clusterCidr, LongSupplier nanos, Random random) {
    this.node = node;
    this.clusterCidr = clusterCidr;
    this.random = random;
    this.recent = new Ruleset.RecentLists(nanos);
  }

  @Override
  public String mode() {
    return "iptables";
  }

  @Override
  public void sync(ProxyState state) {
    IptablesRules built = IptablesRules.build(state, clusterCidr, node);
    recent.retain(built.endpointChains());
    rules = built.ruleset();
  }

  @Override
  public NatDecision decide(PacketContext p, boolean locallyOriginated) {
    if (rules == null) {
      return NatDecision.UNTOUCHED; // nothing is programmed before the first full sync
    }
    Ruleset.Walk walk = recent.walk(random);
    Ruleset.Outcome nat = rules.walk("nat", locallyOriginated ? "OUTPUT" : "PREROUTING", p, 0, walk);
    PacketContext after = p;
    if (nat.target() instanceof Target.Dnat d) {
      after = new PacketContext(p.source(), d.address(), p.proto(), d.port(), p.sourceLocal(), false);
    }
    String filterChain = locallyOriginated ? "OUTPUT" : after.destinationLocal() ? "INPUT" : "FORWARD";
    Ruleset.Outcome filter = rules.walk("filter", filterChain, after, nat.mark(), walk);
    if (filter.target() instanceof Target.Reject) {
      return new NatDecision(NatDecision.Verdict.REJECT, null, 0, false);
    }
    if (filter.target() instanceof Target.Drop) {
      return new NatDecision(NatDecision.Verdict.DROP, null, 0, false);
    }
    Ruleset.Outcome post = rules.walk("nat", "POSTROUTING", after, nat.mark(), walk);
    boolean masquerade = post.target() instanceof Target.Masquerade;
    return after == p ? new NatDecision(NatDecision.Verdict.ACCEPT, null, 0, masquerade)
        : new NatDecision(NatDecision.Verdict.ACCEPT, after.destination(), after.destinationPort(), masquerade);
  }

  @Override
  public String show() {
    return rules == null ? "# kube-proxy has not synced yet\n" : rules.save();
  }
}
