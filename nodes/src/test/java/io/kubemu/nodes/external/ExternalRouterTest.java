package io.kubemu.nodes.external;

import static io.kubemu.nodes.net.TestFrames.drops;
import static io.kubemu.nodes.net.TestFrames.echoRequest;
import static io.kubemu.nodes.net.TestFrames.icmp;
import static io.kubemu.nodes.net.TestFrames.ipv4;
import static io.kubemu.nodes.net.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.gateway.HostGateway;
import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.net.TestFrames;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The external router frame by frame: what it forwards, what it answers, what it drops and counts. */
class ExternalRouterTest {
  private static final Ipv4Address HOST = Ipv4Address.parse("203.0.113.10");
  private static final MacAddress HOST_MAC = mac(0x10);
  private static final Ipv4Address NODE = Ipv4Address.parse("172.18.0.2");
  private static final MacAddress NODE_MAC = mac(0x02);
  private static final MacAddress GATEWAY_MAC = HostGateway.mac(Ipv4Address.parse("172.18.0.1"));

  private final List<byte[]> toHost = new ArrayList<>();
  private final List<String> toNode = new ArrayList<>();
  private final List<byte[]> nodeFrames = new ArrayList<>();
  private final ExternalRouter<String> router = new ExternalRouter<>(Ipv4Cidr.parse("172.18.0.0/16"), Map.of(HOST, HOST_MAC),
      new ExternalRouter.Output<>() {
        @Override
        public void toHost(Ipv4Address host, byte[] frame) {
          toHost.add(frame);
        }

        @Override
        public void toNode(String node, byte[] frame) {
          toNode.add(node);
          nodeFrames.add(frame);
        }
      });

  @Test
  void aNodesPacketReachesTheHostOneHopOlderAndTheReplyFindsTheNodeItWasLearnedFrom() {
    router.fromNode("w1", echoRequest(NODE_MAC, GATEWAY_MAC, NODE, HOST, 63, 1, 1));
    Ipv4Packet there = ipv4(toHost.get(0));
    assertEquals(62, there.ttl());
    assertEquals(HOST_MAC, TestFrames.eth(toHost.get(0)).destination());
    router.fromHost(HOST, echoRequest(HOST_MAC, GATEWAY_MAC, HOST, NODE, 64, 2, 1));
    assertEquals(List.of("w1"), toNode);
    assertEquals(NODE_MAC, TestFrames.eth(nodeFrames.get(0)).destination());
    assertEquals(GATEWAY_MAC, TestFrames.eth(nodeFrames.get(0)).source(), "from the gateway, as the node expects on eth0");
  }

  @Test
  void aPodsOwnAddressIsNotLearnedSoItsRepliesHaveNowhereToGo() {
    router.fromNode("w1", echoRequest(NODE_MAC, GATEWAY_MAC, Ipv4Address.parse("10.244.0.2"), HOST, 63, 1, 1));
    assertEquals(0, router.nodes());
    router.fromHost(HOST, echoRequest(HOST_MAC, GATEWAY_MAC, HOST, Ipv4Address.parse("10.244.0.2"), 64, 2, 1));
    assertEquals(1, drops(router.hostSide(), DropReason.NO_ROUTE));
    IcmpMessage error = icmp(ipv4(toHost.get(1)));
    assertEquals(IcmpMessage.DESTINATION_UNREACHABLE, error.type());
    assertEquals(IcmpMessage.NET, error.code(), "the world has no route to pods");
  }

  @Test
  void aPacketWhoseTtlRunsOutIsAnsweredTimeExceeded() {
    router.fromNode("w1", echoRequest(NODE_MAC, GATEWAY_MAC, NODE, HOST, 1, 1, 1));
    assertTrue(toHost.isEmpty());
    assertEquals(1, drops(router.nodeSide(), DropReason.TTL_EXCEEDED));
    Ipv4Packet error = ipv4(nodeFrames.get(0));
    assertEquals(Ipv4Address.parse("172.18.0.1"), error.source());
    assertEquals(IcmpMessage.TIME_EXCEEDED, icmp(error).type());
  }

  @Test
  void aHostsArpForItsGatewayIsAnsweredButNotForItself() {
    router.fromHost(HOST, Frames.arpRequest(HOST_MAC, HOST, ExternalRouter.HOST_GATEWAY));
    assertEquals(GATEWAY_MAC, TestFrames.arp(toHost.get(0)).senderMac());
    router.fromHost(HOST, Frames.arpRequest(HOST_MAC, HOST, HOST));
    assertEquals(1, toHost.size(), "a duplicate address check goes unanswered");
  }

  @Test
  void garbageFromEitherSideIsDroppedAndCountedNeverThrown() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[random.nextInt(80)];
      random.nextBytes(junk);
      if (junk.length > 13 && i % 2 == 0) {
        junk[12] = 0x08; // an IPv4 ethertype, so the header decoder sees garbage too
        junk[13] = 0x00;
      }
      router.fromNode("w1", junk);
      router.fromHost(HOST, junk);
    }
    assertTrue(drops(router.nodeSide(), DropReason.MALFORMED) > 0);
    assertTrue(drops(router.hostSide(), DropReason.MALFORMED) > 0);
  }
}
