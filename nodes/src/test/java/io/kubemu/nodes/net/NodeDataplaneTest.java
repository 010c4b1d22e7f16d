package io.kubemu.nodes.net;

import static io.kubemu.nodes.net.TestFrames.arp;
import static io.kubemu.nodes.net.TestFrames.arpReply;
import static io.kubemu.nodes.net.TestFrames.drops;
import static io.kubemu.nodes.net.TestFrames.echoRequest;
import static io.kubemu.nodes.net.TestFrames.eth;
import static io.kubemu.nodes.net.TestFrames.icmp;
import static io.kubemu.nodes.net.TestFrames.ip;
import static io.kubemu.nodes.net.TestFrames.ipv4;
import static io.kubemu.nodes.net.TestFrames.mac;
import static io.kubemu.nodes.net.TestNodes.attach;
import static io.kubemu.nodes.net.TestNodes.flannelNode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.ArpPacket;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.wire.ByteReader;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One node's bridge, routing and drops, driven with byte frames from two pods; what leaves is captured. */
class NodeDataplaneTest {
  private static final Ipv4Address W1_IP = ip("172.18.0.2");
  private static final Ipv4Address W2_IP = ip("172.18.0.3");
  private static final Ipv4Address GW1 = ip("10.244.0.1");
  private static final MacAddress A_MAC = mac(0xA);
  private static final MacAddress B_MAC = mac(0xB);
  private static final Ipv4Address A_IP = ip("10.244.0.2");
  private static final Ipv4Address B_IP = ip("10.244.0.3");

  private final FakeOutput out1 = new FakeOutput();
  private final NodeDataplane w1 = flannelNode("w1", W1_IP, "10.244.0.0/24", out1);

  @Test
  void cni0AnswersArpForTheGatewayAndFloodsTheRequest() {
    w1.fromPod("veth-w1-a", Frames.arpRequest(A_MAC, A_IP, GW1));
    assertEquals(1, out1.toPod("veth-w1-b").size(), "a broadcast is flooded to the other ports");
    List<byte[]> back = out1.toPod("veth-w1-a");
    assertEquals(1, back.size());
    assertEquals(A_MAC, eth(back.get(0)).destination());
    assertEquals(new ArpPacket(ArpPacket.REPLY, w1.cni0().mac(), GW1, A_MAC, A_IP), arp(back.get(0)));
  }

  @Test
  void cni0StaysQuietForAddressesItDoesNotOwn() {
    w1.fromPod("veth-w1-a", Frames.arpRequest(A_MAC, A_IP, B_IP));
    FakeOutput.Sent flooded = out1.only();
    assertEquals("veth-w1-b", flooded.veth());
  }

  @Test
  void bridgeForwardsKnownUnicastToOnePortAndFloodsUnknown() {
    w1.addVeth("veth-w1-c");
    attach(w1, out1, "veth-w1-b", B_MAC, B_IP);
    byte[] toB = echoRequest(A_MAC, B_MAC, A_IP, B_IP, 64, 1, 1);
    w1.fromPod("veth-w1-a", toB);
    FakeOutput.Sent s = out1.only();
    assertEquals("veth-w1-b", s.veth());
    assertArrayEquals(toB, s.frame(), "bridged, not routed: the frame is unchanged");

    w1.fromPod("veth-w1-a", echoRequest(A_MAC, mac(0x99), A_IP, ip("10.244.0.99"), 64, 1, 1));
    assertEquals(1, out1.toPod("veth-w1-b").size());
    assertEquals(1, out1.toPod("veth-w1-c").size());
    assertEquals(0, out1.toPod("veth-w1-a").size(), "never back out of the ingress port");
  }

