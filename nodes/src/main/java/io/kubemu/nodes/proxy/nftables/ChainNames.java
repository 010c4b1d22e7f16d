package io.kubemu.nodes.proxy.nftables;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.NameHash;
import io.kubemu.nodes.proxy.ServiceInfo;

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
    return NameHash.of(base, 8) + "-" + base;
  }
}
