package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;

/** One entry of a routing table, as {@code ip route} shows it. A null gateway means directly connected. */
public record Route(Ipv4Cidr destination, Ipv4Address gateway, String device, boolean onlink) {
  public static Route connected(Ipv4Cidr destination, String device) {
    return new Route(destination, null, device, false);
  }

  public static Route via(Ipv4Cidr destination, Ipv4Address gateway, String device) {
    return new Route(destination, gateway, device, false);
  }

  /** The address to resolve at layer 2 for a packet to {@code destination}. */
  public Ipv4Address nextHop(Ipv4Address destination) {
    return gateway != null ? gateway : destination;
  }

  @Override
  public String toString() {
    String dst = destination.prefixLength() == 0 ? "default" : destination.toString();
    return dst + (gateway != null ? " via " + gateway : "") + " dev " + device + (onlink ? " onlink" : "")
        + (gateway == null ? " scope link" : "");
  }
}
