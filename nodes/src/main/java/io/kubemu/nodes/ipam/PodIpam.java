package io.kubemu.nodes.ipam;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Optional;

/**
 * The IPAM plugin the node's CNI plugin calls for each pod: host-local for Flannel (the node's pod
 * CIDR), calico-ipam for Calico (blocks claimed on demand). When it has no address at hand it may
 * be able to get more ({@link #grow}); the pods wait meanwhile.
 */
public interface PodIpam {
  /** What the plugin gives a pod: its address, the subnet on its eth0, and its default gateway. */
  record Lease(Ipv4Address ip, Ipv4Cidr subnet, Ipv4Address gateway) {}

  /** An address now, or empty when none is at hand. */
  Optional<Lease> allocate();

  void release(Ipv4Address ip);

  /** Starts getting more addresses for pods that wait; false when no more can come (the range is exhausted). */
  default boolean grow() {
    return false;
  }

  /** The CNI plugin's name in its errors: {@code plugin type="flannel" failed (add): ...}. */
  String plugin();

  /** The plugin's error when no address is left. */
  String exhaustedMessage();
}
