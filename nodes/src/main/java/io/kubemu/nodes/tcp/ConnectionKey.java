package io.kubemu.nodes.tcp;

import io.kubemu.protocols.addr.Ipv4Address;

/** The four-tuple that names a connection, from this end's point of view. */
record ConnectionKey(Ipv4Address localAddress, int localPort, Ipv4Address remoteAddress, int remotePort) {
  @Override
  public String toString() {
    return localAddress + ":" + localPort + " " + remoteAddress + ":" + remotePort;
  }
}
