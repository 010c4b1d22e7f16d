package io.kubemu.nodes.proxy.nftables;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.ServiceInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * kube-proxy's nftables names (pkg/proxy/nftables/proxier.go): the readable base
 * {@code namespace/name/protocol/port} (and {@code __ip/port} for an endpoint) after the first
 * 8 base32 characters of its SHA-256, e.g. {@code service-ULMVA6XW-ns1/svc1/tcp/p80}.
 */
final class ChainNames {
  private ChainNames() {}

  static String base(ServiceInfo s) {
    return s.name().namespace() + "/" + s.name().name() + "/" + s.proto() + "/" + (s.name().port() == null ? "" : s.name().port());
  }

  static String endpointBase(ServiceInfo s, EndpointInfo e) {
    return base(s) + "__" + e.ip() + "/" + e.port();
  }

  static String hashed(String base) {
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.UTF_8));
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      StringBuilder out = new StringBuilder();
      long bits = 0;
      for (int i = 0; i < 5; i++) {
        bits = (bits << 8) | (sum[i] & 0xFF); // 40 bits make exactly 8 base32 characters
      }
      for (int i = 7; i >= 0; i--) {
        out.append(alphabet.charAt((int) ((bits >>> (5 * i)) & 31)));
      }
      return out + "-" + base;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
