package io.kubemu.nodes.proxy.nftables;

import io.kubemu.nodes.proxy.NatDecision;
import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.nodes.proxy.Proxier;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * kube-proxy's nftables mode on one node: each sync writes the {@code ip kube-proxy} table anew,
 * and the first packet of a flow walks it as the kernel would at each hook: filter output (for
 * the node's own traffic, before DNAT, priority -110), nat prerouting or output, filter forward or
 * input, nat postrouting. {@link #show} prints the same table.
 */
public final class NftablesProxier implements Proxier {
  private final String node;
  private final Ipv4Address nodeIp;
  private final Ipv4Cidr clusterCidr;
  private final LongSupplier nanos;
  private final Random random;
  /** The affinity sets' elements: set name, then client address to when it expires. */
  private final Map<String, Map<Ipv4Address, Long>> affinity = new HashMap<>();
  private NftTable table;

  public NftablesProxier(String node, Ipv4Address nodeIp, Ipv4Cidr clusterCidr, LongSupplier nanos, Random random) {
    this.node = node;
    this.nodeIp = nodeIp;
    this.clusterCidr = clusterCidr;
    this.nanos = nanos;
    this.random = random;
  }

  @Override
  public String mode() {
    return "nftables";
  }

  @Override
  public void sync(ProxyState state) {
    table = NftRules.build(state, clusterCidr, node, nodeIp);
    affinity.keySet().retainAll(table.sets.keySet());
  }

  /** One packet's walk: its DNAT, if any, and its mark. */
  private final class PacketWalk implements NftTable.Walk {
    Ipv4Address dnatAddress;
    int dnatPort;
    int mark;

    public NftTable table() {
      return table;
    }

    public int random(int n) {
      return random.nextInt(n);
    }

    public boolean inAffinity(String set, Ipv4Address source) {
      Long until = affinity.getOrDefault(set, Map.of()).get(source);
      return until != null && until - nanos.getAsLong() > 0;
    }

    public void remember(String set, Ipv4Address source) {
      affinity.computeIfAbsent(set, s -> new HashMap<>())
          .put(source, nanos.getAsLong() + table.affinityTimeout(set) * 1_000_000_000L);
    }

    public void dnat(Ipv4Address address, int port) {
      dnatAddress = address;
      dnatPort = port;
    }

    public int mark() {
      return mark;
    }

    public void mark(int mark) {
      this.mark = mark;
    }
  }

  @Override
  public NatDecision decide(PacketContext p, boolean locallyOriginated) {
    if (table == null) {
      return NatDecision.UNTOUCHED;
    }
    PacketWalk walk = new PacketWalk();
    if (locallyOriginated) {
      Stmt.Next filter = table.walk("filter-output", p, walk);
      if (refused(filter)) {
        return verdict(filter);
      }
    }
    table.walk(locallyOriginated ? "nat-output" : "nat-prerouting", p, walk);
    PacketContext after = walk.dnatAddress == null ? p
        : new PacketContext(p.source(), walk.dnatAddress, p.proto(), walk.dnatPort, p.sourceLocal(), false);
    if (!locallyOriginated) {
      Stmt.Next filter = table.walk(after.destinationLocal() ? "filter-input" : "filter-forward", after, walk);
      if (refused(filter)) {
        return verdict(filter);
      }
    }
    boolean masquerade = table.walk("nat-postrouting", after, walk) == Stmt.Next.MASQUERADE;
    return new NatDecision(NatDecision.Verdict.ACCEPT, walk.dnatAddress, walk.dnatAddress == null ? 0 : walk.dnatPort,
        masquerade);
  }

  private static boolean refused(Stmt.Next n) {
    return n == Stmt.Next.REJECT || n == Stmt.Next.DROP;
  }

  private static NatDecision verdict(Stmt.Next n) {
    return new NatDecision(n == Stmt.Next.DROP ? NatDecision.Verdict.DROP : NatDecision.Verdict.REJECT, null, 0, false);
  }

  @Override
  public String show() {
    return table == null ? "# kube-proxy has not synced yet\n" : table.list();
  }
}
