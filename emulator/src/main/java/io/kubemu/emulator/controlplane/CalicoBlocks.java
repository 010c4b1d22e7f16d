package io.kubemu.emulator.controlplane;

import io.kubemu.protocols.addr.Ipv4Cidr;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.protocols.api.calico.BlockAffinity;
import io.kubemu.protocols.api.calico.BlockAffinitySpec;
import io.kubemu.protocols.api.calico.CalicoSelector;
import io.kubemu.protocols.api.calico.IPPool;
import io.kubemu.protocols.api.calico.IPPoolSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which block of the IP pools a node gets when its blocks are full, as calico-ipam's
 * {@code claimAffineBlock} decides: a block it already has affinity for but does not hold (it
 * restarted), else the first free block of the first enabled pool whose nodeSelector matches the
 * node's labels, in name order. Pure: the store keeps the affinities and writes the claim.
 */
final class CalicoBlocks {
  /** The block, or why there is none (the error the CNI plugin reports). */
  record Claim(Ipv4Cidr block, String error) {}

  private CalicoBlocks() {}

  /**
   * A node's claim against the store: the block, with its BlockAffinity written when it is new, or the
   * error. The caller answers once the write is replicated.
   */
  static Claim claim(ObjectStore store, NodeRegistry nodes, KubeletReport.ClaimBlock c) {
    Map<Ipv4Cidr, String> affinities = new HashMap<>();
    for (BlockAffinity a : store.list(BlockAffinity.class, "BlockAffinity")) {
      affinities.put(Ipv4Cidr.parse(a.getSpec().getCidr()), a.getSpec().getNode());
    }
    Map<String, String> labels = nodes.get(c.node()) == null ? Map.of() : nodes.toNode(c.node()).getMetadata().getLabels();
    Claim claim;
    try {
      claim = claim(store.list(IPPool.class, "IPPool"), labels == null ? Map.of() : labels, affinities, c.node(), c.held());
    } catch (RuntimeException e) {
      return new Claim(null, "failed to request IPv4 addresses: " + e.getMessage());
    }
    if (claim.block() != null && !affinities.containsKey(claim.block())) {
      BlockAffinity a = new BlockAffinity();
      a.setMetadata(new ObjectMetaBuilder().withName(BlockAffinity.name(c.node(), claim.block().toString())).build());
      a.getSpec().setState(BlockAffinitySpec.CONFIRMED);
      a.getSpec().setNode(c.node());
      a.getSpec().setCidr(claim.block().toString());
      a.getSpec().setDeleted("false");
      store.put(a);
    }
    return claim;
  }

  static Claim claim(Collection<IPPool> pools, Map<String, String> nodeLabels, Map<Ipv4Cidr, String> affinities,
      String node, Collection<Ipv4Cidr> held) {
    Ipv4Cidr mine = affinities.entrySet().stream().filter(e -> e.getValue().equals(node) && !held.contains(e.getKey()))
        .map(Map.Entry::getKey).min(Comparator.naturalOrder()).orElse(null);
    if (mine != null) {
      return new Claim(mine, null);
    }
    List<String> names = new ArrayList<>();
    List<IPPool> usable = pools.stream().filter(p -> usable(p, nodeLabels))
        .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    for (IPPool p : usable) {
      names.add(p.getMetadata().getName());
      Ipv4Cidr cidr = Ipv4Cidr.parse(p.getSpec().getCidr());
      int size = p.getSpec().getBlockSize() == null ? IPPoolSpec.DEFAULT_BLOCK_SIZE : p.getSpec().getBlockSize();
      long count = cidr.subnetCount(Math.max(size, cidr.prefixLength()));
      for (long i = 0; i < count; i++) {
        Ipv4Cidr block = cidr.subnet(Math.max(size, cidr.prefixLength()), i);
        if (!affinities.containsKey(block)) {
          return new Claim(block, null);
        }
      }
    }
    return new Claim(null, usable.isEmpty()
        ? "failed to request IPv4 addresses: no IP pools are enabled for node " + node
        : "failed to request IPv4 addresses: no free blocks in IP pools " + names);
  }

  private static boolean usable(IPPool p, Map<String, String> nodeLabels) {
    IPPoolSpec s = p.getSpec();
    if (s == null || s.getCidr() == null || Boolean.TRUE.equals(s.getDisabled()) || s.getCidr().contains(":")) {
      return false;
    }
    String selector = s.getNodeSelector() == null || s.getNodeSelector().isBlank() ? "all()" : s.getNodeSelector();
    return CalicoSelector.parse(selector).matches(nodeLabels);
  }
}
