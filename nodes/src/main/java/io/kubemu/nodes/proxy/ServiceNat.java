package io.kubemu.nodes.proxy;

import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.ConntrackEntry;
import io.kubemu.nodes.conntrack.FlowTuple;
import io.kubemu.nodes.conntrack.TrackState;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.nat.NatRewrite;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Where a node's proxier meets its packets, as netfilter's NAT hooks do: the first packet of a
 * flow asks the proxier, and a DNAT or masquerade it decides is written into conntrack; every
 * later packet of the flow, either way, is translated from its conntrack entry. The CNI's
 * {@link PodMasquerade} is decided here too, after any DNAT, into the same entry. Flows nothing
 * translates are not tracked (Linux tracks them too; kubemu keeps only what NAT needs).
 */
public final class ServiceNat {
  /** What happens to a packet: it goes on (perhaps rewritten), or the proxier refused its flow. */
  public record Step(Ipv4Packet packet, NatDecision.Verdict verdict) {
    static Step pass(Ipv4Packet p) {
      return new Step(p, NatDecision.Verdict.ACCEPT);
    }
  }

  private static final int PORT_LOW = 1024;
  private final Proxier proxier;
  private final Conntrack conntrack;
  private final PodMasquerade podMasquerade;
  private int nextPort = 32768;
  private long dropsTableFull;
  /** The addresses and node ports some rule of the proxier matches: other packets need no decision. */
  private Set<Ipv4Address> serviceAddresses = Set.of();
  private Set<Integer> nodePorts = Set.of();

  /** kube-proxy's NAT alone, as on a node whose CNI masquerades nothing. */
  public ServiceNat(Proxier proxier, Conntrack conntrack) {
    this(proxier, conntrack, PodMasquerade.OFF);
  }

  public ServiceNat(Proxier proxier, Conntrack conntrack, PodMasquerade podMasquerade) {
    this.proxier = proxier;
    this.conntrack = conntrack;
    this.podMasquerade = podMasquerade;
  }

  public Proxier proxier() {
    return proxier;
  }

  /**
   * Hands the proxier the whole state, and, as kube-proxy does after a sync, forgets UDP flows to
   * endpoints that are gone (a UDP client would otherwise keep sending into the void).
   */
  public void sync(ProxyState state) {
    proxier.sync(state);
    Set<Ipv4Address> addresses = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (ServiceInfo s : state.services().values()) {
      addresses.add(s.clusterIp());
      addresses.addAll(s.externalIps());
      addresses.addAll(s.loadBalancerIps());
      if (s.nodePort() > 0) {
        ports.add(s.nodePort());
      }
    }
    serviceAddresses = addresses;
    nodePorts = ports;
    conntrack.delete(staleUdp(state));
  }

  public Conntrack conntrack() {
    return conntrack;
  }

  /** The NAT rules the node runs: the proxier's, as its mode's tool prints them, then the CNI's masquerade. */
  public String show() {
    String cni = podMasquerade.show();
    return cni.isEmpty() ? proxier.show() : proxier.show() + "# flanneld --ip-masq (the CNI's, the same in every proxy mode)\n" + cni;
  }

  /** New flows dropped because conntrack could not take them. */
  public long dropsTableFull() {
    return dropsTableFull;
  }

  /**
   * kube-proxy's CleanStaleEntries (pkg/proxy/conntrack/cleanup.go): for each UDP frontend (cluster
   * IP, external and load-balancer IPs, node port) of a Service with serving endpoints, the flows
   * whose replies come from an address that serves it no more.
   */
  private static Predicate<ConntrackEntry> staleUdp(ProxyState state) {
    Map<String, Set<Ipv4Address>> serving = new HashMap<>();
    for (ServiceInfo s : state.services().values()) {
      if (!s.proto().equals("udp")) {
        continue;
      }
      Set<Ipv4Address> ips = new HashSet<>();
      state.endpoints().getOrDefault(s.name(), List.of()).stream().filter(EndpointInfo::serving).forEach(e -> ips.add(e.ip()));
      if (ips.isEmpty()) {
        continue;
      }
      serving.put(s.clusterIp() + ":" + s.port(), ips);
      s.externalIps().forEach(ip -> serving.put(ip + ":" + s.port(), ips));
      s.loadBalancerIps().forEach(ip -> serving.put(ip + ":" + s.port(), ips));
      if (s.nodePort() > 0) {
        serving.put("*:" + s.nodePort(), ips);
      }
    }
    return e -> {
      if (e.original().protocol() != IpProtocol.UDP || !e.dnat()) {
        return false;
      }
      Set<Ipv4Address> ips = serving.get(e.original().destination() + ":" + e.original().destinationPort());
      if (ips == null) {
        ips = serving.get("*:" + e.original().destinationPort());
      }
      return ips != null && !ips.contains(e.reply().source());
    };
  }

