package io.kubemu.protocols.api.calico;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A node's affinity for an IPAM block: calico-ipam records one when a node claims a block of an IP
 * pool, named {@code <node>-<cidr with dashes>} ({@code w1-10-244-0-0-26}), and the node takes its
 * pods' addresses from it. Written by the control plane only; users read them.
 */
@Group(CalicoResource.GROUP)
@Version(CalicoResource.VERSION)
@Kind("BlockAffinity")
@Plural("blockaffinities")
public final class BlockAffinity extends CalicoResource<BlockAffinitySpec> {
  public BlockAffinity() {
    super(new BlockAffinitySpec());
  }

  /** The affinity's name, as Calico derives it from the node and the block. */
  public static String name(String node, String cidr) {
    return node + "-" + cidr.replace('.', '-').replace('/', '-');
  }
}
