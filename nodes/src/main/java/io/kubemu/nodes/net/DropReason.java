package io.kubemu.nodes.net;

/** Why a packet was dropped. Every drop is counted under one of these, by interface. */
public enum DropReason {
  MALFORMED("malformed"),
  NO_ROUTE("no-route"),
  NEIGHBOR_FAILED("neighbor-failed"),
  NEIGHBOR_QUEUE_FULL("neighbor-queue-full"),
  TTL_EXCEEDED("ttl-exceeded"),
  MTU_EXCEEDED("mtu-exceeded"),
  NOT_FOR_US("not-for-us"),
  NO_SOCKET("no-socket"),
  UNKNOWN_VNI("unknown-vni"),
  NO_FDB_ENTRY("no-fdb-entry"),
  UNREACHABLE_NODE("unreachable-node"),
  /** The underlay link to the next node is cut ({@code kubemu chaos partition}). */
  LINK_DOWN("link-down"),
  SOCKET_BUFFER_FULL("socket-buffer-full"),
  /** Refused by kube-proxy's rules (a DROP target) or by a full conntrack table. */
  POLICY("policy"),
  UNSUPPORTED_PROTOCOL("unsupported-protocol");

  private final String label;

  DropReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
