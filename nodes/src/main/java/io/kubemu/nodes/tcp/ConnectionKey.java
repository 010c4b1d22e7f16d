package io.kubemu.nodes.tcp;

import io.kubemu.protocols.addr.Ipv4Address;

/** The four-tuple that names a connection, from this end's point of view. */
record ConnectionKey(Ipv4Address localAddress, int localPort, Ipv4Address remoteAddress, int remotePort) {
  /**
   * Mixed, unlike the record's {@code 31 * h + x}: a node that connects to peer after peer takes
   * ephemeral ports in the same order as their addresses, and there that sum moves in steps of
   * 31 * 32 = 992, which leaves the low bits alike, so the connection table's buckets overflow
   * into trees (slower, and 56 bytes an entry instead of 32).
   */
  @Override
  public int hashCode() {
    long h = (localAddress.bits() * 0x9E3779B97F4A7C15L) ^ (remoteAddress.bits() * 0xC2B2AE3D27D4EB4FL)
        ^ (((long) localPort << 16 | remotePort) * 0x165667B19E3779F9L);
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionKey k && k.localPort == localPort && k.remotePort == remotePort
        && k.localAddress.equals(localAddress) && k.remoteAddress.equals(remoteAddress);
  }

  @Override
  public String toString() {
    return localAddress + ":" + localPort + " " + remoteAddress + ":" + remotePort;
  }
}