  @Test
  void routingThroughCni0DecrementsTtl() {
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    attach(w1, out1, "veth-w1-b", B_MAC, B_IP);
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, B_IP, 64, 1, 1));
    FakeOutput.Sent s = out1.only();
    assertEquals("veth-w1-b", s.veth());
    assertEquals(new EthernetFrame(B_MAC, w1.cni0().mac(), EtherType.IPV4, eth(s.frame()).payload()), eth(s.frame()));
    Ipv4Packet p = ipv4(s.frame());
    assertEquals(63, p.ttl());
    assertEquals(A_IP, p.source());
    assertEquals(B_IP, p.destination());
  }

  @Test
  void cni0ResolvesAnUnknownPodBeforeForwarding() {
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, B_IP, 64, 1, 1));
    assertEquals(ArpPacket.request(w1.cni0().mac(), GW1, B_IP), arp(out1.toPod("veth-w1-b").get(0)));
    out1.clear();
    w1.fromPod("veth-w1-b", arpReply(B_MAC, B_IP, w1.cni0().mac(), GW1));
    FakeOutput.Sent s = out1.only();
    assertEquals("veth-w1-b", s.veth());
    assertEquals(B_IP, ipv4(s.frame()).destination());
  }

  @Test
  void ttlOneIsDroppedWithTimeExceededFromTheGateway() {
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    attach(w1, out1, "veth-w1-b", B_MAC, B_IP);
    byte[] frame = echoRequest(A_MAC, w1.cni0().mac(), A_IP, B_IP, 1, 1, 1);
    w1.fromPod("veth-w1-a", frame);
    FakeOutput.Sent s = out1.only();
    assertEquals("veth-w1-a", s.veth());
    Ipv4Packet err = ipv4(s.frame());
    assertEquals(GW1, err.source());
    assertEquals(A_IP, err.destination());
    IcmpMessage icmp = icmp(err);
    assertEquals(IcmpMessage.TIME_EXCEEDED, icmp.type());
    assertEquals(IcmpMessage.TTL_EXCEEDED_IN_TRANSIT, icmp.code());
    assertEquals(ipv4(frame), Ipv4Packet.decode(new ByteReader(icmp.body())), "quotes the packet as it arrived");
    assertEquals(1, drops(w1.cni0(), DropReason.TTL_EXCEEDED));
  }

  @Test
  void theNodeAnswersPingForItsOwnAddresses() {
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, GW1, 64, 5, 1));
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, W1_IP, 64, 5, 2));
    List<byte[]> replies = out1.toPod("veth-w1-a");
    assertEquals(2, replies.size());
    assertEquals(GW1, ipv4(replies.get(0)).source());
    assertEquals(W1_IP, ipv4(replies.get(1)).source());
    assertEquals(IcmpMessage.ECHO_REPLY, icmp(ipv4(replies.get(1))).type());
  }

  @Test
  void noRouteIsDroppedWithNetUnreachable() {
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, ip("10.244.5.5"), 64, 1, 1));
    FakeOutput.Sent s = out1.only();
    assertEquals("veth-w1-a", s.veth());
    IcmpMessage icmp = icmp(ipv4(s.frame()));
    assertEquals(IcmpMessage.DESTINATION_UNREACHABLE, icmp.type());
    assertEquals(IcmpMessage.NET, icmp.code());
    assertEquals(1, drops(w1.cni0(), DropReason.NO_ROUTE));
  }

  @Test
  void aPodThatNeverAnswersArpGetsHostUnreachableAfterThreeTicks() {
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, B_IP, 64, 1, 1));
    out1.clear();
    w1.tick();
    w1.tick();
    assertEquals(2, out1.toPod("veth-w1-b").size(), "two more ARP requests");
    out1.clear();
    w1.tick();
    FakeOutput.Sent s = out1.only();
    assertEquals("veth-w1-a", s.veth());
    assertEquals(IcmpMessage.HOST, icmp(ipv4(s.frame())).code());
    assertEquals(1, drops(w1.cni0(), DropReason.NEIGHBOR_FAILED));
  }

  @Test
  void malformedAndMisaddressedFramesAreCounted() {
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    w1.fromPod("veth-w1-a", new byte[3]);
    assertEquals(1, drops(w1.device("veth-w1-a"), DropReason.MALFORMED));
    byte[] badChecksum = echoRequest(A_MAC, w1.cni0().mac(), A_IP, B_IP, 64, 1, 1);
    badChecksum[14 + 10] ^= 0x11;
    w1.fromPod("veth-w1-a", badChecksum);
    assertEquals(1, drops(w1.cni0(), DropReason.MALFORMED));
    w1.fromUnderlay(new byte[10]);
    assertEquals(1, drops(w1.eth0(), DropReason.MALFORMED));
    w1.fromUnderlay(echoRequest(mac(0x77), mac(0x78), W2_IP, W1_IP, 64, 1, 1));
    assertEquals(1, drops(w1.eth0(), DropReason.NOT_FOR_US));
    w1.fromUnderlay(new EthernetFrame(w1.eth0().mac(), mac(0x77), EtherType.IPV6, new byte[40]).toBytes());
    assertEquals(1, drops(w1.eth0(), DropReason.UNSUPPORTED_PROTOCOL));
    w1.fromPod("veth-nobody", new byte[3]);
    assertEquals(List.of(), out1.sent);
  }

  @Test
  void sendUnderlayGoesStraightOnEth0sSubnetAndNowhereOffItWithoutARoute() {
    w1.neighbors("eth0").addPermanent(W2_IP, mac(0x22));
    byte[] sent = w1.sendUnderlay(Ipv4Packet.of(IpProtocol.IPIP, W1_IP, W2_IP, 64, 1, new byte[20]));
    FakeOutput.Sent s = out1.only();
    assertEquals(W2_IP, s.nodeIp());
    assertArrayEquals(sent, s.frame());
    assertEquals(mac(0x22), eth(s.frame()).destination());
    Ipv4Address far = ip("192.168.7.4");
    assertEquals(null, w1.sendUnderlay(Ipv4Packet.of(IpProtocol.IPIP, W1_IP, far, 64, 2, new byte[20])),
        "no default route: no gateway to send it to");
    assertEquals(List.of(), out1.sent);
    assertEquals(1, drops(w1.eth0(), DropReason.NO_ROUTE));
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(8472);
    for (int i = 0; i < 2000; i++) {
      byte[] frame = new byte[random.nextInt(150)];
      random.nextBytes(frame);
      if (frame.length >= 14 && random.nextBoolean()) {
        MacAddress dst = random.nextBoolean() ? w1.cni0().mac() : w1.eth0().mac();
        System.arraycopy(new EthernetFrame(dst, A_MAC, random.nextBoolean() ? EtherType.IPV4 : EtherType.ARP,
            new byte[0]).toBytes(), 0, frame, 0, 14);
      }
      byte[] f = frame;
      assertDoesNotThrow(() -> w1.fromPod("veth-w1-a", f));
      assertDoesNotThrow(() -> w1.fromUnderlay(f));
    }
  }
}
