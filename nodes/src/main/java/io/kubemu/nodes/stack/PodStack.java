package io.kubemu.nodes.stack;

import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.net.NeighborTable;
import io.kubemu.nodes.net.NetInterface;
import io.kubemu.nodes.net.Route;
import io.kubemu.nodes.net.RoutingTable;
import io.kubemu.nodes.tcp.TcpConfig;
import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.ArpPacket;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetHeader;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.tcp.TcpSegment;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A pod's network namespace: eth0 (the pod end of the veth pair), lo, a routing table, an ARP
 * table, UDP sockets, ICMP echo identifiers and TCP ({@link TcpEndpoints}). It answers ARP and ICMP echo itself, as a kernel
 * does; everything else is delivered to the program owning the socket. Frames leave through the
 * veth consumer given at creation. Owned by the pod actor: single-threaded.
 */
public final class PodStack {
  public static final int DEFAULT_TTL = 64;
  private static final int EPHEMERAL_LOW = 32768;
  private static final int EPHEMERAL_HIGH = 60999;

  private final NetInterface eth0;
  private final NetInterface lo;
  private final RoutingTable routes = new RoutingTable();
  private final NeighborTable neighbors = new NeighborTable();
  private final Consumer<byte[]> veth;
  private final Map<Integer, Consumer<Datagram>> udpSockets = new HashMap<>();
  private final Map<Integer, Consumer<IcmpEvent>> echoIds = new HashMap<>();
  private final TcpEndpoints tcp;
  private int nextEphemeral = EPHEMERAL_LOW;
  private int nextIpId = 1;
  private int nextEchoId = 0x2a01;

  public PodStack(String node, String pod, MacAddress mac, Ipv4Address ip, Ipv4Cidr podCidr, Ipv4Cidr clusterCidr,
      Ipv4Address gateway, int mtu, Consumer<byte[]> veth, TcpTimer.Scheduler tcpTimers) {
    this.eth0 = new NetInterface(node, pod, "eth0", mac, ip, podCidr, mtu);
    this.lo = new NetInterface(node, pod, "lo", MacAddress.ZERO, Ipv4Address.parse("127.0.0.1"), Ipv4Cidr.parse("127.0.0.0/8"), 65536);
    this.veth = veth;
    routes.add(Route.connected(podCidr, "eth0"));
    routes.add(Route.via(clusterCidr, gateway, "eth0"));
    routes.add(Route.via(Ipv4Cidr.parse("0.0.0.0/0"), gateway, "eth0"));
    Random isn = new Random(ip.bits() ^ System.nanoTime());
    this.tcp = new TcpEndpoints(TcpConfig.LINUX, this::sendTcp, tcpTimers, dst -> isLocal(dst) ? dst : address(),
        mtu - 40, System::nanoTime, isn::nextInt);
  }

  public TcpEndpoints tcp() {
    return tcp;
  }

  /** The namespace is torn down with its pod: its interfaces' metrics go with it. */
  public void close() {
    eth0.close();
    lo.close();
  }

  public NetInterface eth0() {
    return eth0;
  }

  public NetInterface lo() {
    return lo;
  }

  public Ipv4Address address() {
    return eth0.address();
  }

  public RoutingTable routes() {
    return routes;
  }

  public NeighborTable neighbors() {
    return neighbors;
  }

  /** Binds a UDP port (0 picks an ephemeral one); returns the port, or -1 when it is in use. */
  public int bindUdp(int port, Consumer<Datagram> receiver) {
    if (port == 0) {
      for (int i = 0; i <= EPHEMERAL_HIGH - EPHEMERAL_LOW; i++) {
        int candidate = nextEphemeral;
        nextEphemeral = nextEphemeral == EPHEMERAL_HIGH ? EPHEMERAL_LOW : nextEphemeral + 1;
        if (!udpSockets.containsKey(candidate)) {
          udpSockets.put(candidate, receiver);
          return candidate;
        }
      }
      return -1;
    }
    return udpSockets.putIfAbsent(port, receiver) == null ? port : -1;
  }

  public void closeUdp(int port) {
    udpSockets.remove(port);
  }

  public void bindEcho(int identifier, Consumer<IcmpEvent> receiver) {
    echoIds.put(identifier, receiver);
  }

