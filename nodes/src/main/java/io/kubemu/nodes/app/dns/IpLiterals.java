package io.kubemu.nodes.app.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * IP address literals, parsed without ever asking a resolver (InetAddress.getByName would look a
 * name up): the bytes of one, and one spelling for each address so that addresses compare as text.
 */
final class IpLiterals {
  private IpLiterals() {}

  /** The 4 or 16 bytes of {@code text}, or null when it is not an IPv4 or IPv6 literal. */
  static byte[] bytes(String text) {
    if (text == null) {
      return null;
    }
    return Address.toByteArray(text, text.contains(":") ? Address.IPv6 : Address.IPv4);
  }

  /** {@code text} in Java's spelling of its address ({@code 0:0:0:0:0:0:0:1}, {@code 10.0.0.1}), or null when it is not a literal. */
  static String canonical(String text) {
    byte[] bytes = bytes(text);
    return bytes == null ? null : of(bytes).getHostAddress();
  }

  static InetAddress of(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address length: " + bytes.length + " (expected: 4 or 16)", e);
    }
  }
}
