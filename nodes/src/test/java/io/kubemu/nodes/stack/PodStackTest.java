package io.kubemu.nodes.stack;

import static io.kubemu.nodes.net.TestFrames.arp;
import static io.kubemu.nodes.net.TestFrames.arpReply;
import static io.kubemu.nodes.net.TestFrames.drops;
import static io.kubemu.nodes.net.TestFrames.echoRequest;
import static io.kubemu.nodes.net.TestFrames.eth;
import static io.kubemu.nodes.net.TestFrames.icmp;
import static io.kubemu.nodes.net.TestFrames.ip;
import static io.kubemu.nodes.net.TestFrames.ipv4;
import static io.kubemu.nodes.net.TestFrames.mac;
import static io.kubemu.nodes.net.TestFrames.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.Frames;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.ArpPacket;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A pod's network namespace driven directly with byte frames; what it sends is captured from its veth. */
class PodStackTest {
  private static final MacAddress POD_MAC = mac(2);
  private static final MacAddress GW_MAC = mac(1);
  private static final MacAddress PEER_MAC = mac(3);
  private static final Ipv4Address POD_IP = ip("10.244.0.2");
  private static final Ipv4Address GW_IP = ip("10.244.0.1");
  private static final Ipv4Address PEER_IP = ip("10.244.0.3");
  private static final Ipv4Address REMOTE_IP = ip("10.244.1.5");

  private final List<byte[]> sent = new ArrayList<>();
  private long now = 1_000_000_000L;
  private final FakeTcpTimers timers = new FakeTcpTimers(() -> now);
  private final PodStack stack = new PodStack("w1", "default/a", POD_MAC, POD_IP, Ipv4Cidr.parse("10.244.0.0/24"),
      Ipv4Cidr.parse("10.244.0.0/16"), GW_IP, 1450, sent::add, timers);

  private byte[] onlySent() {
    assertEquals(1, sent.size(), "frames sent");
    return sent.remove(0);
  }

  private void learn(Ipv4Address ip, MacAddress mac) {
    stack.receive(Frames.arpRequest(mac, ip, ip("10.244.0.250")));
    sent.clear();
  }

  private long dropped(DropReason reason) {
    return drops(stack.eth0(), reason);
  }

  @Test
  void answersArpForItsOwnAddressOnly() {
    stack.receive(Frames.arpRequest(GW_MAC, GW_IP, POD_IP));
    byte[] frame = onlySent();
    assertEquals(GW_MAC, eth(frame).destination());
    assertEquals(POD_MAC, eth(frame).source());
    assertEquals(new ArpPacket(ArpPacket.REPLY, POD_MAC, POD_IP, GW_MAC, GW_IP), arp(frame));

    stack.receive(Frames.arpRequest(GW_MAC, GW_IP, PEER_IP));
    assertEquals(List.of(), sent);
    assertEquals(GW_MAC, stack.neighbors().lookup(GW_IP), "the asker is learnt");
  }

  @Test
  void answersIcmpEcho() {
    learn(GW_IP, GW_MAC);
    stack.receive(echoRequest(GW_MAC, POD_MAC, REMOTE_IP, POD_IP, 62, 0x1234, 7));
    byte[] frame = onlySent();
    assertEquals(GW_MAC, eth(frame).destination(), "the reply goes through the gateway");
    Ipv4Packet reply = ipv4(frame);
    assertEquals(POD_IP, reply.source());
    assertEquals(REMOTE_IP, reply.destination());
    assertEquals(PodStack.DEFAULT_TTL, reply.ttl());
    IcmpMessage echo = icmp(reply);
    assertEquals(IcmpMessage.ECHO_REPLY, echo.type());
    assertEquals(0x1234, echo.identifier());
    assertEquals(7, echo.sequence());
    assertArrayEquals("kubemu-ping-data".getBytes(), echo.body());
  }

