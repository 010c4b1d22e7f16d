package io.kubemu.nodes.proxy.iptables;

import io.kubemu.nodes.proxy.EndpointInfo;
import io.kubemu.nodes.proxy.NameHash;
import io.kubemu.nodes.proxy.ServiceInfo;

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
    return NameHash.of(text, 16);
  }
}
