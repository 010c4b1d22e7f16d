package io.kubemu.nodes.proxy;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;

/**
 * What kube-proxy needs of one Service port (pkg/proxy/serviceport.go): where it listens and
 * the policies that pick its endpoints. {@code clusterIp} is null for headless and ExternalName
 * Services, which kube-proxy does not program; {@code nodePort} is 0 without one;
 * {@code affinitySeconds} is 0 without ClientIP session affinity.
 */
public record ServiceInfo(ServicePortName name, String protocol, Ipv4Address clusterIp, int port, int nodePort,
    List<Ipv4Address> externalIps, List<Ipv4Address> loadBalancerIps, int affinitySeconds, boolean externalLocal,
    boolean internalLocal) {
  public ServiceInfo {
    externalIps = List.copyOf(externalIps);
    loadBalancerIps = List.copyOf(loadBalancerIps);
  }

  /** The protocol as iptables and conntrack spell it: tcp, udp, sctp. */
  public String proto() {
    return protocol.toLowerCase(java.util.Locale.ROOT);
  }
}
