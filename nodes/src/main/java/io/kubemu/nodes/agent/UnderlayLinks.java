package io.kubemu.nodes.agent;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The node's underlay links that {@code kubemu chaos partition} cut: what the node sends a node it is
 * cut off from is lost, as on a pulled cable. Kept by node name, so a peer that comes back with a new
 * lease stays cut off until healed.
 */
final class UnderlayLinks {
  private final String self;
  private final Set<String> cut = new TreeSet<>();

  UnderlayLinks(String self) {
    this.self = self;
  }

  /** Whether frames to the node at {@code nodeIp} are lost. */
  boolean isCut(Ipv4Address nodeIp, Map<String, NodeLease> peers) {
    if (cut.isEmpty()) {
      return false;
    }
    for (NodeLease l : peers.values()) {
      if (l.nodeIp().equals(nodeIp)) {
        return cut.contains(l.node());
      }
    }
    return false;
  }

  /** Cuts or mends the link to {@code peer}; the answer lists what this node is cut off from, or the error. */
  NodeAgent.LinkSet set(String peer, boolean up, Map<String, NodeLease> peers) {
    if (!peers.containsKey(peer) || peer.equals(self)) {
      return new NodeAgent.LinkSet(self, List.copyOf(cut), "node " + self + " has no link to '" + peer
          + "' (nodes it knows: " + String.join(", ", new TreeSet<>(peers.keySet())) + ")");
    }
    if (up) {
      cut.remove(peer);
    } else {
      cut.add(peer);
    }
    return new NodeAgent.LinkSet(self, List.copyOf(cut), null);
  }
}
