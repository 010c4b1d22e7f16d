package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import java.util.Optional;

/**
 * The ICMP error a router sends back to the source of a packet it cannot deliver. Shared by every
 * router of the emulated network (a node, its host gateway, the external network), so that none
 * of them answers an ICMP error with another one, which two routers without a route to each
 * other's sources would otherwise bounce between them forever.
 */
public final class IcmpErrors {
  private IcmpErrors() {}

  /** The error packet from {@code from}; empty when {@code original} is itself an ICMP error (RFC 1122 3.2.2). */
  public static Optional<Ipv4Packet> about(Ipv4Packet original, IcmpMessage error, Ipv4Address from, int ipId) {
    if (isError(original)) {
      return Optional.empty();
    }
    return Optional.of(Ipv4Packet.of(IpProtocol.ICMP, from, original.source(), 64, ipId, error.toBytes()));
  }

  /** Whether a packet carries an ICMP message other than an echo request or reply. */
  public static boolean isError(Ipv4Packet p) {
    if (p.protocol() != IpProtocol.ICMP || p.payload().length == 0) {
      return false;
    }
    int type = p.payload()[0] & 0xFF;
    return type != IcmpMessage.ECHO_REQUEST && type != IcmpMessage.ECHO_REPLY;
  }
}
