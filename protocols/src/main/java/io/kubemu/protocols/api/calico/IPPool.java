package io.kubemu.protocols.api.calico;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Calico IP pool: a block of pod addresses, how traffic from it is encapsulated and masqueraded, and which nodes use it. */
@Group(CalicoResource.GROUP)
@Version(CalicoResource.VERSION)
@Kind("IPPool")
@Plural("ippools")
public final class IPPool extends CalicoResource<IPPoolSpec> {
  public IPPool() {
    super(new IPPoolSpec());
  }
}
