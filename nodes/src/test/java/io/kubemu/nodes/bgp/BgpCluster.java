package io.kubemu.nodes.bgp;

import io.kubemu.nodes.backend.CalicoBgp;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.QueuedTraffic;
import io.kubemu.nodes.net.TestNodes;
import io.kubemu.nodes.stack.NodeTcp;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Nodes w1..wN (172.18.0.2.., pods 10.244.(N-1).0/24) with the calico-bgp backend and a BGP speaker
 * each, on one manual clock: frames queue between nodes as actor messages do, and {@link #advance}
 * moves time in 100 ms steps, firing TCP timers and ticking the speakers once a second. Nodes can
 * die (their frames vanish, their timers stop) and links can be cut.
 */
final class BgpCluster {
  static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");

  final Map<String, Node> nodes = new LinkedHashMap<>();
  private final QueuedTraffic traffic = new QueuedTraffic(CLUSTER);
  private final Set<Set<String>> cut = new HashSet<>();
  private final Set<String> dead = new HashSet<>();
  private long nanos = 1_000_000_000L;
  private long sinceTick;

  final class Node {
    final String name;
    final NodeDataplane dp;
    final FakeTcpTimers timers = new FakeTcpTimers(() -> nanos);
    final NodeTcp tcp;
    final BgpSpeaker speaker;

    Node(String name, int index, BgpTimers bgpTimers) {
      this.name = name;
      Ipv4Address ip = Ipv4Address.parse("172.18.0." + (index + 1));
      this.dp = new NodeDataplane(name, ip, TestNodes.UNDERLAY, CLUSTER.subnet(24, index - 1), new CalicoBgp(ip),
          traffic.output((to, frame) -> deliver(name, to, frame)));
      this.tcp = new NodeTcp(dp, timers);
      this.speaker = new BgpSpeaker(name, ip, bgpTimers, () -> nanos / 1_000_000, tcp.tcp(), t -> t.closed("refused"),
          (CalicoBgp) dp.backend(), traffic::later);
      speaker.originate(Set.of(dp.cni0().subnet()));
    }

    Ipv4Address ip() {
      return dp.eth0().address();
    }

    PeerSpec meshPeer(Node other) {
      return PeerSpec.mesh(ip(), other.ip(), BgpTimers.DEFAULT_ASN);
    }

    String routes() {
      return dp.routes().show();
    }
  }

  BgpCluster(int count) {
    this(count, new BgpTimers(Duration.ofSeconds(9), Duration.ofSeconds(3), Duration.ofSeconds(5)));
  }

  BgpCluster(int count, BgpTimers timers) {
    for (int i = 1; i <= count; i++) {
      nodes.put("w" + i, new Node("w" + i, i, timers));
    }
    for (Node a : nodes.values()) {
      for (Node b : nodes.values()) {
        a.dp.neighbors("eth0").addPermanent(b.ip(), b.dp.eth0().mac());
      }
    }
  }

  Node node(String name) {
    return nodes.get(name);
  }

  /** Every node peers with every other: Calico's node-to-node mesh. */
  BgpCluster mesh() {
    for (Node a : nodes.values()) {
      List<PeerSpec> peers = new ArrayList<>();
      nodes.values().stream().filter(b -> b != a).forEach(b -> peers.add(a.meshPeer(b)));
      a.speaker.configure(new BgpSpeaker.Setup(BgpTimers.DEFAULT_ASN, null, peers, List.of(CLUSTER)));
    }
    return this;
  }

  private void deliver(String from, Ipv4Address to, byte[] frame) {
    if (dead.contains(from)) {
      return;
    }
    for (Node n : nodes.values()) {
      if (n.ip().equals(to) && !dead.contains(n.name) && !cut.contains(Set.of(from, n.name))) {
        n.dp.fromUnderlay(frame);
      }
    }
  }

  PodStack pod(String node, String ip, long mac) {
    Node n = nodes.get(node);
    return traffic.pod(n.dp, "veth-" + node + "-" + ip, ip, mac);
  }

  void kill(String node) {
    dead.add(node);
  }

  void cut(String a, String b) {
    cut.add(Set.of(a, b));
  }

  void heal(String a, String b) {
    cut.remove(Set.of(a, b));
  }

  void pump() {
    traffic.pump();
  }

  /** Lets {@code d} pass: TCP timers fire when due, speakers tick each second, frames run out after each step. */
  void advance(Duration d) {
    long end = nanos + d.toNanos();
    while (nanos < end) {
      long step = Math.min(100_000_000L, end - nanos);
      nanos += step;
      sinceTick += step;
      for (Node n : nodes.values()) {
        if (dead.contains(n.name)) {
          continue;
        }
        Optional<Map.Entry<TcpTimer, Long>> due;
        while ((due = n.timers.takeDue(nanos)).isPresent()) {
          n.tcp.tcp().onTimer(due.get().getKey());
        }
      }
      if (sinceTick >= 1_000_000_000L) {
        sinceTick = 0;
        nodes.values().stream().filter(n -> !dead.contains(n.name)).forEach(n -> n.speaker.tick());
      }
      pump();
    }
  }
}
