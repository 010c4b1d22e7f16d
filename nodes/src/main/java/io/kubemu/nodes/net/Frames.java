package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.ArpPacket;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.wire.ByteWriter;

/** Builds the Ethernet frames an IPv4 stack sends. */
public final class Frames {
  private Frames() {}

  /** The same bytes as an EthernetFrame around {@code packet.toBytes()}, written into one exactly sized array. */
  public static byte[] ipv4(MacAddress src, MacAddress dst, Ipv4Packet packet) {
    ByteWriter w = new ByteWriter(EthernetFrame.HEADER_LENGTH + packet.length());
    dst.encode(w);
    src.encode(w);
    w.u16(EtherType.IPV4);
    packet.encode(w);
    return w.toByteArray();
  }

  public static byte[] arpRequest(MacAddress srcMac, Ipv4Address srcIp, Ipv4Address target) {
    return new EthernetFrame(MacAddress.BROADCAST, srcMac, EtherType.ARP,
        ArpPacket.request(srcMac, srcIp, target).toBytes()).toBytes();
  }

  /** The reply to {@code request}, which asked for an address owned by {@code mac}. */
  public static byte[] arpReply(ArpPacket request, MacAddress mac) {
    return new EthernetFrame(request.senderMac(), mac, EtherType.ARP, request.replyFrom(mac).toBytes()).toBytes();
  }
}
