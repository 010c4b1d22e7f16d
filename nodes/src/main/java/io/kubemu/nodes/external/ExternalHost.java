package io.kubemu.nodes.external;

import io.kubemu.nodes.pod.ContainerSpec;
import io.kubemu.nodes.pod.PodNetConfig;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.util.List;
import java.util.Map;

/**
 * A host outside the cluster, from {@code kubemu.cluster.external-hosts}: its name, its one
 * address, and the image whose default command it runs with {@code args}, as a pod's container
 * would. It is a pod without Kubernetes: no API object, no node, no DNS name in the cluster.
 */
public record ExternalHost(String name, Ipv4Address address, String image, List<String> args) {
  /** Where an external host's MAC comes from: a prefix of its own, then its address. */
  private static final long MAC_PREFIX = 0x48_0000_0000L;
  /** The host's network knows no cluster: everything that is not the host itself goes to its router. */
  private static final Ipv4Cidr EVERYWHERE = Ipv4Cidr.parse("0.0.0.0/0");
  private static final int MTU = 1500;

  public ExternalHost {
    args = List.copyOf(args);
  }

  public MacAddress mac() {
    return MacAddress.local(MAC_PREFIX | address.unsigned());
  }

  /** The one container the host runs, named after the host. */
  public ContainerSpec container() {
    return new ContainerSpec(name, image, List.of(), args, Map.of());
  }

  /** Its address alone on its link (a /32), with a default route via {@code gateway}, as Calico wires pods. */
  public PodNetConfig net(Ipv4Address gateway) {
    return new PodNetConfig(address, mac(), Ipv4Cidr.containing(address, 32), gateway, EVERYWHERE, MTU);
  }
}
