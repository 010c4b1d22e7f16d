package io.kubemu.emulator.controlplane;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;

/**
 * Where Services get their addresses and ports: the service CIDR (kube-apiserver's
 * {@code --service-cluster-ip-range}) and the node port range ({@code --service-node-port-range},
 * fixed at Kubernetes' 30000-32767, which validation also names). Single-stack IPv4.
 */
public record ServiceNetwork(Ipv4Cidr serviceCidr) {
  public static final int NODE_PORT_MIN = 30000;
  public static final int NODE_PORT_MAX = 32767;
  public static final ServiceNetwork DEFAULT = new ServiceNetwork(Ipv4Cidr.parse("10.96.0.0/12"));

  public ServiceNetwork {
    if (serviceCidr.prefixLength() < 12 || serviceCidr.prefixLength() > 30) {
      throw new IllegalArgumentException("bad service CIDR: " + serviceCidr + " (expected: a prefix of /12 to /30, as the API server"
          + " allows at most /12 for IPv4)");
    }
  }

  /** The first address of the range, which the {@code kubernetes} Service takes (10.96.0.1). */
  public Ipv4Address apiServerAddress() {
    return serviceCidr.address(1);
  }

  /** How many cluster IPs there are: every address but the network and broadcast ones. */
  int clusterIpCount() {
    return (int) serviceCidr.size() - 2;
  }

  /** The cluster IP at {@code offset} (0 is 10.96.0.1). */
  Ipv4Address clusterIp(int offset) {
    return serviceCidr.address(offset + 1L);
  }

  /** The offset of a cluster IP, or -1 when the address is not one of the range's. */
  int clusterIpOffset(Ipv4Address ip) {
    long offset = ip.unsigned() - serviceCidr.network().unsigned() - 1;
    return serviceCidr.contains(ip) && offset >= 0 && offset < clusterIpCount() ? (int) offset : -1;
  }

  /**
   * The API server's static band (calculateRangeOffset): the first min(max(16, size/16), 256)
   * cluster IPs are handed out only on request, so that well-known addresses such as 10.96.0.10 stay free.
   */
  int clusterIpStaticBand() {
    long size = serviceCidr.size();
    return size <= 16 ? 0 : (int) Math.min(Math.max(16, size / 16), 256);
  }

  /** The node ports' static band: min(max(16, size/32), 128) ports, 86 for 30000-32767. */
  static int nodePortStaticBand() {
    int size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    return size <= 16 ? 0 : Math.min(Math.max(16, size / 32), 128);
  }
}
