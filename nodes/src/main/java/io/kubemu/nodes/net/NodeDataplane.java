package io.kubemu.nodes.net;

import io.kubemu.nodes.backend.Backend;
import io.kubemu.nodes.proxy.NatDecision;
import io.kubemu.nodes.proxy.ServiceNat;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.ArpPacket;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.ethernet.EthernetHeader;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A node's network namespace: eth0 on the underlay, the cni0 bridge with a veth port per pod, the
 * backend's devices (flannel.1), one routing table and a neighbour table per device. It bridges,
 * routes (decrementing TTL), answers ARP and ping for its own addresses, and hands packets routed
 * to a backend device to the backend. Never throws on bad frames: they are dropped and counted.
 * Owned by the node agent: single-threaded.
 */
public final class NodeDataplane {
  /** Where frames leave the node: into a pod's veth, or onto the underlay towards another node. */
  public interface Output {
    void toPod(String veth, byte[] frame);

    void toNode(Ipv4Address nodeIp, byte[] frame);
  }

  private final String node;
  private final NetInterface eth0;
  private final NetInterface cni0;
  private final Map<String, NetInterface> devices = new LinkedHashMap<>();
  private final Bridge bridge;
  private final Map<String, NeighborTable> neighbors = new HashMap<>();
  private final RoutingTable routes = new RoutingTable();
  private final Output out;
  private final Backend backend;
  private int nextIpId = 1;
  private ServiceNat services;
  private Consumer<Ipv4Packet> localTcp;
  private int ticks;

  /** A node whose pods live in {@code podCidr}, cni0 being its first address and their gateway (Flannel's layout). */
  public NodeDataplane(String node, Ipv4Address nodeIp, Ipv4Cidr nodeNetwork, Ipv4Cidr podCidr, Backend backend, Output out) {
    this(node, nodeIp, nodeNetwork, podCidr.address(1), podCidr, backend, out);
  }

  /**
   * A node whose cni0 has {@code gateway} on {@code bridgeSubnet}, connected through it. Calico's
   * layout gives cni0 only 169.254.1.1/32, every pod's gateway, and a /32 route per pod.
   */
  public NodeDataplane(String node, Ipv4Address nodeIp, Ipv4Cidr nodeNetwork, Ipv4Address gateway, Ipv4Cidr bridgeSubnet,
      Backend backend, Output out) {
    this.node = node;
    this.out = out;
    this.backend = backend;
    this.eth0 = new NetInterface(node, "eth0", MacAddress.local(0x45_0000_0000L | nodeIp.unsigned()), nodeIp, nodeNetwork, 1500);
    this.cni0 = new NetInterface(node, "cni0", MacAddress.local(0x43_0000_0000L | gateway.unsigned()),
        gateway, bridgeSubnet, 1450);
    this.bridge = new Bridge(node, cni0, out::toPod);
    addDevice(eth0);
    addDevice(cni0);
    routes.add(Route.connected(nodeNetwork, "eth0"));
    routes.add(Route.connected(bridgeSubnet, "cni0"));
    backend.start(this);
  }

  public String node() {
    return node;
  }

  public void addDevice(NetInterface device) {
    devices.put(device.name(), device);
    neighbors.put(device.name(), new NeighborTable());
  }

  public NetInterface device(String name) {
    NetInterface d = devices.get(name);
    return d != null ? d : bridge.ports().get(name);
  }

  public Map<String, NetInterface> devices() {
    Map<String, NetInterface> all = new LinkedHashMap<>(devices);
    all.putAll(bridge.ports());
    return all;
  }

  public NetInterface eth0() {
    return eth0;
  }

  public NetInterface cni0() {
    return cni0;
  }

  public RoutingTable routes() {
    return routes;
  }

  public NeighborTable neighbors(String device) {
    return neighbors.get(device);
  }

  public Backend backend() {
    return backend;
  }

  /** Installs kube-proxy's NAT: from now on every packet entering L3, and every bridged reply, passes it. */
  public void services(ServiceNat nat) {
    this.services = nat;
    bridge.netfilter(nat::bridged);
  }

  public ServiceNat services() {
    return services;
  }

  /** Where TCP segments addressed to the node itself go: the node's own sockets (its BGP speaker). */
  public void localTcp(Consumer<Ipv4Packet> handler) {
    this.localTcp = handler;
  }

  public int nextIpId() {
    nextIpId = (nextIpId + 1) & 0xFFFF;
    return nextIpId;
  }

  // ---- the cni0 bridge ----

  public void addVeth(String veth) {
    bridge.addPort(veth);
  }

  public void removeVeth(String veth) {
    bridge.removePort(veth);
  }

  /** A frame a pod sent into its veth: bridged, and handed to cni0's L3 when addressed to it. */
  public void fromPod(String veth, byte[] frame) {
    EthernetHeader eth = bridge.input(veth, frame);
    if (eth != null) {
      l3Input(cni0, eth.etherType(), frame);
    }
  }

  private void bridgeOut(MacAddress dst, byte[] frame) {
    bridge.output(dst, frame);
  }

  // ---- layer 3 ----