  /** An ICMP echo identifier no program of this pod uses, as the kernel gives each ping socket its own. */
  public int freeEchoIdentifier() {
    while (echoIds.containsKey(nextEchoId)) {
      nextEchoId = (nextEchoId + 1) & 0xFFFF;
    }
    int id = nextEchoId;
    nextEchoId = (nextEchoId + 1) & 0xFFFF;
    return id;
  }

  public void closeEcho(int identifier) {
    echoIds.remove(identifier);
  }

  /** Sends a UDP datagram from the pod's address; returns an errno-style problem, or null when sent. */
  public String sendUdp(int srcPort, Ipv4Address dst, int dstPort, byte[] payload) {
    Ipv4Address src = isLocal(dst) ? dst : address();
    UdpDatagram udp = UdpDatagram.of(src, dst, srcPort, dstPort, payload);
    return send(Ipv4Packet.of(IpProtocol.UDP, src, dst, DEFAULT_TTL, nextIpId(), udp.toBytes()));
  }

  private String sendTcp(Ipv4Address src, Ipv4Address dst, byte[] segment) {
    return send(Ipv4Packet.of(IpProtocol.TCP, src, dst, DEFAULT_TTL, nextIpId(), segment));
  }

  public String sendIcmp(Ipv4Address dst, IcmpMessage message, int ttl) {
    Ipv4Address src = isLocal(dst) ? dst : address();
    return send(Ipv4Packet.of(IpProtocol.ICMP, src, dst, ttl, nextIpId(), message.toBytes()));
  }

  private int nextIpId() {
    int id = nextIpId;
    nextIpId = (nextIpId + 1) & 0xFFFF;
    return id;
  }

  private boolean isLocal(Ipv4Address dst) {
    return dst.equals(address()) || lo.subnet().contains(dst);
  }

  /** Routes a locally generated packet: loopback, or out of eth0 through ARP. */
  public String send(Ipv4Packet packet) {
    if (isLocal(packet.destination())) {
      byte[] bytes = packet.toBytes();
      lo.transmitted(bytes);
      lo.received(bytes);
      deliver(packet);
      return null;
    }
    Route route = routes.lookup(packet.destination()).orElse(null);
    if (route == null) {
      eth0.dropped(DropReason.NO_ROUTE);
      return "Network is unreachable";
    }
    if (packet.totalLength() > eth0.mtu()) {
      eth0.dropped(DropReason.MTU_EXCEEDED);
      return "Message too long";
    }
    Ipv4Address hop = route.nextHop(packet.destination());
    MacAddress mac = neighbors.lookup(hop);
    if (mac != null) {
      transmit(Frames.ipv4(eth0.mac(), mac, packet));
    } else {
      switch (neighbors.enqueue(hop, packet)) {
        case SEND_REQUEST -> transmit(Frames.arpRequest(eth0.mac(), address(), hop));
        case QUEUE_FULL -> eth0.dropped(DropReason.NEIGHBOR_QUEUE_FULL);
        case WAITING -> { }
      }
    }
    return null;
  }

  private void transmit(byte[] frame) {
    eth0.transmitted(frame);
    veth.accept(frame);
  }

  /** Once a second: ARP retries, and packets to neighbours that never answered are dropped. */
  public void tick() {
    if (!neighbors.hasPending()) {
      return;
    }
    Map<Ipv4Address, List<Ipv4Packet>> failed = new HashMap<>();
    for (Ipv4Address ip : neighbors.tick(failed)) {
      transmit(Frames.arpRequest(eth0.mac(), address(), ip));
    }
    failed.forEach((ip, packets) -> packets.forEach(p -> {
      eth0.dropped(DropReason.NEIGHBOR_FAILED);
      hostUnreachable(p);
    }));
  }

  private void hostUnreachable(Ipv4Packet lost) {
    // The kernel reports a failed neighbour to the sender itself, as "Destination Host Unreachable".
    IcmpMessage err = IcmpMessage.destinationUnreachable(IcmpMessage.HOST, lost.toBytes());
    deliver(Ipv4Packet.of(IpProtocol.ICMP, address(), address(), DEFAULT_TTL, nextIpId(), err.toBytes()));
  }

