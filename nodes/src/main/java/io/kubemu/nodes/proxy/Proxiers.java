package io.kubemu.nodes.proxy;

import io.kubemu.nodes.proxy.iptables.IptablesProxier;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** kube-proxy's modes by their --proxy-mode name; an unknown name fails at start with the valid ones. */
public final class Proxiers {
  private interface Factory {
    Proxier create(String node, Ipv4Cidr clusterCidr);
  }

  private static final Map<String, Factory> MODES = new TreeMap<>(Map.of(
      "iptables", (node, cidr) -> new IptablesProxier(node, cidr, System::nanoTime, new Random(node.hashCode()))));

  private Proxiers() {}

  public static Proxier create(String mode, String node, Ipv4Cidr clusterCidr) {
    Factory f = MODES.get(mode);
    if (f == null) {
      throw new IllegalArgumentException("unknown proxy mode: " + mode + " (expected one of: " + String.join(", ", MODES.keySet()) + ")");
    }
    return f.create(node, clusterCidr);
  }

  public static java.util.Set<String> modes() {
    return MODES.keySet();
  }
}
