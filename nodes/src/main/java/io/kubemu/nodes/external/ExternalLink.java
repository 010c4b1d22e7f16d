package io.kubemu.nodes.external;

import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.gateway.HostGateway;
import java.util.Comparator;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * A node's side of the way to the external network: its host gateway's uplink. It follows the
 * Receptionist's listing of {@link ExternalNetwork#KEY}; while none is listed (its host not up yet,
 * or gone) the uplink takes nothing, and the gateway answers ICMP net unreachable. Should two be
 * listed for a moment (one moving to another host), every node picks the same one.
 */
public final class ExternalLink implements HostGateway.Uplink {
  private final ActorRef<NodeAgent.Command> node;
  private ActorRef<ExternalNetwork.Command> network;

  /** The link of node agent {@code node}, to which the external network sends its replies. */
  public ExternalLink(ActorRef<NodeAgent.Command> node) {
    this.node = node;
  }

  /** A new listing of the key. */
  public void listed(Receptionist.Listing listing) {
    Set<ActorRef<ExternalNetwork.Command>> all = listing.getServiceInstances(ExternalNetwork.KEY);
    network = all.stream().min(Comparator.comparing(ref -> ref.path().toString())).orElse(null);
  }

  @Override
  public boolean forward(byte[] frame) {
    if (network == null) {
      return false;
    }
    network.tell(new ExternalNetwork.Egress(frame, node));
    return true;
  }
}
