package io.kubemu.emulator.host;

import io.kubemu.emulator.controlplane.StoreProtocol;
import io.kubemu.nodes.agent.KubeletReport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The node agents' client to the API server on this host: it forwards their reports to the API store singleton. */
public final class KubeletGateway {
  private KubeletGateway() {}

  public static Behavior<KubeletReport> create(ActorRef<StoreProtocol.Command> store) {
    return Behaviors.receiveMessage(report -> {
      store.tell(new StoreProtocol.FromKubelet(report));
      return Behaviors.same();
    });
  }
}
