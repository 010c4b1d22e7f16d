package io.kubemu.nodes.gateway;

import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.net.IcmpErrors;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.Route;
import io.kubemu.nodes.stack.IcmpQuote;
import io.kubemu.nodes.tcp.TcpConfig;
import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
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
import java.util.Map;
import java.util.Random;

/**
 * The host's end of a node's underlay, as the docker bridge's gateway (172.18.0.1) is in kind:
 * the node's default route, and where connections from real clients on the host machine enter
 * the emulated network. It has a TCP stack of its own at the gateway address; its segments reach
 * the node's eth0 as frames from the gateway's MAC, and the node's frames for the gateway come
 * back to it. So a real client's connection meets the node exactly as outside traffic would:
 * kube-proxy's node-port rules, its masquerade, conntrack, the overlay. Frames for addresses
 * beyond the gateway go up its {@link Uplink} to the external network; without one, the gateway
 * is a router without a route and answers ICMP net unreachable, so clients fail at once. So does a
 * packet whose source is off the node network (a pod's own address, as to a pod address no node
 * routes): nothing beyond the gateway has a way back to it, and where kind would lose it in the
 * internet, kubemu fails the client at once. Real clients' UDP leaves from ports the gateway binds
 * for them ({@link #bindUdp}), as a host's sockets do.
 *
 * <p>Where the node network is cut into segments ({@code kubemu.cluster.node-segments}) the gateway is
 * also the router between them, each segment's first address being one of its interfaces: a frame
 * for another node's address is routed as a router routes between its connected subnets (TTL
 * decremented, ICMP time exceeded when it runs out, the gateway's MAC as source, the node's eth0 MAC
 * as destination) and put on the underlay to that node ({@link Nodes}). The router knows the nodes
 * from their leases, where a real one would ARP on each segment, and has no route to anything else
 * in the cluster: a pod address sent its way (Calico with ipipMode Never across segments) is
 * "beyond", as above. Each node's gateway is its own instance, so it answers pings and ports only
 * on its own segment's address, where a real router answers on all its interfaces.
 */
public final class HostGateway {
  /** Where frames for addresses beyond the gateway go: the external network, when there is one. */
  @FunctionalInterface
  public interface Uplink {
    /** No external network: everything beyond the gateway is unreachable. */
    Uplink NONE = frame -> false;

    /** Hands on a frame the node sent to the gateway for another address; false when nothing is there to take it. */
    boolean forward(byte[] frame);
  }

  /** The nodes the gateway routes to, as the leases tell the node agent of them. */
  public interface Nodes {
    /** A gateway on one segment: no other node is reached through it. */
    Nodes NONE = new Nodes() {
      @Override
      public MacAddress mac(Ipv4Address node) {
        return null;
      }

      @Override
      public void deliver(Ipv4Address node, byte[] frame) {}
    };

    /** The eth0 MAC of the node at {@code node}; null when no node has that address. */
    MacAddress mac(Ipv4Address node);

    /** Puts a frame on the underlay towards the node at {@code node}. */
    void deliver(Ipv4Address node, byte[] frame);
  }

  /** A UDP port bound on the gateway: where its datagrams, and ICMP errors about what it sent, go. */
  public interface UdpReceiver {
    void datagram(Ipv4Address from, int fromPort, byte[] payload);

    /** An ICMP error about a datagram this port sent, as the errno a connected socket would read. */
    default void unreachable(String errno) {}
  }

  private static final Ipv4Cidr DEFAULT = Ipv4Cidr.parse("0.0.0.0/0");
  /** Linux's ip_local_port_range, where the gateway's UDP ports come from. */
  private static final int FIRST_PORT = 32768;
  private static final int LAST_PORT = 60999;

  private final Ipv4Address address;
  private final MacAddress mac;
  private final NodeDataplane dp;
  private final TcpEndpoints tcp;
  private final Uplink uplink;
  private final Nodes nodes;
  private final Map<Integer, UdpReceiver> udp = new HashMap<>();
  private int nextUdpPort = FIRST_PORT;
  private int nextIpId = 1;