  @Test
  void resolvesTheGatewayBeforeTheFirstPacketThenFlushesTheQueue() {
    assertNull(stack.sendUdp(40000, REMOTE_IP, 53, "one".getBytes()));
    byte[] request = onlySent();
    assertEquals(MacAddress.BROADCAST, eth(request).destination());
    assertEquals(ArpPacket.request(POD_MAC, POD_IP, GW_IP), arp(request));
    assertNull(stack.sendUdp(40000, REMOTE_IP, 53, "two".getBytes()));
    assertEquals(List.of(), sent, "one request per resolution");

    stack.receive(arpReply(GW_MAC, GW_IP, POD_MAC, POD_IP));
    assertEquals(2, sent.size());
    for (int i = 0; i < 2; i++) {
      assertEquals(GW_MAC, eth(sent.get(i)).destination());
      UdpDatagram udp = udp(ipv4(sent.get(i)));
      assertEquals(53, udp.destinationPort());
      assertArrayEquals((i == 0 ? "one" : "two").getBytes(), udp.payload());
    }
    sent.clear();
    stack.sendUdp(40000, REMOTE_IP, 53, "three".getBytes());
    assertEquals(GW_MAC, eth(onlySent()).destination(), "resolved: no more ARP");
  }

  @Test
  void aGatewayThatNeverAnswersIsProbedThenReportedUnreachable() {
    List<IcmpEvent> events = new ArrayList<>();
    stack.bindEcho(0x77, events::add);
    stack.sendIcmp(REMOTE_IP, IcmpMessage.echoRequest(0x77, 1, new byte[8]), 64);
    sent.clear();
    for (int tick = 1; tick < 3; tick++) {
      stack.tick();
      assertEquals(ArpPacket.request(POD_MAC, POD_IP, GW_IP), arp(onlySent()));
    }
    stack.tick();
    assertEquals(List.of(), sent);
    assertEquals(1, dropped(DropReason.NEIGHBOR_FAILED));
    assertEquals(1, events.size());
    assertEquals(IcmpMessage.DESTINATION_UNREACHABLE, events.get(0).message().type());
    assertEquals(IcmpMessage.HOST, events.get(0).message().code());
  }

  @Test
  void loopbackDeliversToABoundUdpSocketWithoutTouchingTheVeth() {
    List<Datagram> got = new ArrayList<>();
    assertEquals(5353, stack.bindUdp(5353, got::add));
    assertEquals(-1, stack.bindUdp(5353, d -> { }), "port in use");
    assertNull(stack.sendUdp(40000, ip("127.0.0.1"), 5353, "hi".getBytes()));
    assertNull(stack.sendUdp(40001, POD_IP, 5353, "me".getBytes()));
    assertEquals(List.of(), sent);
    assertEquals(2, got.size());
    assertEquals(ip("127.0.0.1"), got.get(0).source());
    assertEquals(40000, got.get(0).sourcePort());
    assertArrayEquals("hi".getBytes(), got.get(0).payload());
    assertEquals(POD_IP, got.get(1).source());
    assertEquals(2, stack.lo().stats().rxPackets());
  }

  @Test
  void ephemeralPortsAreDistinct() {
    int a = stack.bindUdp(0, d -> { });
    int b = stack.bindUdp(0, d -> { });
    assertTrue(a >= 32768 && b >= 32768 && a != b, a + " " + b);
  }

  @Test
  void udpToAClosedPortAnswersPortUnreachable() {
    learn(PEER_IP, PEER_MAC);
    byte[] frame = udp(PEER_MAC, POD_MAC, PEER_IP, POD_IP, 41000, 9999, "anyone?".getBytes());
    stack.receive(frame);
    byte[] out = onlySent();
    assertEquals(PEER_MAC, eth(out).destination());
    Ipv4Packet err = ipv4(out);
    assertEquals(POD_IP, err.source());
    assertEquals(PEER_IP, err.destination());
    IcmpMessage icmp = icmp(err);
    assertEquals(IcmpMessage.DESTINATION_UNREACHABLE, icmp.type());
    assertEquals(IcmpMessage.PORT, icmp.code());
    assertArrayEquals(Arrays.copyOfRange(frame, 14, frame.length), icmp.body(), "quotes the datagram");
    assertEquals(1, dropped(DropReason.NO_SOCKET));
  }

