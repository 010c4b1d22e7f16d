package io.kubemu.nodes.agent;

import io.kubemu.nodes.bgp.BgpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;

/**
 * One emulated node: its name, the host JVM it lives on, its underlay address, its pod CIDR, and
 * the cluster-wide settings its agent needs (the kubelet's DNS settings, the BGP speaker's timers).
 */
public record NodeConfig(String name, String host, Ipv4Address nodeIp, Ipv4Cidr nodeNetwork, Ipv4Cidr podCidr,
    Ipv4Cidr clusterCidr, String backend, int podMtu, Duration leaseRenewInterval, String proxyMode, String ipvsScheduler,
    NodeDns dns, BgpTimers bgp) {
  /** A node with kube-proxy in its default mode, iptables, and the default DNS settings. */
  public NodeConfig(String name, String host, Ipv4Address nodeIp, Ipv4Cidr nodeNetwork, Ipv4Cidr podCidr,
      Ipv4Cidr clusterCidr, String backend, int podMtu, Duration leaseRenewInterval) {
    this(name, host, nodeIp, nodeNetwork, podCidr, clusterCidr, backend, podMtu, leaseRenewInterval, "iptables", "rr",
        NodeDns.DEFAULT, BgpTimers.DEFAULT);
  }
}
