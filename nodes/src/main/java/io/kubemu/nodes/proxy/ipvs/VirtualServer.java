package io.kubemu.nodes.proxy.ipvs;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.ServiceInfo;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;

/**
 * One IPVS virtual service (ipvsadm -A): protocol, address and port, its scheduler, its
 * persistence timeout (ClientIP affinity) and its real servers (ipvsadm -a, masquerading).
 * {@code external}: reached through a node port, external or load-balancer IP, which decides masquerade.
 */
record VirtualServer(String proto, Ipv4Address address, int port, String scheduler, int persistence,
    List<EndpointInfo> realServers, ServiceInfo service, boolean external) {
  String key() {
    return key(proto, address, port);
  }

  static String key(String proto, Ipv4Address address, int port) {
    return proto + " " + address + ":" + port;
  }
}
