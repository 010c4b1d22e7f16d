package io.kubemu.nodes.proxy;

import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.proxy.iptables.IptablesProxier;
import io.kubemu.nodes.proxy.ipvs.IpvsProxier;
import io.kubemu.nodes.proxy.nftables.NftablesProxier;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** kube-proxy's modes by their --proxy-mode name; an unknown name fails at start with the valid ones. */
public final class Proxiers {
  /**
   * What a proxier is made from: the node, its address, the pod network, the node's conntrack (IPVS
   * counts connections in it) and the IPVS scheduler (rr, lc, sh).
   */
  public record NodeSide(String node, Ipv4Address nodeIp, Ipv4Cidr clusterCidr, Conntrack conntrack, String ipvsScheduler) {}

  private interface Factory {
    Proxier create(NodeSide n);
  }

  private static final Map<String, Factory> MODES = new TreeMap<>(Map.of(
      "iptables", n -> new IptablesProxier(n.node(), n.clusterCidr(), System::nanoTime, new Random(n.node().hashCode())),
      "nftables", n -> new NftablesProxier(n.node(), n.nodeIp(), n.clusterCidr(), System::nanoTime, new Random(n.node().hashCode())),
      "ipvs", n -> new IpvsProxier(n.node(), n.nodeIp(), n.clusterCidr(), n.ipvsScheduler(), System::nanoTime, n.conntrack())));

  private Proxiers() {}

  public static Proxier create(String mode, NodeSide node) {
    Factory f = MODES.get(mode);
    if (f == null) {
      throw new IllegalArgumentException("unknown proxy mode: " + mode + " (expected one of: " + String.join(", ", MODES.keySet()) + ")");
    }
    return f.create(node);
  }

  /** IPVS's schedulers kubemu has. */
  public static java.util.Set<String> ipvsSchedulers() {
    return java.util.Set.of("rr", "lc", "sh");
  }

  public static java.util.Set<String> modes() {
    return MODES.keySet();
  }
}
