package io.kubemu.nodes.proxy;

import io.kubemu.protocols.addr.Ipv4Address;

/**
 * What a proxier decides for a new flow: rewrite the destination (DNAT to an endpoint) or not,
 * masquerade it on the way out or not, or refuse it: REJECT (the client gets ICMP port
 * unreachable, so "Connection refused" at once) or DROP.
 */
public record NatDecision(Verdict verdict, Ipv4Address dnatAddress, int dnatPort, boolean masquerade) {
  public enum Verdict { ACCEPT, REJECT, DROP }

  public static final NatDecision UNTOUCHED = new NatDecision(Verdict.ACCEPT, null, 0, false);

  public boolean dnat() {
    return dnatAddress != null;
  }
}