  private void l3Input(NetInterface in, int etherType, byte[] frame) {
    try {
      if (etherType == EtherType.ARP) {
        arpInput(in, ArpPacket.decode(payload(frame)));
      } else if (etherType == EtherType.IPV4) {
        ipInput(in, Ipv4Packet.decode(payload(frame)), null);
      } else {
        in.dropped(DropReason.UNSUPPORTED_PROTOCOL);
      }
    } catch (MalformedPacketException e) {
      in.dropped(DropReason.MALFORMED);
    }
  }

  /** A reader over the payload of a frame whose header was already decoded. */
  private static ByteReader payload(byte[] frame) {
    return new ByteReader(frame, EthernetFrame.HEADER_LENGTH, frame.length - EthernetFrame.HEADER_LENGTH);
  }

  private void arpInput(NetInterface in, ArpPacket arp) {
    List<Ipv4Packet> waiting = neighbors.get(in.name()).learn(arp.senderIp(), arp.senderMac());
    if (arp.operation() == ArpPacket.REQUEST && arp.targetIp().equals(in.address())) {
      byte[] reply = Frames.arpReply(arp, in.mac());
      if (in == cni0) {
        bridgeOut(arp.senderMac(), reply);
      }
    }
    waiting.forEach(p -> sendL2(in, p, arp.senderIp()));
  }

  private boolean isLocal(Ipv4Address ip) {
    for (NetInterface d : devices.values()) {
      if (ip.equals(d.address())) {
        return true;
      }
    }
    return false;
  }

  private void ipInput(NetInterface in, Ipv4Packet packet, byte[] frame) {
    if (services != null) {
      ServiceNat.Step step = services.prerouting(packet, this::isLocal, this::sourceTowards);
      if (step.verdict() == NatDecision.Verdict.REJECT) {
        icmpError(in, packet, IcmpMessage.destinationUnreachable(IcmpMessage.PORT, packet.toBytes()));
        return;
      }
      if (step.verdict() == NatDecision.Verdict.DROP) {
        in.dropped(DropReason.POLICY);
        return;
      }
      if (step.packet() != packet) {
        packet = step.packet();
        frame = null; // rewritten: the backend must not reuse the frame it arrived in
      }
    }
    if (isLocal(packet.destination())) {
      localDeliver(in, packet, frame);
    } else {
      forward(in, packet);
    }
  }

  /** The address MASQUERADE gives a packet to {@code destination}: that of the interface it is routed out of. */
  private Ipv4Address sourceTowards(Ipv4Address destination) {
    NetInterface dev = routes.lookup(destination).map(r -> devices.get(r.device())).orElse(eth0);
    return dev != null && dev.address() != null ? dev.address() : eth0.address();
  }

  private void localDeliver(NetInterface in, Ipv4Packet packet, byte[] frame) {
    if (packet.protocol() == IpProtocol.ICMP) {
      IcmpMessage icmp = IcmpMessage.decode(new ByteReader(packet.payload()));
      if (icmp.type() == IcmpMessage.ECHO_REQUEST) {
        originate(Ipv4Packet.of(IpProtocol.ICMP, packet.destination(), packet.source(), 64, nextIpId(), icmp.echoReply().toBytes()));
      }
    } else if (packet.protocol() == IpProtocol.UDP) {
      UdpDatagram udp = UdpDatagram.decode(new ByteReader(packet.payload()));
      if (!backend.receiveUdp(packet, udp, frame, this)) {
        in.dropped(DropReason.NO_SOCKET);
      }
    } else if (packet.protocol() == IpProtocol.TCP && localTcp != null) {
      localTcp.accept(packet);
    } else if (!backend.receiveIp(packet, this)) {
      in.dropped(DropReason.UNSUPPORTED_PROTOCOL);
    }
  }

  private void forward(NetInterface in, Ipv4Packet packet) {
    if (packet.ttl() <= 1) {
      in.dropped(DropReason.TTL_EXCEEDED);
      icmpError(in, packet, IcmpMessage.timeExceeded(0, packet.toBytes()));
      return;
    }
    route(in, packet.withTtl(packet.ttl() - 1));
  }

  /** Sends a packet the node itself generated (ICMP replies and errors, tunnel traffic). */
  public void originate(Ipv4Packet packet) {
    route(eth0, packet);
  }

  private void route(NetInterface in, Ipv4Packet packet) {
    Route r = routes.lookup(packet.destination()).orElse(null);
    if (r == null) {
      in.dropped(DropReason.NO_ROUTE);
      icmpError(in, packet, IcmpMessage.destinationUnreachable(IcmpMessage.NET, packet.toBytes()));
      return;
    }
    NetInterface dev = devices.get(r.device());
    Ipv4Address hop = r.nextHop(packet.destination());
    if (dev == cni0 || dev == eth0) {
      sendL2(dev, packet, hop);
    } else if (!backend.transmit(r.device(), packet, hop, this)) {
      in.dropped(DropReason.NO_ROUTE);
    }
  }