  /** A gateway with nothing behind it. */
  public HostGateway(NodeDataplane dp, Ipv4Address address, TcpTimer.Scheduler timers) {
    this(dp, address, timers, Uplink.NONE);
  }

  /** A gateway of a node network of one segment: {@code uplink} takes what goes beyond it. */
  public HostGateway(NodeDataplane dp, Ipv4Address address, TcpTimer.Scheduler timers, Uplink uplink) {
    this(dp, address, timers, uplink, Nodes.NONE);
  }

  /**
   * Attaches the gateway to the node: its MAC in eth0's neighbour table, and {@code default via address
   * dev eth0}; frames for other nodes' addresses are routed to {@code nodes}, the rest up {@code uplink}.
   */
  public HostGateway(NodeDataplane dp, Ipv4Address address, TcpTimer.Scheduler timers, Uplink uplink, Nodes nodes) {
    this.dp = dp;
    this.address = address;
    this.mac = mac(address);
    this.uplink = uplink;
    this.nodes = nodes;
    dp.neighbors("eth0").addPermanent(address, mac);
    dp.routes().add(Route.via(DEFAULT, address, "eth0"));
    Random isn = new Random(address.bits() ^ System.nanoTime());
    this.tcp = new TcpEndpoints(TcpConfig.LINUX, this::send, timers, dst -> address, dp.eth0().mtu() - 40, System::nanoTime,
        isn::nextInt);
  }

  /** The gateway's MAC: every node, and the external network behind it, derive the same one from its address. */
  public static MacAddress mac(Ipv4Address address) {
    return MacAddress.local(0x47_0000_0000L | address.unsigned());
  }

  public Ipv4Address address() {
    return address;
  }

  public TcpEndpoints tcp() {
    return tcp;
  }

  /** Binds a free UDP port of the gateway for {@code receiver}; -1 when every port is taken. */
  public int bindUdp(UdpReceiver receiver) {
    for (int tried = 0; tried <= LAST_PORT - FIRST_PORT; tried++) {
      int port = nextUdpPort;
      nextUdpPort = port == LAST_PORT ? FIRST_PORT : port + 1;
      if (!udp.containsKey(port)) {
        udp.put(port, receiver);
        return port;
      }
    }
    return -1;
  }

  public void closeUdp(int port) {
    udp.remove(port);
  }

  /** A datagram from the gateway's {@code srcPort} into the cluster, as any outside host sends one. */
  public void sendUdp(int srcPort, Ipv4Address dst, int dstPort, byte[] payload) {
    UdpDatagram d = UdpDatagram.of(address, dst, srcPort, dstPort, payload);
    toNode(Ipv4Packet.of(IpProtocol.UDP, address, dst, 64, nextIpId(), d.toBytes()));
  }

  private String send(Ipv4Address src, Ipv4Address dst, byte[] segment) {
    toNode(Ipv4Packet.of(IpProtocol.TCP, src, dst, 64, nextIpId(), segment));
    return null;
  }

  private void toNode(Ipv4Packet p) {
    dp.fromUnderlay(Frames.ipv4(mac, dp.eth0().mac(), p));
  }

  private int nextIpId() {
    nextIpId = (nextIpId + 1) & 0xFFFF;
    return nextIpId;
  }

