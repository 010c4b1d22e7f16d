package io.kubemu.nodes.proxy;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;

/**
 * flanneld's {@code --ip-masq} rule (its FLANNEL-POSTRTG chain in nat POSTROUTING): a pod's flow to
 * an address outside the pod network leaves with the address of the node interface it is routed
 * out of, since the world beyond the node network has no route back to pods. It is the CNI's rule,
 * not kube-proxy's, so it is the same in every proxy mode. It is decided where kube-proxy's NAT is
 * (see {@link ServiceNat}), on a flow's first packet and after any DNAT, and kept in the same
 * conntrack entry, as netfilter keeps DNAT and SNAT of one connection together; a flow kube-proxy
 * masquerades already (its 0x4000 mark) is left to kube-proxy.
 */
public record PodMasquerade(Ipv4Cidr clusterCidr) {
  /** flanneld with {@code --ip-masq=false}: pods keep their addresses wherever they send. */
  public static final PodMasquerade OFF = new PodMasquerade(null);

  private static final Ipv4Cidr MULTICAST = Ipv4Cidr.parse("224.0.0.0/4");

  /** Whether a routed packet from {@code source} to {@code destination} (its address after DNAT) is masqueraded. */
  public boolean applies(Ipv4Address source, Ipv4Address destination) {
    return clusterCidr != null && clusterCidr.contains(source) && !clusterCidr.contains(destination)
        && !MULTICAST.contains(destination);
  }

  /**
   * The chain as iptables-save prints it, empty when off. Ports are kept where free, as a plain
   * MASQUERADE keeps them: flanneld adds {@code --random-fully}, which kubemu does not emulate.
   */
  public String show() {
    if (clusterCidr == null) {
      return "";
    }
    String c = " -m comment --comment \"flanneld masq\"";
    return "*nat\n"
        + ":FLANNEL-POSTRTG - [0:0]\n"
        + "-A POSTROUTING" + c + " -j FLANNEL-POSTRTG\n"
        + "-A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000" + c + " -j RETURN\n"
        + "-A FLANNEL-POSTRTG -s " + clusterCidr + " -d " + clusterCidr + c + " -j RETURN\n"
        + "-A FLANNEL-POSTRTG -s " + clusterCidr + " ! -d " + MULTICAST + c + " -j MASQUERADE\n"
        + "COMMIT\n";
  }
}
