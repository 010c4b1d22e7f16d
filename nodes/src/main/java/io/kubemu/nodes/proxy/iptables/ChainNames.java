package io.kubemu.nodes.proxy.iptables;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.ServiceInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * kube-proxy's chain names (pkg/proxy/iptables/proxier.go): a prefix and the first 16 characters
 * of the base32 SHA-256 of the service port name and protocol (and the endpoint, for KUBE-SEP),
 * so a Service's chains have the same names on every node and across restarts.
 */
final class ChainNames {
  private ChainNames() {}

  static String svc(ServiceInfo s) {
    return "KUBE-SVC-" + hash(s.name() + s.proto());
  }

  static String svl(ServiceInfo s) {
    return "KUBE-SVL-" + hash(s.name() + s.proto());
  }

  static String ext(ServiceInfo s) {
    return "KUBE-EXT-" + hash(s.name() + s.proto());
  }

  static String sep(ServiceInfo s, EndpointInfo e) {
    return "KUBE-SEP-" + hash(s.name() + s.proto() + e);
  }

  private static String hash(String text) {
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return base32(sum).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** RFC 4648 base32, as Go's base32.StdEncoding writes it (only the first 16 characters are used). */
  private static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }
}
