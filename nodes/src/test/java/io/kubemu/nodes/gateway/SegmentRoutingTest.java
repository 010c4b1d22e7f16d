package io.kubemu.nodes.gateway;

import static io.kubemu.nodes.net.TestFrames.echoRequest;
import static io.kubemu.nodes.net.TestFrames.eth;
import static io.kubemu.nodes.net.TestFrames.icmp;
import static io.kubemu.nodes.net.TestFrames.ip;
import static io.kubemu.nodes.net.TestFrames.ipv4;
import static io.kubemu.nodes.net.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.backend.FlannelVxlan;
import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.FakeOutput;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.TestFrames;
import io.kubemu.nodes.net.TestNodes;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The host gateway as the router between segments of the node network, driven with frames from
 * node w1 (172.18.0.2 on 172.18.0.0/17, its gateway 172.18.0.1): a packet for a node on the other
 * segment leaves with the TTL one less, from the gateway's MAC to the node's eth0 MAC; a TTL that
 * runs out is answered with time exceeded; an address no node has goes up the uplink as before.
 */
class SegmentRoutingTest {
  private static final Ipv4Cidr SEGMENT = Ipv4Cidr.parse("172.18.0.0/17");
  private static final Ipv4Address W1 = ip("172.18.0.2");
  private static final Ipv4Address W2 = ip("172.18.128.2");
  private static final MacAddress W2_MAC = mac(0x22);
  private static final Ipv4Address GATEWAY = ip("172.18.0.1");
  private static final Ipv4Address POD = ip("10.244.0.2");
  private static final MacAddress POD_MAC = mac(0xA);

  private record Delivered(Ipv4Address node, byte[] frame) {}

  private final FakeOutput out = new FakeOutput();
  private final NodeDataplane w1 = new NodeDataplane("w1", W1, SEGMENT, Ipv4Cidr.parse("10.244.0.0/24"), new FlannelVxlan(W1), out);
  private final List<Delivered> delivered = new ArrayList<>();
  private final List<byte[]> uplinked = new ArrayList<>();
  private final HostGateway gateway = new HostGateway(w1, GATEWAY, new FakeTcpTimers(System::nanoTime), uplinked::add,
      new HostGateway.Nodes() {
        @Override
        public MacAddress mac(Ipv4Address node) {
          return Map.of(W2, W2_MAC).get(node);
        }

        @Override
        public void deliver(Ipv4Address node, byte[] frame) {
          delivered.add(new Delivered(node, frame));
        }
      });

  /** What w1 sent its gateway since the last call, handed to the gateway. */
  private void toGateway() {
    FakeOutput.Sent sent = out.only();
    assertEquals(GATEWAY, sent.nodeIp(), "w1 sends it to its gateway");
    assertEquals(HostGateway.mac(GATEWAY), eth(sent.frame()).destination());
    gateway.receive(sent.frame());
  }

  @Test
  void aPacketForANodeOnAnotherSegmentIsRoutedToItsEth0() {
    w1.originate(ipv4(echoRequest(w1.eth0().mac(), w1.eth0().mac(), W1, W2, 64, 1, 1)));
    Ipv4Packet sent = ipv4(out.sent.get(0).frame());
    toGateway();
    assertEquals(1, delivered.size());
    Delivered d = delivered.get(0);
    assertEquals(W2, d.node());
    assertEquals(HostGateway.mac(GATEWAY), eth(d.frame()).source(), "from the router's MAC");
    assertEquals(W2_MAC, eth(d.frame()).destination(), "to the node's eth0");
    Ipv4Packet forwarded = ipv4(d.frame());
    assertEquals(63, forwarded.ttl(), "one hop more");
    assertEquals(W1, forwarded.source(), "addresses untouched");
    assertArrayEquals(sent.payload(), forwarded.payload());
    assertTrue(uplinked.isEmpty(), "a node is not beyond the gateway");
  }

  @Test
  void aTtlThatRunsOutAtTheRouterIsAnsweredWithTimeExceeded() {
    w1.addVeth("veth-w1-a");
    TestNodes.attach(w1, out, "veth-w1-a", POD_MAC, POD);
    w1.fromPod("veth-w1-a", echoRequest(POD_MAC, w1.cni0().mac(), POD, W2, 2, 1, 1));
    assertEquals(1, ipv4(out.sent.get(0).frame()).ttl(), "w1 forwarded it with the TTL one less");
    toGateway();
    assertTrue(delivered.isEmpty(), "not forwarded");
    assertEquals(1, TestFrames.drops(w1.eth0(), DropReason.TTL_EXCEEDED));
    List<byte[]> back = out.toPod("veth-w1-a");
    assertEquals(1, back.size(), "the error reaches the pod through w1: " + out.sent);
    Ipv4Packet error = ipv4(back.get(0));
    assertEquals(GATEWAY, error.source(), "from the router");
    assertEquals(IcmpMessage.TIME_EXCEEDED, icmp(error).type());
  }

  @Test
  void anAddressNoNodeHasGoesUpTheUplinkAsBefore() {
    Ipv4Address nobody = ip("172.18.128.99");
    w1.originate(ipv4(echoRequest(w1.eth0().mac(), w1.eth0().mac(), W1, nobody, 64, 1, 1)));
    toGateway();
    assertTrue(delivered.isEmpty());
    assertEquals(1, uplinked.size());
    assertEquals(nobody, ipv4(uplinked.get(0)).destination());
    assertEquals(64, ipv4(uplinked.get(0)).ttl(), "the external network routes it itself");
  }

  @Test
  void aPodAddressAcrossSegmentsIsNoNodeEither() {
    Ipv4Address remotePod = ip("10.244.1.5");
    w1.originate(ipv4(echoRequest(w1.eth0().mac(), w1.eth0().mac(), W1, remotePod, 64, 1, 1)));
    toGateway();
    assertTrue(delivered.isEmpty(), "the router knows no pod routes");
    assertEquals(remotePod, ipv4(uplinked.get(0)).destination());
  }
}
