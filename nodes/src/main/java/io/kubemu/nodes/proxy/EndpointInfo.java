package io.kubemu.nodes.proxy;

import io.kubemu.protocols.addr.Ipv4Address;

/** One endpoint of a Service port, from an EndpointSlice: address, port, conditions and node. */
public record EndpointInfo(Ipv4Address ip, int port, boolean ready, boolean serving, boolean terminating, String nodeName) {
  /** As kube-proxy writes an endpoint: {@code ip:port}. */
  @Override
  public String toString() {
    return ip + ":" + port;
  }
}