  @Test
  void boundSocketReceivesFromTheVeth() {
    List<Datagram> got = new ArrayList<>();
    stack.bindUdp(7, got::add);
    stack.receive(udp(PEER_MAC, POD_MAC, PEER_IP, POD_IP, 41000, 7, "echo".getBytes()));
    assertEquals(1, got.size());
    assertEquals(new Datagram(PEER_IP, 41000, POD_IP, 7, got.get(0).payload()), got.get(0));
    assertArrayEquals("echo".getBytes(), got.get(0).payload());
  }

  @Test
  void framesForAnotherMacOrAnotherAddressAreNotForUs() {
    stack.receive(echoRequest(GW_MAC, PEER_MAC, REMOTE_IP, PEER_IP, 64, 1, 1));
    stack.receive(echoRequest(GW_MAC, POD_MAC, REMOTE_IP, PEER_IP, 64, 1, 1));
    assertEquals(List.of(), sent);
    assertEquals(2, dropped(DropReason.NOT_FOR_US));
    assertEquals(2, stack.eth0().stats().rxPackets());
  }

  @Test
  void malformedFramesAreDroppedAndCounted() {
    byte[] good = udp(PEER_MAC, POD_MAC, PEER_IP, POD_IP, 41000, 7, "x".getBytes());
    byte[] badIpChecksum = good.clone();
    badIpChecksum[14 + 10] ^= 0x5A;
    byte[] badUdpChecksum = good.clone();
    badUdpChecksum[good.length - 1] ^= 0x01;
    byte[] badArp = Frames.arpRequest(GW_MAC, GW_IP, POD_IP);
    badArp[14 + 1] = 6; // hardware type 6 (IEEE 802)
    byte[] icmp = echoRequest(GW_MAC, POD_MAC, REMOTE_IP, POD_IP, 64, 1, 1);
    byte[] badIcmpChecksum = icmp.clone();
    badIcmpChecksum[icmp.length - 1] ^= 0x01;
    List<byte[]> bad = List.of(new byte[0], new byte[5], Arrays.copyOf(good, 20), badIpChecksum, badUdpChecksum,
        badArp, badIcmpChecksum);
    List<Datagram> got = new ArrayList<>();
    stack.bindUdp(7, got::add);
    for (byte[] frame : bad) {
      assertDoesNotThrow(() -> stack.receive(frame));
    }
    assertEquals(bad.size(), dropped(DropReason.MALFORMED));
    assertEquals(List.of(), got);
    assertEquals(List.of(), sent);
  }

  @Test
  void otherEtherTypesAndProtocolsAreUnsupported() {
    stack.receive(new EthernetFrame(POD_MAC, GW_MAC, EtherType.IPV6, new byte[40]).toBytes());
    stack.receive(Frames.ipv4(GW_MAC, POD_MAC, Ipv4Packet.of(IpProtocol.SCTP, REMOTE_IP, POD_IP, 64, 1, new byte[12])));
    assertEquals(2, dropped(DropReason.UNSUPPORTED_PROTOCOL));
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(20240611);
    for (int i = 0; i < 2000; i++) {
      byte[] frame = new byte[random.nextInt(120)];
      random.nextBytes(frame);
      if (frame.length >= 14 && random.nextBoolean()) {
        System.arraycopy(new EthernetFrame(POD_MAC, GW_MAC, random.nextBoolean() ? EtherType.IPV4 : EtherType.ARP,
            new byte[0]).toBytes(), 0, frame, 0, 14);
        if (frame.length > 14 && random.nextBoolean()) {
          frame[14] = 0x45;
        }
      }
      byte[] f = frame;
      assertDoesNotThrow(() -> stack.receive(f), () -> "frame " + Arrays.toString(f));
    }
    assertEquals(2000, stack.eth0().stats().rxPackets());
    assertTrue(dropped(DropReason.MALFORMED) > 0);
  }
}