  /**
   * PREROUTING of a packet entering the node's IP layer. {@code local}: the node's own
   * addresses; {@code masqueradeSource}: the address of the interface a destination is routed out
   * of, which MASQUERADE uses.
   */
  public Step prerouting(Ipv4Packet p, Predicate<Ipv4Address> local, UnaryOperator<Ipv4Address> masqueradeSource) {
    Ipv4Address to = p.destination();
    if (!serviceAddresses.contains(to) && !conntrack.tracksTrafficTo(to) && !(nodePortsOpen() && local.test(to))
        && !podMasquerade.applies(p.source(), to)) {
      return Step.pass(p); // neither a Service, nor part of a translated flow, nor the node's own address, nor leaving the pods
    }
    Optional<FlowTuple> tuple = FlowTuple.of(p);
    if (tuple.isEmpty()) {
      Ipv4Packet related = p.protocol() == IpProtocol.ICMP ? IcmpTranslation.reply(p, conntrack) : null;
      return Step.pass(related != null ? related : p);
    }
    FlowTuple t = tuple.get();
    Conntrack.Match m = conntrack.lookup(t);
    int flags = tcpFlags(p);
    if (m != null && m.original() && reopens(m, flags)) {
      conntrack.remove(m); // a new connection on an old tuple gets a fresh decision, as nf_conntrack_tcp does
      m = null;
    }
    if (m != null) {
      conntrack.seen(m, flags);
      return Step.pass(translate(p, m));
    }
    boolean destinationLocal = local.test(p.destination());
    NatDecision d = NatDecision.UNTOUCHED;
    if (serviceAddresses.contains(p.destination()) || (destinationLocal && nodePorts.contains(t.destinationPort()))) {
      PacketContext ctx = new PacketContext(p.source(), p.destination(), IpProtocol.name(p.protocol()), t.destinationPort(),
          local.test(p.source()), destinationLocal);
      d = proxier.decide(ctx, false);
    } // else no rule of the proxier can match it (tunnel traffic, pod to pod, pod to the world)
    if (d.verdict() != NatDecision.Verdict.ACCEPT) {
      return new Step(p, d.verdict());
    }
    Ipv4Address dst = d.dnat() ? d.dnatAddress() : p.destination();
    boolean masquerade = d.masquerade() || (podMasquerade.applies(p.source(), dst) && !local.test(dst));
    if (!d.dnat() && !masquerade) {
      return Step.pass(p);
    }
    int dport = d.dnat() ? d.dnatPort() : t.destinationPort();
    Ipv4Address src = masquerade ? masqueradeSource.apply(dst) : p.source();
    // a reply tuple another flow has (two Services sharing an endpoint, one client port) gets
    // another source port, as nf_nat's unique-tuple search does even without masquerade
    int sport = sourcePort(t, dst, dport, src);
    ConntrackEntry e = sport < 0 ? null : conntrack.create(t, reply(t.protocol(), dst, dport, src, sport), flags);
    if (e == null) {
      dropsTableFull++;
      return new Step(p, NatDecision.Verdict.DROP);
    }
    return Step.pass(NatRewrite.rewrite(p, src, sport, dst, dport));
  }

  /**
   * A packet the cni0 bridge forwards between two pods (br_netfilter): only a reply of a
   * translated flow changes, e.g. an endpoint answering a client on its own node.
   */
  public Ipv4Packet bridged(Ipv4Packet p) {
    if (conntrack.size() == 0) {
      return p;
    }
    Optional<FlowTuple> t = FlowTuple.of(p);
    Conntrack.Match m = t.isEmpty() ? null : conntrack.lookup(t.get());
    if (m == null) {
      return p;
    }
    conntrack.seen(m, tcpFlags(p));
    return translate(p, m);
  }

  private static Ipv4Packet translate(Ipv4Packet p, Conntrack.Match m) {
    ConntrackEntry e = m.entry();
    if (m.original()) {
      FlowTuple to = e.reply();
      return NatRewrite.rewrite(p, to.destination(), to.destinationPort(), to.source(), to.sourcePort());
    }
    FlowTuple back = e.original();
    return NatRewrite.rewrite(p, back.destination(), back.destinationPort(), back.source(), back.sourcePort());
  }

  /** The client's port if the masqueraded reply tuple is free, else the next free one (nf_nat's unique tuple). */
  private int sourcePort(FlowTuple t, Ipv4Address dst, int dport, Ipv4Address src) {
    if (conntrack.free(reply(t.protocol(), dst, dport, src, t.sourcePort()))) {
      return t.sourcePort();
    }
    for (int i = 0; i < 65536 - PORT_LOW; i++) {
      int port = nextPort;
      nextPort = nextPort >= 65535 ? PORT_LOW : nextPort + 1;
      if (conntrack.free(reply(t.protocol(), dst, dport, src, port))) {
        return port;
      }
    }
    return -1;
  }

  /** The tuple replies carry: an ICMP echo's identifier is both its "ports", so a new one changes both. */
  private static FlowTuple reply(int protocol, Ipv4Address dst, int dport, Ipv4Address src, int sport) {
    return new FlowTuple(protocol, dst, protocol == IpProtocol.ICMP ? sport : dport, src, sport);
  }

  /** A SYN in the original direction of a flow that closed (TIME_WAIT, CLOSE): a new connection. */
  private static boolean reopens(Conntrack.Match m, int flags) {
    TrackState st = m.entry().state();
    return (flags & 0x12) == 0x02 && (st == TrackState.TIME_WAIT || st == TrackState.CLOSE);
  }

  private boolean nodePortsOpen() {
    return !nodePorts.isEmpty();
  }

  private static int tcpFlags(Ipv4Packet p) {
    byte[] b = p.payload();
    return p.protocol() == IpProtocol.TCP && b.length >= 14 ? (b[13] & 0xFF) | ((b[12] & 1) << 8) : 0;
  }
}
