package io.kubemu.protocols.api.calico;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A BGP peering that Calico nodes make: from the nodes it selects (node, nodeSelector, or all) to a router
 * at peerIP, or to the Calico nodes peerSelector selects (route reflectors, typically).
 */
@Group(CalicoResource.GROUP)
@Version(CalicoResource.VERSION)
@Kind("BGPPeer")
@Plural("bgppeers")
public final class BGPPeer extends CalicoResource<BGPPeerSpec> {
  public BGPPeer() {
    super(new BGPPeerSpec());
  }
}
