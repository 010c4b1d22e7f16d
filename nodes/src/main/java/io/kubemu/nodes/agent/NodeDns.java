package io.kubemu.nodes.agent;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;

/**
 * What a kubelet knows of DNS: the cluster DNS Service's address ({@code --cluster-dns}), the
 * cluster domain ({@code --cluster-domain}) and the nameservers of the node's own
 * {@code /etc/resolv.conf}, which pods with {@code dnsPolicy: Default} (CoreDNS among them) get.
 */
public record NodeDns(Ipv4Address clusterDns, String clusterDomain, List<Ipv4Address> upstream) {
  /** kubeadm's and kind's choices, and the emulated world's DNS server among the external hosts. */
  public static final NodeDns DEFAULT = new NodeDns(Ipv4Address.parse("10.96.0.10"), "cluster.local",
      List.of(Ipv4Address.parse("203.0.113.53")));

  public NodeDns {
    upstream = List.copyOf(upstream);
  }
}
