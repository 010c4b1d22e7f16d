package io.kubemu.nodes.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import org.junit.jupiter.api.Test;

class FramesTest {
  @Test
  void ipv4WritesWhatAnEthernetFrameAroundThePacketWrites() {
    Ipv4Address src = Ipv4Address.parse("10.244.0.2");
    Ipv4Address dst = Ipv4Address.parse("10.244.1.2");
    MacAddress a = MacAddress.local(0xA);
    MacAddress b = MacAddress.local(0xB);
    for (int size : new int[] {0, 1, 17, 64, 1422}) {
      byte[] udp = UdpDatagram.of(src, dst, 40000, 5001, new byte[size]).toBytes();
      Ipv4Packet packet = Ipv4Packet.of(IpProtocol.UDP, src, dst, 64, size, udp);
      assertArrayEquals(new EthernetFrame(b, a, EtherType.IPV4, packet.toBytes()).toBytes(), Frames.ipv4(a, b, packet));
    }
  }
}
