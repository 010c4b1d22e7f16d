package io.kubemu.protocols.api.calico;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Calico's BGP settings: {@code default} for the cluster, {@code node.<name>} for one node, whose fields
 * override the default's one by one. Absent altogether, Calico runs the full mesh in AS 64512.
 */
@Group(CalicoResource.GROUP)
@Version(CalicoResource.VERSION)
@Kind("BGPConfiguration")
@Plural("bgpconfigurations")
public final class BGPConfiguration extends CalicoResource<BGPConfigurationSpec> {
  public static final String DEFAULT = "default";
  public static final String NODE_PREFIX = "node.";

  public BGPConfiguration() {
    super(new BGPConfigurationSpec());
  }
}
