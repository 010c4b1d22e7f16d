package io.kubemu.nodes.backend;

import io.kubemu.nodes.agent.NodeLease;
import io.kubemu.nodes.bgp.BgpPath;
import io.kubemu.nodes.bgp.BgpSpeaker;
import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.net.NetInterface;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.Route;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.vxlan.VxlanPacket;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calico's BGP networking: no overlay of its own; each node's BGP speaker learns where every block
 * lives, and the routes it picks go into the node's table (BIRD's kernel protocol), where the
 * pool says how to reach the next hop: ipipMode {@code Always}, through tunl0, IP-in-IP between
 * node addresses ({@code <block> via <node IP> dev tunl0 onlink}); vxlanMode {@code Always},
 * through vxlan.calico (VNI 4096, UDP 4789), the peer's VTEP MAC derived from its address as
 * Felix derives it from the node; {@code CrossSubnet}, so only to nodes off eth0's subnet (on
 * another segment of the node network), and straight {@code via <node IP> dev eth0} to those on
 * it; {@code Never} for both, straight on eth0. The tunnels' outer packets cross segments through
 * the gateway, as over a routed underlay. Without encapsulation a next hop off eth0's subnet is
 * reached through the gateway ({@code <block> via <gateway> dev eth0}, what BIRD's recursive next
 * hop resolves to over the default route), and the router there, knowing no pod routes, answers
 * net unreachable: Calico's reason for CrossSubnet. A next hop that is no node (a real router's) is
 * never tunnelled to, only reached through the gateway; Calico would tunnel to it if its prefix were
 * in an IPIP pool. Calico decides CrossSubnet by the subnet of the node's own address
 * (its IPv4Address with prefix, autodetected from eth0), which is eth0's subnet here too.
 */
public final class CalicoBgp implements Backend, BgpSpeaker.RouteSink {
  public static final String NAME = "calico-bgp";
  public static final String DEVICE = "tunl0";
  /** The MTU Calico gives tunl0: eth0's less the 20 bytes of the outer IPv4 header. */
  public static final int TUNNEL_MTU = 1480;
  public static final String VXLAN_DEVICE = "vxlan.calico";
  /** Calico's VXLAN network identifier and port. */
  public static final int VXLAN_VNI = 4096;
  /** Every pod's gateway in Calico: a link-local address the host side of its veth answers ARP for. */
  public static final Ipv4Address POD_GATEWAY = Ipv4Address.parse("169.254.1.1");

  /** An IP pool as the dataplane needs it: its CIDR, ipipMode and vxlanMode (Always, CrossSubnet, Never). */
  public record Pool(Ipv4Cidr cidr, String ipipMode, String vxlanMode) {}

  /** The best paths this backend programmed, by prefix, to program again when the pools change. */
  private final Map<Ipv4Cidr, BgpPath> installed = new HashMap<>();
  /** The other nodes' addresses, from their leases: the next hops a tunnel may go to. */
  private final Set<Ipv4Address> nodes = new HashSet<>();
  private List<Pool> pools = List.of();
  private NodeDataplane dp;
  private NetInterface tunl0;
  private NetInterface vxlan;
  private Ipv4Address gateway;

