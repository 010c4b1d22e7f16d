package io.kubemu.nodes.stack;

import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.tcp.TcpConfig;
import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.tcp.TcpSegment;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Random;

/**
 * The TCP of a node's own network namespace (the host network of a real node), where its daemons
 * listen and connect: BIRD's BGP sessions on port 179 in calico-node. Segments leave from the node's
 * eth0 address through the node's routing table; segments addressed to the node come back here.
 */
public final class NodeTcp {
  private final NodeDataplane dp;
  private final TcpEndpoints tcp;

  public NodeTcp(NodeDataplane dp, TcpTimer.Scheduler timers) {
    this.dp = dp;
    Ipv4Address self = dp.eth0().address();
    Random isn = new Random(self.bits() ^ System.nanoTime());
    this.tcp = new TcpEndpoints(TcpConfig.LINUX, this::send, timers, dst -> self, dp.eth0().mtu() - 40, System::nanoTime,
        isn::nextInt);
    dp.localTcp(this::receive);
  }

  public TcpEndpoints tcp() {
    return tcp;
  }

  private String send(Ipv4Address src, Ipv4Address dst, byte[] segment) {
    dp.originate(Ipv4Packet.of(IpProtocol.TCP, src, dst, 64, dp.nextIpId(), segment));
    return null;
  }

  private void receive(Ipv4Packet p) {
    try {
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
