package io.kubemu.nodes.proxy;

/**
 * kube-proxy's dataplane on one node (pkg/proxy/types.go): one implementation per mode. Event
 * handlers only record changes; {@link #sync} writes the whole state at once; nothing is decided
 * for traffic before the first sync. {@link #decide} is consulted for the first packet of a flow
 * only, and the node's conntrack applies the decision to the rest.
 */
public interface Proxier {
  /** The mode's name: iptables, nftables or ipvs. */
  String mode();

  void sync(ProxyState state);

  /** The decision for a packet that opens a new flow; {@code locallyOriginated}: it comes from the node itself. */
  NatDecision decide(PacketContext packet, boolean locallyOriginated);

  /** What the mode programmed, as its own tool prints it: iptables-save, nft list ruleset, ipvsadm -Ln. */
  String show();
}
