package io.kubemu.nodes.agent;

import io.kubemu.nodes.backend.CalicoBgp;
import io.kubemu.nodes.bgp.BgpStatus;
import io.kubemu.nodes.bgp.BgpSummary;
import io.kubemu.nodes.bgp.CalicoView;
import io.kubemu.nodes.bgp.OutboundTcp;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.tcp.ActorTcpTimers;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * calico-node on one node, as the node agent holds it: the BGP speaker and what configures it
 * ({@link NodeBgp}), calico-ipam ({@link NodeCalicoIpam}), and the real connections to routers
 * outside kubemu ({@link NodeRealTcp}). The agent hands it the messages that concern Calico.
 */
final class CalicoNode {
  /** Cni0 in Calico's layout: it answers for 169.254.1.1 only, every pod's gateway; each pod gets a /32 route. */
  static final Ipv4Cidr BRIDGE = Ipv4Cidr.containing(CalicoBgp.POD_GATEWAY, 32);

  private final NodeBgp bgp;
  private final NodeCalicoIpam ipam;
  private final NodeRealTcp realTcp;

  /**
   * What the agent gives calico-node: its actor context and timers, how its TCP timers and relay events come
   * back as the agent's messages, the API server, the host gateway's address, and the current leases.
   */
  record Wiring(ActorContext<NodeAgent.Command> ctx, TimerScheduler<NodeAgent.Command> timers,
      Function<TcpTimer, NodeAgent.Command> tcpTimer, Function<OutboundTcp.Event, NodeAgent.Command> relayEvent,
      Function<Receptionist.Listing, NodeAgent.Command> listed, Function<Runnable, NodeAgent.Command> afterQueued,
      ActorRef<KubeletReport> api, Ipv4Address gateway, Supplier<Map<String, NodeLease>> leases) {}

  CalicoNode(NodeConfig config, NodeDataplane dp, CalicoBgp backend, Wiring w) {
    this.realTcp = new NodeRealTcp(config.nodeIp(), w.ctx().messageAdapter(OutboundTcp.Event.class, w.relayEvent()::apply));
    w.ctx().getSystem().receptionist().tell(Receptionist.subscribe(OutboundTcp.KEY,
        w.ctx().messageAdapter(Receptionist.Listing.class, w.listed()::apply)));
    ActorRef<NodeAgent.Command> self = w.ctx().getSelf();
    this.bgp = new NodeBgp(config, dp, backend, new ActorTcpTimers<>(w.timers(), w.tcpTimer(), "bgp"), w.gateway(), realTcp,
        step -> self.tell(w.afterQueued().apply(step)));
    this.ipam = new NodeCalicoIpam(config, dp, w.api(), w.ctx().getSelf(), bgp::originate, w.leases(),
        System::currentTimeMillis, backend::tunnelAddress);
  }

  NodeCalicoIpam ipam() {
    return ipam;
  }

  /** Starts calico-ipam (its first block, for tunl0); addresses that come later go to the waiting pods. */
  void start(PodTable pods) {
    ipam.pods(new NodeCalicoIpam.Pods() {
      @Override
      public void available() {
        pods.addressesAvailable();
      }

      @Override
      public void exhausted(String error) {
        pods.addressesExhausted(error);
      }
    });
    ipam.start();
  }

  void peers(Map<String, NodeLease> leases) {
    bgp.peers(leases);
  }

  void view(CalicoView view) {
    bgp.calico(view);
  }

  /** Once a second: the speaker's timers, and claims that went unanswered. */
  void tick() {
    bgp.tick();
    ipam.tick();
  }

  void tcpTimer(TcpTimer timer) {
    bgp.timer(timer);
  }

  void relayListed(Receptionist.Listing listing) {
    realTcp.listed(listing);
  }

  void relayEvent(OutboundTcp.Event event) {
    realTcp.event(event);
  }

  BgpStatus status() {
    return bgp.status();
  }

  BgpSummary summary() {
    return bgp.summary();
  }

  /** The node stops: its speaker says Cease to every peer, as BIRD does. */
  void shutdown() {
    bgp.shutdown();
  }
}
