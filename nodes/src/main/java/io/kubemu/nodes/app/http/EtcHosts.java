package io.kubemu.nodes.app.http;

import io.kubemu.nodes.app.AppContext;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.Optional;

/**
 * Name resolution as a pod has it before cluster DNS: an IPv4 literal, {@code localhost}, or the
 * pod's own hostname (the kubelet writes both into the pod's /etc/hosts).
 */
public final class EtcHosts {
  private EtcHosts() {}

  public static Optional<Ipv4Address> resolve(AppContext ctx, String name) {
    if (name.equalsIgnoreCase("localhost")) {
      return Optional.of(Ipv4Address.parse("127.0.0.1"));
    }
    if (name.equalsIgnoreCase(ctx.hostname())) {
      return Optional.of(ctx.net().address());
    }
    try {
      return Optional.of(Ipv4Address.parse(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
