package io.kubemu.nodes.ipam;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Calico IPAM as one node sees it: the blocks it holds with affinity (claimed from the IP pools
 * through the datastore), the addresses handed out of them in order (every address of a block is
 * usable: a block is a unit of routing, not a subnet), those lent to nodes whose pools ran dry, and
 * the addresses this node borrowed from others' blocks. It advertises its blocks and, for each
 * borrowed address, a /32, which the longest-prefix match prefers over the lender's block.
 */
public final class CalicoIpam {
  private final TreeMap<Ipv4Cidr, BitSet> blocks = new TreeMap<>();
  private final Map<Ipv4Address, String> lent = new HashMap<>();
  private final Map<Ipv4Address, String> borrowed = new HashMap<>();

  /** A block claimed for this node. */
  public void addBlock(Ipv4Cidr block) {
    blocks.putIfAbsent(block, new BitSet((int) block.size()));
  }

  /** The lowest free address of the lowest block with room; empty when every block is full (claim another). */
  public Optional<Ipv4Address> allocate() {
    for (Map.Entry<Ipv4Cidr, BitSet> b : blocks.entrySet()) {
      int free = b.getValue().nextClearBit(0);
      if (free < b.getKey().size()) {
        b.getValue().set(free);
        return Optional.of(b.getKey().address(free));
      }
    }
    return Optional.empty();
  }

  /** An address of this node's blocks for {@code borrower}, whose own pool is exhausted. */
  public Optional<Ipv4Address> lend(String borrower) {
    Optional<Ipv4Address> ip = allocate();
    ip.ifPresent(a -> lent.put(a, borrower));
    return ip;
  }

  /** An address {@code lender} gave this node out of its block. */
  public void borrowed(Ipv4Address ip, String lender) {
    borrowed.put(ip, lender);
  }

  /** Frees an address of this node's blocks (a pod's, or one it lent out); false when it is none of them. */
  public boolean release(Ipv4Address ip) {
    lent.remove(ip);
    for (Map.Entry<Ipv4Cidr, BitSet> b : blocks.entrySet()) {
      if (b.getKey().contains(ip)) {
        b.getValue().clear((int) (ip.unsigned() - b.getKey().network().unsigned()));
        return true;
      }
    }
    return false;
  }

  /** Forgets a borrowed address (its pod went); answers the node to give it back to, or null when it was not borrowed. */
  public String giveBack(Ipv4Address ip) {
    return borrowed.remove(ip);
  }

  public Set<Ipv4Cidr> blocks() {
    return Set.copyOf(blocks.keySet());
  }

  /** What the node's BGP speaker originates: its blocks, and a /32 per borrowed address. */
  public Set<Ipv4Cidr> advertised() {
    Set<Ipv4Cidr> out = new TreeSet<>(blocks.keySet());
    borrowed.keySet().forEach(ip -> out.add(Ipv4Cidr.containing(ip, 32)));
    return out;
  }

  /** Addresses in use in this node's blocks, lent ones included. */
  public int allocated() {
    return blocks.values().stream().mapToInt(BitSet::cardinality).sum();
  }

  public Map<Ipv4Address, String> lent() {
    return Map.copyOf(lent);
  }
}
