package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.ArpPacket;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.wire.ByteReader;

/** Builds and takes apart the frames the dataplane tests feed in and capture, with the protocols codecs. */
public final class TestFrames {
  private TestFrames() {}

  public static MacAddress mac(int last) {
    return MacAddress.local(0x0A_0000_0000L | last);
  }

  public static Ipv4Address ip(String text) {
    return Ipv4Address.parse(text);
  }

  public static byte[] echoRequest(MacAddress src, MacAddress dst, Ipv4Address from, Ipv4Address to, int ttl,
      int id, int seq) {
    IcmpMessage echo = IcmpMessage.echoRequest(id, seq, "kubemu-ping-data".getBytes());
    return Frames.ipv4(src, dst, Ipv4Packet.of(IpProtocol.ICMP, from, to, ttl, 7, echo.toBytes()));
  }

  public static byte[] udp(MacAddress src, MacAddress dst, Ipv4Address from, Ipv4Address to, int srcPort,
      int dstPort, byte[] payload) {
    byte[] udp = UdpDatagram.of(from, to, srcPort, dstPort, payload).toBytes();
    return Frames.ipv4(src, dst, Ipv4Packet.of(IpProtocol.UDP, from, to, 64, 9, udp));
  }

  public static byte[] arpReply(MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp) {
    ArpPacket reply = new ArpPacket(ArpPacket.REPLY, senderMac, senderIp, targetMac, targetIp);
    return new EthernetFrame(targetMac, senderMac, EtherType.ARP, reply.toBytes()).toBytes();
  }

  public static EthernetFrame eth(byte[] frame) {
    return EthernetFrame.decode(new ByteReader(frame));
  }

  public static ArpPacket arp(byte[] frame) {
    EthernetFrame eth = eth(frame);
    if (eth.etherType() != EtherType.ARP) {
      throw new AssertionError("expected an ARP frame, got " + eth);
    }
    return ArpPacket.decode(new ByteReader(eth.payload()));
  }

  public static Ipv4Packet ipv4(byte[] frame) {
    EthernetFrame eth = eth(frame);
    if (eth.etherType() != EtherType.IPV4) {
      throw new AssertionError("expected an IPv4 frame, got " + eth);
    }
    return Ipv4Packet.decode(new ByteReader(eth.payload()));
  }

  public static IcmpMessage icmp(Ipv4Packet packet) {
    return IcmpMessage.decode(new ByteReader(packet.payload()));
  }

  public static UdpDatagram udp(Ipv4Packet packet) {
    return UdpDatagram.decode(new ByteReader(packet.payload()));
  }

  public static long drops(NetInterface dev, DropReason reason) {
    return dev.stats().drops().getOrDefault(reason.label(), 0L);
  }
}
