package io.kubemu.nodes.backend;

import io.kubemu.nodes.agent.NodeLease;
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
import java.util.Map;

/**
 * Flannel's VXLAN backend: the VTEP flannel.1 (VNI 1, UDP 8472) and, per remote node, what flanneld
 * programs from its lease: a route {@code <podCIDR> via <podCIDR>.0 dev flannel.1 onlink}, a
 * permanent neighbour {@code <podCIDR>.0 lladdr <VTEP MAC>} and an FDB entry {@code <VTEP MAC> dst
 * <node IP>}. Transmit wraps the inner frame in VXLAN, UDP and IPv4 between node IPs.
 */
public final class FlannelVxlan implements Backend {
  public static final String NAME = "flannel-vxlan";
  public static final String DEVICE = "flannel.1";
  public static final int VNI = 1;

  private final MacAddress vtepMac;
  private final Map<MacAddress, Ipv4Address> fdb = new HashMap<>();
  private NetInterface vtep;

  public FlannelVxlan(Ipv4Address nodeIp) {
    this.vtepMac = MacAddress.local(0x46_0000_0000L | nodeIp.unsigned());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public MacAddress vtepMac() {
    return vtepMac;
  }

  @Override
  public void start(NodeDataplane dp) {
    Ipv4Cidr podCidr = dp.cni0().subnet();
    vtep = new NetInterface(dp.node(), DEVICE, vtepMac, podCidr.network(), Ipv4Cidr.containing(podCidr.network(), 32), 1450);
    dp.addDevice(vtep);
  }

  @Override
  public void peerUp(NodeLease peer, NodeDataplane dp) {
    if (peer.vtepMac() == null) {
      return;
    }
    Ipv4Address peerVtepIp = peer.podCidr().network();
    dp.routes().add(new Route(peer.podCidr(), peerVtepIp, DEVICE, true));
    dp.neighbors(DEVICE).addPermanent(peerVtepIp, peer.vtepMac());
    fdb.put(peer.vtepMac(), peer.nodeIp());
  }

  @Override
  public void peerDown(NodeLease peer, NodeDataplane dp) {
    dp.routes().remove(peer.podCidr());
    dp.neighbors(DEVICE).remove(peer.podCidr().network());
    fdb.remove(peer.vtepMac());
  }

  @Override
  public boolean transmit(String device, Ipv4Packet packet, Ipv4Address nextHop, NodeDataplane dp) {
    if (!DEVICE.equals(device)) {
      return false;
    }
    MacAddress dstVtep = dp.neighbors(DEVICE).lookup(nextHop);
    if (dstVtep == null) {
      vtep.dropped(DropReason.NEIGHBOR_FAILED);
      return true;
    }
    Ipv4Address remote = fdb.get(dstVtep);
    if (remote == null) {
      vtep.dropped(DropReason.NO_FDB_ENTRY);
      return true;
    }
    byte[] inner = Frames.ipv4(vtepMac, dstVtep, packet);
    byte[] vxlan = VxlanPacket.of(VNI, inner).toBytes();
    // Linux picks the source port from a hash of the inner flow, so ECMP spreads flows; no UDP checksum.
    int srcPort = 32768 + Math.floorMod(packet.source().bits() * 31 + packet.destination().bits(), 28232);
    byte[] udp = new UdpDatagram(srcPort, VxlanPacket.LINUX_PORT, 0, vxlan).toBytes();
    byte[] frame = dp.sendUnderlay(Ipv4Packet.of(IpProtocol.UDP, dp.eth0().address(), remote, 64, dp.nextIpId(), udp));
    if (frame != null) {
      vtep.transmitted(frame);
    }
    return true;
  }

  @Override
  public boolean receiveUdp(Ipv4Packet outer, UdpDatagram udp, byte[] outerFrame, NodeDataplane dp) {
    if (udp.destinationPort() != VxlanPacket.LINUX_PORT) {
      return false;
    }
    try {
      VxlanPacket vx = VxlanPacket.decode(new ByteReader(udp.payload()));
      if (vx.vni() != VNI) {
        vtep.dropped(DropReason.UNKNOWN_VNI);
        return true;
      }
      if (outerFrame != null) {
        vtep.received(outerFrame);
      }
      dp.fromTunnel(vtep, vx.innerFrame());
    } catch (MalformedPacketException e) {
      vtep.dropped(DropReason.MALFORMED);
    }
    return true;
  }
}