  private void icmpError(NetInterface in, Ipv4Packet original, IcmpMessage error) {
    Ipv4Address src = in.address() != null ? in.address() : eth0.address();
    IcmpErrors.about(original, error, src, nextIpId()).ifPresent(this::originate);
  }

  /** Resolves the next hop on {@code dev} and sends: ARP on cni0, permanent entries on eth0. */
  private void sendL2(NetInterface dev, Ipv4Packet packet, Ipv4Address hop) {
    NeighborTable table = neighbors.get(dev.name());
    MacAddress mac = table.lookup(hop);
    if (mac == null) {
      if (dev != cni0) {
        dev.dropped(DropReason.NEIGHBOR_FAILED);
        return;
      }
      switch (table.enqueue(hop, packet)) {
        case SEND_REQUEST -> bridgeOut(MacAddress.BROADCAST, Frames.arpRequest(cni0.mac(), cni0.address(), hop));
        case QUEUE_FULL -> dev.dropped(DropReason.NEIGHBOR_QUEUE_FULL);
        case WAITING -> { }
      }
      return;
    }
    byte[] frame = Frames.ipv4(dev.mac(), mac, packet);
    if (dev == cni0) {
      bridgeOut(mac, frame);
    } else {
      eth0.transmitted(frame);
      out.toNode(hop, frame);
    }
  }

  /**
   * Sends a packet between node IPs on the underlay (a tunnel's outer packet): straight to a node on
   * eth0's subnet, to the gateway of eth0's route for one on another segment, as the kernel sends a
   * VXLAN or IP-in-IP packet over a routed underlay. Returns the frame sent, or null if dropped.
   */
  public byte[] sendUnderlay(Ipv4Packet packet) {
    Ipv4Address hop = underlayHop(packet.destination());
    if (hop == null) {
      eth0.dropped(DropReason.NO_ROUTE);
      return null;
    }
    MacAddress mac = neighbors.get("eth0").lookup(hop);
    if (mac == null) {
      eth0.dropped(DropReason.NEIGHBOR_FAILED);
      return null;
    }
    byte[] frame = Frames.ipv4(eth0.mac(), mac, packet);
    eth0.transmitted(frame);
    out.toNode(hop, frame);
    return frame;
  }

  /** The neighbour on eth0 a packet to {@code nodeIp} goes to: the node itself, or the gateway eth0's route names. */
  private Ipv4Address underlayHop(Ipv4Address nodeIp) {
    if (eth0.subnet().contains(nodeIp)) {
      return nodeIp;
    }
    Route r = routes.lookup(nodeIp).orElse(null);
    return r != null && r.device().equals(eth0.name()) && r.gateway() != null ? r.gateway() : null;
  }

  /** A frame from another node on the underlay. */
  public void fromUnderlay(byte[] frame) {
    eth0.received(frame);
    try {
      ByteReader r = new ByteReader(frame);
      EthernetHeader eth = EthernetHeader.decode(r);
      if (!eth.destination().equals(eth0.mac())) {
        eth0.dropped(DropReason.NOT_FOR_US);
        return;
      }
      if (eth.etherType() != EtherType.IPV4) {
        eth0.dropped(DropReason.UNSUPPORTED_PROTOCOL);
        return;
      }
      ipInput(eth0, Ipv4Packet.decode(r), frame);
    } catch (MalformedPacketException e) {
      eth0.dropped(DropReason.MALFORMED);
    }
  }

  /** A frame that came out of a tunnel device (flannel.1): it must be addressed to that device. */
  public void fromTunnel(NetInterface dev, byte[] innerFrame) {
    try {
      ByteReader r = new ByteReader(innerFrame);
      EthernetHeader eth = EthernetHeader.decode(r);
      if (!eth.destination().equals(dev.mac()) || eth.etherType() != EtherType.IPV4) {
        dev.dropped(DropReason.NOT_FOR_US);
        return;
      }
      ipInput(dev, Ipv4Packet.decode(r), null);
    } catch (MalformedPacketException e) {
      dev.dropped(DropReason.MALFORMED);
    }
  }

  /** A packet that came out of a layer-3 tunnel device (tunl0): routed as if it arrived on {@code dev}. */
  public void fromTunnel(NetInterface dev, Ipv4Packet inner) {
    ipInput(dev, inner, null);
  }

  /** Once a second: ARP retries on cni0; packets for neighbours that never answered are dropped. */
  public void tick() {
    if (services != null && ++ticks % 10 == 0) {
      services.conntrack().sweep();
    }
    NeighborTable table = neighbors.get("cni0");
    if (!table.hasPending()) {
      return;
    }
    Map<Ipv4Address, List<Ipv4Packet>> failed = new HashMap<>();
    for (Ipv4Address ip : table.tick(failed)) {
      bridgeOut(MacAddress.BROADCAST, Frames.arpRequest(cni0.mac(), cni0.address(), ip));
    }
    failed.forEach((ip, packets) -> packets.forEach(p -> {
      cni0.dropped(DropReason.NEIGHBOR_FAILED);
      icmpError(cni0, p, IcmpMessage.destinationUnreachable(IcmpMessage.HOST, p.toBytes()));
    }));
  }
}
