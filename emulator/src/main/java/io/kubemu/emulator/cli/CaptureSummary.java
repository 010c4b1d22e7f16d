package io.kubemu.emulator.cli;

import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.pcap.PcapFile;
import io.kubemu.protocols.pcap.PcapReader;
import io.kubemu.protocols.pcap.PcapRecord;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.vxlan.VxlanPacket;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A few lines about what a capture of flannel.1 holds, decoded layer by layer like tshark would. */
final class CaptureSummary {
  private CaptureSummary() {}

  static String describe(Path pcap) throws IOException {
    if (!Files.exists(pcap)) {
      return "no capture file";
    }
    PcapFile file = PcapReader.decode(Files.readAllBytes(pcap));
    StringBuilder sb = new StringBuilder(file.records().size() + " packets captured on w1 flannel.1 (" + pcap + ")\n");
    int shown = 0;
    for (PcapRecord r : file.records()) {
      if (shown++ == 4) {
        break;
      }
      sb.append("  ").append(line(r.data())).append('\n');
    }
    return sb.toString();
  }

  static String line(byte[] frame) {
    try {
      EthernetFrame outerEth = EthernetFrame.decode(new ByteReader(frame));
      Ipv4Packet outer = Ipv4Packet.decode(new ByteReader(outerEth.payload()));
      if (outer.protocol() != IpProtocol.UDP) {
        return outer.toString();
      }
      UdpDatagram udp = UdpDatagram.decode(new ByteReader(outer.payload()));
      VxlanPacket vx = VxlanPacket.decode(new ByteReader(udp.payload()));
      EthernetFrame innerEth = EthernetFrame.decode(new ByteReader(vx.innerFrame()));
      Ipv4Packet inner = Ipv4Packet.decode(new ByteReader(innerEth.payload()));
      String what = inner.protocol() == IpProtocol.ICMP
          ? IcmpMessage.decode(new ByteReader(inner.payload())).toString()
          : IpProtocol.name(inner.protocol());
      return outer.source() + " > " + outer.destination() + " UDP " + udp.sourcePort() + " > " + udp.destinationPort()
          + " VXLAN vni " + vx.vni() + " | " + inner.source() + " > " + inner.destination() + " ttl " + inner.ttl() + " " + what;
    } catch (MalformedPacketException e) {
      return "undecodable frame: " + e.getMessage();
    }
  }
}