  /** A frame arriving on eth0 from the veth. Never throws: bad frames are dropped and counted. */
  public void receive(byte[] frame) {
    eth0.received(frame);
    try {
      ByteReader r = new ByteReader(frame);
      EthernetHeader eth = EthernetHeader.decode(r);
      if (!eth.destination().equals(eth0.mac()) && !eth.destination().isBroadcast()) {
        eth0.dropped(DropReason.NOT_FOR_US);
        return;
      }
      if (eth.etherType() == EtherType.ARP) {
        receiveArp(ArpPacket.decode(r));
      } else if (eth.etherType() == EtherType.IPV4) {
        Ipv4Packet packet = Ipv4Packet.decode(r);
        if (!packet.destination().equals(address())) {
          eth0.dropped(DropReason.NOT_FOR_US);
          return;
        }
        deliver(packet);
      } else {
        eth0.dropped(DropReason.UNSUPPORTED_PROTOCOL);
      }
    } catch (MalformedPacketException e) {
      eth0.dropped(DropReason.MALFORMED);
    }
  }

  private void receiveArp(ArpPacket arp) {
    List<Ipv4Packet> waiting = neighbors.learn(arp.senderIp(), arp.senderMac());
    if (arp.operation() == ArpPacket.REQUEST && arp.targetIp().equals(address())) {
      transmit(Frames.arpReply(arp, eth0.mac()));
    }
    for (Ipv4Packet p : waiting) {
      transmit(Frames.ipv4(eth0.mac(), arp.senderMac(), p));
    }
  }

  private void deliver(Ipv4Packet packet) {
    try {
      switch (packet.protocol()) {
        case IpProtocol.ICMP -> deliverIcmp(packet, IcmpMessage.decode(new ByteReader(packet.payload())));
        case IpProtocol.UDP -> deliverUdp(packet, UdpDatagram.decode(new ByteReader(packet.payload())));
        case IpProtocol.TCP -> deliverTcp(packet, TcpSegment.decode(new ByteReader(packet.payload())));
        default -> eth0.dropped(DropReason.UNSUPPORTED_PROTOCOL);
      }
    } catch (MalformedPacketException e) {
      eth0.dropped(DropReason.MALFORMED);
    }
  }

  private void deliverIcmp(Ipv4Packet packet, IcmpMessage icmp) {
    if (icmp.type() == IcmpMessage.ECHO_REQUEST) {
      sendIcmp(packet.source(), icmp.echoReply(), DEFAULT_TTL);
      return;
    }
    if (icmp.type() == IcmpMessage.ECHO_REPLY) {
      deliverEcho(icmp.identifier(), packet, icmp);
      return;
    }
    IcmpQuote.of(icmp).ifPresent(q -> {
      if (q.protocol() == IpProtocol.ICMP && q.icmpType() == IcmpMessage.ECHO_REQUEST) {
        deliverEcho(q.echoIdentifier(), packet, icmp);
      } else if (q.protocol() == IpProtocol.TCP) {
        tcp.icmpError(q.source(), q.first(), q.destination(), q.second(), IcmpQuote.errno(icmp));
      }
    });
  }

  private void deliverEcho(int id, Ipv4Packet packet, IcmpMessage icmp) {
    Consumer<IcmpEvent> owner = echoIds.get(id);
    if (owner != null) {
      owner.accept(new IcmpEvent(packet.source(), icmp, packet.ttl(), packet.totalLength()));
    }
  }

  private void deliverTcp(Ipv4Packet packet, TcpSegment segment) {
    if (!segment.checksumValid(packet.source(), packet.destination())) {
      eth0.dropped(DropReason.MALFORMED);
      return;
    }
    tcp.receive(packet.source(), packet.destination(), segment);
  }

  private void deliverUdp(Ipv4Packet packet, UdpDatagram udp) {
    if (!udp.checksumValid(packet.source(), packet.destination())) {
      eth0.dropped(DropReason.MALFORMED);
      return;
    }
    Consumer<Datagram> socket = udpSockets.get(udp.destinationPort());
    if (socket == null) {
      eth0.dropped(DropReason.NO_SOCKET);
      if (!packet.source().equals(address())) {
        sendIcmp(packet.source(), IcmpMessage.destinationUnreachable(IcmpMessage.PORT, packet.toBytes()), DEFAULT_TTL);
      }
      return;
    }
    socket.accept(new Datagram(packet.source(), udp.sourcePort(), packet.destination(), udp.destinationPort(), udp.payload()));
  }
}
