package io.kubemu.emulator.bench;

import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The API server as the BGP bench's nodes need it: calico-node's block claim is granted at once with
 * the node's own block (as calico-ipam gives a new node the next free one); registrations,
 * heartbeats and pod reports are dropped.
 */
final class BgpBenchApi {
  private BgpBenchApi() {}

  static Behavior<KubeletReport> create(Function<String, Ipv4Cidr> blockOf) {
    return Behaviors.receive(KubeletReport.class)
        .onMessage(KubeletReport.ClaimBlock.class, c -> grant(c, blockOf))
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  private static Behavior<KubeletReport> grant(KubeletReport.ClaimBlock c, Function<String, Ipv4Cidr> blockOf) {
    Ipv4Cidr block = blockOf.apply(c.node());
    c.replyTo().tell(c.held().contains(block)
        ? new NodeAgent.BlockClaimed(null, "the bench gives each node one block, and " + c.node() + " holds " + block)
        : new NodeAgent.BlockClaimed(block, null));
    return Behaviors.same();
  }
}
