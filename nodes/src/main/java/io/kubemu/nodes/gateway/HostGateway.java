package io.kubemu.nodes.gateway;

import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.stack.IcmpQuote;
import io.kubemu.nodes.tcp.TcpConfig;
import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetHeader;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.tcp.TcpSegment;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Random;

/**
 * The host's end of a node's underlay, as the docker bridge's gateway (172.18.0.1) is in kind:
 * where connections from real clients on the host machine enter the emulated network. It has a
 * TCP stack of its own at the gateway address; its segments reach the node's eth0 as frames from
 * the gateway's MAC, and the node's frames for the gateway come back to it. So a real client's
 * connection meets the node exactly as outside traffic would: kube-proxy's node-port rules, its
 * masquerade, conntrack, the overlay.
 */
public final class HostGateway {
  private final Ipv4Address address;
  private final MacAddress mac;
  private final NodeDataplane dp;
  private final TcpEndpoints tcp;
  private int nextIpId = 1;

  public HostGateway(NodeDataplane dp, Ipv4Address address, TcpTimer.Scheduler timers) {
    this.dp = dp;
    this.address = address;
    this.mac = MacAddress.local(0x47_0000_0000L | address.unsigned());
    dp.neighbors("eth0").addPermanent(address, mac);
    Random isn = new Random(address.bits() ^ System.nanoTime());
    this.tcp = new TcpEndpoints(TcpConfig.LINUX, this::send, timers, dst -> address, dp.eth0().mtu() - 40, System::nanoTime,
        isn::nextInt);
  }

  public Ipv4Address address() {
    return address;
  }

  public TcpEndpoints tcp() {
    return tcp;
  }

  private String send(Ipv4Address src, Ipv4Address dst, byte[] segment) {
    nextIpId = (nextIpId + 1) & 0xFFFF;
    dp.fromUnderlay(Frames.ipv4(mac, dp.eth0().mac(), Ipv4Packet.of(IpProtocol.TCP, src, dst, 64, nextIpId, segment)));
    return null;
  }

  /** An ICMP error about a segment the gateway sent: a REJECT refuses the real client's connection at once. */
  private void icmp(IcmpMessage icmp) {
    IcmpQuote.of(icmp).filter(q -> q.protocol() == IpProtocol.TCP)
        .ifPresent(q -> tcp.icmpError(q.source(), q.first(), q.destination(), q.second(), IcmpQuote.errno(icmp)));
  }

  /** A frame the node sent to the gateway. Never throws: what is not TCP for the gateway is dropped and counted. */
  public void receive(byte[] frame) {
    try {
      ByteReader r = new ByteReader(frame);
      EthernetHeader eth = EthernetHeader.decode(r);
      if (eth.etherType() != EtherType.IPV4) {
        dp.eth0().dropped(DropReason.UNSUPPORTED_PROTOCOL);
        return;
      }
      Ipv4Packet p = Ipv4Packet.decode(r);
      if (p.protocol() == IpProtocol.ICMP && p.destination().equals(address)) {
        icmp(IcmpMessage.decode(new ByteReader(p.payload())));
        return;
      }
      if (p.protocol() != IpProtocol.TCP || !p.destination().equals(address)) {
        dp.eth0().dropped(DropReason.UNSUPPORTED_PROTOCOL);
        return;
      }
      TcpSegment seg = TcpSegment.decode(new ByteReader(p.payload()));
      if (!seg.checksumValid(p.source(), p.destination())) {
        dp.eth0().dropped(DropReason.MALFORMED);
        return;
      }
      tcp.receive(p.source(), p.destination(), seg);
    } catch (MalformedPacketException e) {
      dp.eth0().dropped(DropReason.MALFORMED);
    }
  }
}
