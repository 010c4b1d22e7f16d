package io.kubemu.protocols.api.calico;

import io.kubemu.protocols.addr.IpAddress;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv6Address;

/**
 * A BGPPeer's peerIP: an address with an optional port, {@code 10.0.0.1}, {@code 10.0.0.1:1790},
 * {@code fd00::1} or {@code [fd00::1]:1790}. Port 0 when none is given (BGP's 179 is then meant).
 */
public record PeerAddress(IpAddress address, int port) {
  public static final int BGP_PORT = 179;

  /** Parses the peerIP text; throws IllegalArgumentException saying what is wrong. */
  public static PeerAddress parse(String text) {
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0) {
        throw bad(text);
      }
      return new PeerAddress(Ipv6Address.parse(text.substring(1, close)), port(text.substring(close + 2), text));
    }
    int colon = text.indexOf(':');
    if (colon >= 0 && colon == text.lastIndexOf(':')) {
      return new PeerAddress(Ipv4Address.parse(text.substring(0, colon)), port(text.substring(colon + 1), text));
    }
    try {
      return new PeerAddress(IpAddress.parse(text), 0);
    } catch (IllegalArgumentException e) {
      throw bad(text);
    }
  }

  /** The port to connect to: the one given, else BGP's 179. */
  public int portOrDefault() {
    return port == 0 ? BGP_PORT : port;
  }

  private static int port(String digits, String text) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(text);
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("bad port in peerIP: " + port + " (expected: 1..65535)");
    }
    return port;
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("bad peerIP: '" + text + "' (expected: an IP address with an optional port,"
        + " e.g. 10.0.0.1, 10.0.0.1:1790 or [fd00::1]:1790)");
  }
}