  public CalicoBgp(Ipv4Address nodeIp) {
    // the routes come from the node's BGP speaker
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(NodeDataplane dp) {
    this.dp = dp;
    // Without an address until calico-node's IPAM gives it one of the node's block (tunnelAddress).
    Ipv4Address self = dp.eth0().address();
    tunl0 = new NetInterface(dp.node(), DEVICE, MacAddress.local(0x49_0000_0000L | self.unsigned()), null, null, TUNNEL_MTU);
    dp.addDevice(tunl0);
    vxlan = new NetInterface(dp.node(), VXLAN_DEVICE, vtepMac(self), null, null, 1450);
    dp.addDevice(vxlan);
  }

  /**
   * The address calico-node allocates tunl0 from the node's first block at start: what the node itself
   * sends into the tunnel (masqueraded NodePort traffic, say) leaves with it, so replies come back
   * through the tunnel to this node.
   */
  public void tunnelAddress(Ipv4Address address) {
    tunl0 = new NetInterface(dp.node(), DEVICE, tunl0.mac(), address, Ipv4Cidr.containing(address, 32), TUNNEL_MTU);
    dp.addDevice(tunl0);
  }

  /** The MAC of a node's vxlan.calico, derived from its address on every node alike. */
  static MacAddress vtepMac(Ipv4Address nodeIp) {
    return MacAddress.local(0x66_0000_0000L | nodeIp.unsigned());
  }

  /** The IP pools: which ipipMode each block's routes take. */
  public void pools(List<Pool> pools) {
    if (this.pools.equals(pools)) {
      return;
    }
    this.pools = List.copyOf(pools);
    Map.copyOf(installed).forEach(this::route);
  }

  /** The node's default gateway on the underlay: where routes from routers outside kubemu point. */
  public void gateway(Ipv4Address gateway) {
    this.gateway = gateway;
  }

  @Override
  public MacAddress vtepMac() {
    return null;
  }

  @Override
  public void peerUp(NodeLease peer, NodeDataplane dp) {
    if (nodes.add(peer.nodeIp())) {
      reprogramVia(peer.nodeIp());
    }
  }

  @Override
  public void peerDown(NodeLease peer, NodeDataplane dp) {
    if (nodes.remove(peer.nodeIp())) {
      reprogramVia(peer.nodeIp());
    }
  }

  /**
   * A node off eth0's subnet came or went: the routes learned through it (a reflector may pass them on
   * before its lease arrives) change between the tunnel and the gateway. Nothing changes on the subnet.
   */
  private void reprogramVia(Ipv4Address node) {
    if (dp.eth0().subnet().contains(node)) {
      return;
    }
    Map.copyOf(installed).forEach((prefix, best) -> {
      if (node.equals(best.nextHop())) {
        route(prefix, best);
      }
    });
  }

  /** The speaker's best path to {@code prefix} changed: the kernel route follows (null: none, or the node's own). */
  @Override
  public void route(Ipv4Cidr prefix, BgpPath best) {
    if (best == null) {
      if (installed.remove(prefix) != null) {
        dp.routes().remove(prefix);
      }
      return;
    }
    Ipv4Address hop = best.nextHop();
    boolean onSubnet = dp.eth0().subnet().contains(hop);
    String device = onSubnet || nodes.contains(hop) ? encapsulation(prefix, !onSubnet) : "eth0";
    Route r;
    if (device.equals(VXLAN_DEVICE)) {
      dp.neighbors(VXLAN_DEVICE).addPermanent(hop, vtepMac(hop));
      r = new Route(prefix, hop, VXLAN_DEVICE, true);
    } else if (device.equals(DEVICE)) {
      r = new Route(prefix, hop, DEVICE, true);
    } else if (onSubnet) {
      r = Route.via(prefix, hop, "eth0");
    } else if (gateway != null) {
      r = Route.via(prefix, gateway, "eth0");
    } else {
      return;
    }
    installed.put(prefix, best);
    dp.routes().add(r);
  }

  /**
   * The device the pool holding {@code prefix} tunnels through (tunl0, vxlan.calico) to a next hop
   * on another subnet ({@code crossSubnet}) or on eth0's, or eth0 for none.
   */
  private String encapsulation(Ipv4Cidr prefix, boolean crossSubnet) {
    for (Pool p : pools) {
      if (p.cidr().contains(prefix.network()) && p.cidr().prefixLength() <= prefix.prefixLength()) {
        return encapsulates(p.vxlanMode(), crossSubnet) ? VXLAN_DEVICE : encapsulates(p.ipipMode(), crossSubnet) ? DEVICE : "eth0";
      }
    }
    return pools.isEmpty() ? DEVICE : "eth0"; // until the pools are known, Calico's default: ipipMode Always
  }

  /** Whether a pool's ipipMode or vxlanMode tunnels to a next hop on another subnet, or on eth0's. */
  private static boolean encapsulates(String mode, boolean crossSubnet) {
    return "Always".equals(mode) || crossSubnet && "CrossSubnet".equals(mode);
  }

  @Override
  public boolean transmit(String device, Ipv4Packet packet, Ipv4Address nextHop, NodeDataplane dp) {
    if (VXLAN_DEVICE.equals(device)) {
      byte[] inner = Frames.ipv4(vxlan.mac(), vtepMac(nextHop), packet);
      int srcPort = 32768 + Math.floorMod(packet.source().bits() * 31 + packet.destination().bits(), 28232);
      byte[] udp = new UdpDatagram(srcPort, VxlanPacket.IANA_PORT, 0, VxlanPacket.of(VXLAN_VNI, inner).toBytes()).toBytes();
      if (dp.sendUnderlay(Ipv4Packet.of(IpProtocol.UDP, dp.eth0().address(), nextHop, 64, dp.nextIpId(), udp)) != null) {
        vxlan.transmitted(inner);
      }
      return true;
    }
    if (!DEVICE.equals(device)) {
      return false;
    }
    byte[] frame = dp.sendUnderlay(Ipv4Packet.of(IpProtocol.IPIP, dp.eth0().address(), nextHop, 64, dp.nextIpId(),
        packet.toBytes()));
    if (frame != null) {
      tunl0.transmitted(Frames.ipv4(tunl0.mac(), tunl0.mac(), packet));
    }
    return true;
  }

  @Override
  public boolean receiveUdp(Ipv4Packet outer, UdpDatagram udp, byte[] outerFrame, NodeDataplane dp) {
    if (udp.destinationPort() != VxlanPacket.IANA_PORT) {
      return false;
    }
    try {
      VxlanPacket vx = VxlanPacket.decode(new ByteReader(udp.payload()));
      if (vx.vni() != VXLAN_VNI) {
        vxlan.dropped(DropReason.UNKNOWN_VNI);
        return true;
      }
      vxlan.received(vx.innerFrame());
      dp.fromTunnel(vxlan, vx.innerFrame());
    } catch (MalformedPacketException e) {
      vxlan.dropped(DropReason.MALFORMED);
    }
    return true;
  }

  @Override
  public boolean receiveIp(Ipv4Packet outer, NodeDataplane dp) {
    if (outer.protocol() != IpProtocol.IPIP) {
      return false;
    }
    try {
      Ipv4Packet inner = Ipv4Packet.decode(new ByteReader(outer.payload()));
      tunl0.received(Frames.ipv4(tunl0.mac(), tunl0.mac(), inner));
      dp.fromTunnel(tunl0, inner);
    } catch (MalformedPacketException e) {
      tunl0.dropped(DropReason.MALFORMED);
    }
    return true;
  }
}