  /** A frame the node sent to the gateway. Never throws: what the gateway cannot take is dropped and counted. */
  public void receive(byte[] frame) {
    try {
      ByteReader r = new ByteReader(frame);
      EthernetHeader eth = EthernetHeader.decode(r);
      if (eth.etherType() != EtherType.IPV4) {
        dp.eth0().dropped(DropReason.UNSUPPORTED_PROTOCOL);
        return;
      }
      Ipv4Packet p = Ipv4Packet.decode(r);
      if (!p.destination().equals(address)) {
        beyond(frame, p);
      } else if (p.protocol() == IpProtocol.ICMP) {
        icmp(p, IcmpMessage.decode(new ByteReader(p.payload())));
      } else if (p.protocol() == IpProtocol.TCP) {
        tcp(p, TcpSegment.decode(new ByteReader(p.payload())));
      } else if (p.protocol() == IpProtocol.UDP) {
        udp(p, UdpDatagram.decode(new ByteReader(p.payload())));
      } else {
        dp.eth0().dropped(DropReason.UNSUPPORTED_PROTOCOL);
      }
    } catch (MalformedPacketException e) {
      dp.eth0().dropped(DropReason.MALFORMED);
    }
  }

  /** Routed through the gateway: to another node, up to the external network, or back as ICMP net unreachable. */
  private void beyond(byte[] frame, Ipv4Packet p) {
    MacAddress node = nodes.mac(p.destination());
    if (node != null) {
      toOtherNode(node, p);
    } else if (!dp.eth0().subnet().contains(p.source()) || !uplink.forward(frame)) {
      dp.eth0().dropped(DropReason.NO_ROUTE);
      IcmpErrors.about(p, IcmpMessage.destinationUnreachable(IcmpMessage.NET, p.toBytes()), address, nextIpId())
          .ifPresent(this::toNode);
    }
  }

  /** Forwards a packet to the node whose eth0 has {@code nodeMac}, as a router forwards one between its subnets. */
  private void toOtherNode(MacAddress nodeMac, Ipv4Packet p) {
    if (p.ttl() <= 1) {
      dp.eth0().dropped(DropReason.TTL_EXCEEDED);
      IcmpErrors.about(p, IcmpMessage.timeExceeded(IcmpMessage.TTL_EXCEEDED_IN_TRANSIT, p.toBytes()), address, nextIpId())
          .ifPresent(this::toNode);
      return;
    }
    nodes.deliver(p.destination(), Frames.ipv4(mac, nodeMac, p.withTtl(p.ttl() - 1)));
  }

  /** A ping of the gateway is answered; an ICMP error about a segment it sent (a REJECT) refuses the real client at once. */
  private void icmp(Ipv4Packet p, IcmpMessage icmp) {
    if (icmp.type() == IcmpMessage.ECHO_REQUEST) {
      toNode(Ipv4Packet.of(IpProtocol.ICMP, address, p.source(), 64, nextIpId(), icmp.echoReply().toBytes()));
      return;
    }
    IcmpQuote.of(icmp).ifPresent(q -> {
      if (q.protocol() == IpProtocol.TCP) {
        tcp.icmpError(q.source(), q.first(), q.destination(), q.second(), IcmpQuote.errno(icmp));
      } else if (q.protocol() == IpProtocol.UDP && udp.containsKey(q.first())) {
        udp.get(q.first()).unreachable(IcmpQuote.errno(icmp));
      }
    });
  }

  /** A datagram for a bound port is handed over; one for a port nobody bound gets port unreachable, as from any host. */
  private void udp(Ipv4Packet p, UdpDatagram d) {
    if (!d.checksumValid(p.source(), p.destination())) {
      dp.eth0().dropped(DropReason.MALFORMED);
      return;
    }
    UdpReceiver receiver = udp.get(d.destinationPort());
    if (receiver == null) {
      dp.eth0().dropped(DropReason.NO_SOCKET);
      IcmpErrors.about(p, IcmpMessage.destinationUnreachable(IcmpMessage.PORT, p.toBytes()), address, nextIpId())
          .ifPresent(this::toNode);
      return;
    }
    receiver.datagram(p.source(), d.sourcePort(), d.payload());
  }

  private void tcp(Ipv4Packet p, TcpSegment seg) {
    if (!seg.checksumValid(p.source(), p.destination())) {
      dp.eth0().dropped(DropReason.MALFORMED);
      return;
    }
    tcp.receive(p.source(), p.destination(), seg);
  }
}
