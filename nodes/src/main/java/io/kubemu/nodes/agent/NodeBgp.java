package io.kubemu.nodes.agent;

import io.kubemu.nodes.backend.CalicoBgp;
import io.kubemu.nodes.bgp.BgpSpeaker;
import io.kubemu.nodes.bgp.BgpStatus;
import io.kubemu.nodes.bgp.BgpTimers;
import io.kubemu.nodes.bgp.PeerSpec;
import io.kubemu.nodes.bgp.RealTransport;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.stack.NodeTcp;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * calico-node on one node: the node's own TCP stack, the BGP speaker on it, and how the cluster's
 * state becomes the speaker's configuration, as confd turns the datastore into bird.cfg. The
 * mesh peers are the other nodes that run calico-bgp. A node whose lease went (its JVM died) stays a
 * peer while its session is up: as with a real node that vanished, the session ends when its hold
 * timer expires, and only then are its routes withdrawn.
 */
final class NodeBgp {
  private final NodeConfig config;
  private final NodeTcp tcp;
  private final BgpSpeaker speaker;
  private final Map<String, NodeLease> known = new java.util.TreeMap<>();
  private Set<String> leased = Set.of();

  NodeBgp(NodeConfig config, NodeDataplane dp, CalicoBgp backend, TcpTimer.Scheduler timers, Ipv4Address gateway,
      BgpSpeaker.RealConnector real) {
    this.config = config;
    this.tcp = new NodeTcp(dp, timers);
    backend.gateway(gateway);
    this.speaker = new BgpSpeaker(config.name(), config.nodeIp(), config.bgp(), System::currentTimeMillis, tcp.tcp(), real,
        backend);
  }

  /** The prefixes the node originates: its IPAM blocks and borrowed addresses. */
  void originate(Set<io.kubemu.protocols.addr.Ipv4Cidr> prefixes) {
    speaker.originate(prefixes);
  }

  void peers(Map<String, NodeLease> leases) {
    leases.values().stream().filter(l -> !l.node().equals(config.name()) && CalicoBgp.NAME.equals(l.backend()))
        .forEach(l -> known.put(l.node(), l));
    leased = Set.copyOf(leases.keySet());
    forgetGone();
    reconfigure();
  }

  /** Drops nodes without a lease whose session is down; true when one went. */
  private boolean forgetGone() {
    return known.values().removeIf(l -> !leased.contains(l.node())
        && !speaker.established(PeerSpec.mesh(config.nodeIp(), l.nodeIp(), BgpTimers.DEFAULT_ASN).name()));
  }

  private void reconfigure() {
    List<PeerSpec> peers = new ArrayList<>();
    for (NodeLease l : known.values()) {
      peers.add(PeerSpec.mesh(config.nodeIp(), l.nodeIp(), BgpTimers.DEFAULT_ASN));
    }
    speaker.configure(new BgpSpeaker.Setup(BgpTimers.DEFAULT_ASN, null, peers, List.of(config.clusterCidr())));
  }

  void tick() {
    speaker.tick();
    if (forgetGone()) {
      reconfigure();
    }
  }

  void timer(TcpTimer timer) {
    tcp.tcp().onTimer(timer);
  }

  io.kubemu.nodes.bgp.BgpSummary summary() {
    return speaker.summary();
  }

  BgpStatus status() {
    return speaker.status();
  }

  void shutdown() {
    speaker.shutdown();
  }

}
