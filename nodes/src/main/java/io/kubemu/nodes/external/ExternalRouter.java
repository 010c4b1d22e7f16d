package io.kubemu.nodes.external;

import io.kubemu.nodes.gateway.HostGateway;
import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.net.IcmpErrors;
import io.kubemu.nodes.net.NetInterface;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.ArpPacket;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetHeader;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.HashMap;
import java.util.Map;

/**
 * The router behind the node network's gateway, as the docker host is behind kind's bridge: it
 * routes between the nodes, which reach it through their host gateways, and the external hosts,
 * each alone on a link of its own. A node is learned from the frames it sends (its address, its
 * MAC, and where its replies go), as a router's neighbour cache fills from traffic; nothing beyond
 * the node network can reach a node it never heard from. An address no external host has gets
 * ICMP net unreachable, as from a router without a route. It answers its hosts' ARP for their
 * gateway, {@link #HOST_GATEWAY}. Where the node network is cut into segments, it is the router of
 * them all: it answers a node from the MAC the node sent to, its own segment's gateway (ICMP errors
 * still come from the network's first address). Never throws on bad frames: they are dropped and counted.
 * Owned by one actor: single-threaded. {@code N} is how the owner addresses a node.
 */
public final class ExternalRouter<N> {
  /** Where frames leave the router: to an external host's link, or to a node's eth0. */
  public interface Output<N> {
    void toHost(Ipv4Address host, byte[] frame);

    void toNode(N node, byte[] frame);
  }

  /** What every external host routes through: the link-local gateway Calico gives pods, answered by proxy ARP. */
  public static final Ipv4Address HOST_GATEWAY = Ipv4Address.parse("169.254.1.1");

  /** A node the router heard from: where its frames go, its eth0 MAC, and the gateway MAC it sends to. */
  private record Node<N>(N handle, MacAddress mac, MacAddress gatewayMac) {}

  private final Ipv4Cidr nodeNetwork;
  private final Ipv4Address address;
  private final MacAddress mac;
  private final NetInterface nodeSide;
  private final NetInterface hostSide;
  private final Map<Ipv4Address, MacAddress> hosts;
  private final Map<Ipv4Address, Node<N>> nodes = new HashMap<>();
  private final Output<N> out;
  private int nextIpId;

  /** A router at the node network's gateway address (its first address), for {@code hosts} (address to MAC). */
  public ExternalRouter(Ipv4Cidr nodeNetwork, Map<Ipv4Address, MacAddress> hosts, Output<N> out) {
    this.nodeNetwork = nodeNetwork;
    this.address = nodeNetwork.address(1);
    this.mac = HostGateway.mac(address);
    this.nodeSide = new NetInterface("external", "br0", mac, address, nodeNetwork, 1500);
    this.hostSide = new NetInterface("external", "ext0", mac, HOST_GATEWAY, Ipv4Cidr.containing(HOST_GATEWAY, 32), 1500);
    this.hosts = Map.copyOf(hosts);
    this.out = out;
  }

  /** The interface on the node network (br0, the gateway's address) and the one towards the hosts (ext0). */
  public NetInterface nodeSide() {
    return nodeSide;
  }

  public NetInterface hostSide() {
    return hostSide;
  }

  /** The router is gone: its interfaces' metrics go with it. */
  public void close() {
    nodeSide.close();
    hostSide.close();
  }

  /** How many nodes the router has heard from. */
  public int nodes() {
    return nodes.size();
  }

  /** A frame a node sent to its gateway for an address beyond it; {@code node} is where the node's replies go. */
  public void fromNode(N node, byte[] frame) {
    nodeSide.received(frame);
    try {
      ByteReader r = new ByteReader(frame);
      EthernetHeader eth = EthernetHeader.decode(r);
      if (eth.etherType() != EtherType.IPV4) {
        nodeSide.dropped(DropReason.UNSUPPORTED_PROTOCOL);
        return;
      }
      Ipv4Packet p = Ipv4Packet.decode(r);
      learn(new Node<>(node, eth.source(), eth.destination()), p.source());
      route(nodeSide, p);
    } catch (MalformedPacketException e) {
      nodeSide.dropped(DropReason.MALFORMED);
    }
  }

  private void learn(Node<N> node, Ipv4Address source) {
    if (!nodeNetwork.contains(source) || source.equals(address)) {
      return; // a pod's own address, not masqueraded: the router has no way back to it
    }
    if (!node.equals(nodes.get(source))) {
      nodes.put(source, node);
    }
  }

  /** A frame an external host sent on its link. */
  public void fromHost(Ipv4Address host, byte[] frame) {
    hostSide.received(frame);
    try {
      ByteReader r = new ByteReader(frame);
      EthernetHeader eth = EthernetHeader.decode(r);
      if (eth.etherType() == EtherType.ARP) {
        arp(host, ArpPacket.decode(r));
      } else if (eth.etherType() == EtherType.IPV4) {
        route(hostSide, Ipv4Packet.decode(r));
      } else {
        hostSide.dropped(DropReason.UNSUPPORTED_PROTOCOL);
      }
    } catch (MalformedPacketException e) {
      hostSide.dropped(DropReason.MALFORMED);
    }
  }

  /** Proxy ARP: every address on a host's link but its own is the router's. */
  private void arp(Ipv4Address host, ArpPacket arp) {
    if (arp.operation() == ArpPacket.REQUEST && !arp.targetIp().equals(host)) {
      byte[] reply = Frames.arpReply(arp, mac);
      hostSide.transmitted(reply);
      out.toHost(host, reply);
    }
  }

  private void route(NetInterface in, Ipv4Packet p) {
    MacAddress hostMac = hosts.get(p.destination());
    Node<N> node = hostMac == null ? nodes.get(p.destination()) : null;
    if (hostMac == null && node == null) {
      boolean onNodeNetwork = nodeNetwork.contains(p.destination());
      in.dropped(onNodeNetwork ? DropReason.UNREACHABLE_NODE : DropReason.NO_ROUTE);
      error(p, IcmpMessage.destinationUnreachable(onNodeNetwork ? IcmpMessage.HOST : IcmpMessage.NET, p.toBytes()));
      return;
    }
    if (p.ttl() <= 1) {
      in.dropped(DropReason.TTL_EXCEEDED);
      error(p, IcmpMessage.timeExceeded(IcmpMessage.TTL_EXCEEDED_IN_TRANSIT, p.toBytes()));
      return;
    }
    Ipv4Packet forwarded = p.withTtl(p.ttl() - 1);
    if (hostMac != null) {
      byte[] frame = Frames.ipv4(mac, hostMac, forwarded);
      hostSide.transmitted(frame);
      out.toHost(p.destination(), frame);
    } else {
      byte[] frame = Frames.ipv4(node.gatewayMac(), node.mac(), forwarded);
      nodeSide.transmitted(frame);
      out.toNode(node.handle(), frame);
    }
  }

  private void error(Ipv4Packet original, IcmpMessage error) {
    nextIpId = (nextIpId + 1) & 0xFFFF;
    IcmpErrors.about(original, error, address, nextIpId).ifPresent(e -> route(nodeSide, e));
  }
}
