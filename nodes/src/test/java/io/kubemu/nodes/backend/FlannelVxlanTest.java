package io.kubemu.nodes.backend;

import static io.kubemu.nodes.net.TestFrames.drops;
import static io.kubemu.nodes.net.TestFrames.echoRequest;
import static io.kubemu.nodes.net.TestFrames.eth;
import static io.kubemu.nodes.net.TestFrames.icmp;
import static io.kubemu.nodes.net.TestFrames.ip;
import static io.kubemu.nodes.net.TestFrames.ipv4;
import static io.kubemu.nodes.net.TestFrames.mac;
import static io.kubemu.nodes.net.TestFrames.udp;
import static io.kubemu.nodes.net.TestNodes.attach;
import static io.kubemu.nodes.net.TestNodes.flannelNode;
import static io.kubemu.nodes.net.TestNodes.lease;
import static io.kubemu.nodes.net.TestNodes.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.FakeOutput;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.vxlan.VxlanPacket;
import io.kubemu.protocols.wire.ByteReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two nodes' dataplanes joined by the Flannel VXLAN backend; the underlay frames are carried by hand. */
class FlannelVxlanTest {
  private static final Ipv4Address W1_IP = ip("172.18.0.2");
  private static final Ipv4Address W2_IP = ip("172.18.0.3");
  private static final MacAddress A_MAC = mac(0xA);
  private static final MacAddress X_MAC = mac(0x1A);
  private static final MacAddress Y_MAC = mac(0x1B);
  private static final Ipv4Address A_IP = ip("10.244.0.2");
  private static final Ipv4Address X_IP = ip("10.244.1.2");
  private static final Ipv4Address Y_IP = ip("10.244.1.3");

  private final FakeOutput out1 = new FakeOutput();
  private final FakeOutput out2 = new FakeOutput();
  private final NodeDataplane w1 = flannelNode("w1", W1_IP, "10.244.0.0/24", out1);
  private final NodeDataplane w2 = flannelNode("w2", W2_IP, "10.244.1.0/24", out2);

  private void peered() {
    peer(w1, w2);
    peer(w2, w1);
  }

  @Test
  void peerUpProgramsFlannelRoutesAndNeighbours() {
    peered();
    assertTrue(w1.routes().show().contains("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink\n"), w1.routes().show());
    assertEquals(w2.backend().vtepMac(), w1.neighbors(FlannelVxlan.DEVICE).lookup(ip("10.244.1.0")));
    w1.backend().peerDown(lease(w2), w1);
    assertEquals(Optional.empty(), w1.routes().lookup(X_IP));
  }

  @Test
  void encapsulatesTowardsThePeersVtep() {
    peered();
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, X_IP, 64, 9, 1));
    FakeOutput.Sent s = out1.only();
    assertEquals(W2_IP, s.nodeIp());
    EthernetFrame outer = eth(s.frame());
    assertEquals(w2.eth0().mac(), outer.destination());
    assertEquals(w1.eth0().mac(), outer.source());
    Ipv4Packet outerIp = ipv4(s.frame());
    assertEquals(W1_IP, outerIp.source());
    assertEquals(W2_IP, outerIp.destination());
    assertEquals(IpProtocol.UDP, outerIp.protocol());
    UdpDatagram udp = udp(outerIp);
    assertEquals(VxlanPacket.LINUX_PORT, udp.destinationPort());
    VxlanPacket vxlan = VxlanPacket.decode(new ByteReader(udp.payload()));
    assertEquals(FlannelVxlan.VNI, vxlan.vni());
    assertEquals(VxlanPacket.FLAG_VNI, vxlan.flags());
    EthernetFrame inner = vxlan.innerEthernet();
    assertEquals(w2.backend().vtepMac(), inner.destination());
    assertEquals(w1.backend().vtepMac(), inner.source());
    Ipv4Packet innerIp = Ipv4Packet.decode(new ByteReader(inner.payload()));
    assertEquals(A_IP, innerIp.source());
    assertEquals(X_IP, innerIp.destination());
    assertEquals(63, innerIp.ttl());
    assertEquals(1, w1.device(FlannelVxlan.DEVICE).stats().txPackets());
  }

  @Test
  void thePeerDecapsulatesToTheRightVethAndTheReplyComesBack() {
    peered();
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    attach(w2, out2, "veth-w2-a", X_MAC, X_IP);
    attach(w2, out2, "veth-w2-b", Y_MAC, Y_IP);
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, X_IP, 64, 9, 1));
    w2.fromUnderlay(out1.only().frame());
    FakeOutput.Sent delivered = out2.only();
    assertEquals("veth-w2-a", delivered.veth());
    assertEquals(X_MAC, eth(delivered.frame()).destination());
    assertEquals(w2.cni0().mac(), eth(delivered.frame()).source());
    Ipv4Packet request = ipv4(delivered.frame());
    assertEquals(62, request.ttl(), "two routed hops");
    assertEquals(A_IP, request.source());

    IcmpMessage reply = icmp(request).echoReply();
    w2.fromPod("veth-w2-a", Frames.ipv4(X_MAC, w2.cni0().mac(),
        Ipv4Packet.of(IpProtocol.ICMP, X_IP, A_IP, 64, 3, reply.toBytes())));
    FakeOutput.Sent back = out2.only();
    assertEquals(W1_IP, back.nodeIp());
    w1.fromUnderlay(back.frame());
    FakeOutput.Sent atA = out1.only();
    assertEquals("veth-w1-a", atA.veth());
    assertEquals(IcmpMessage.ECHO_REPLY, icmp(ipv4(atA.frame())).type());
    assertEquals(1, w2.device(FlannelVxlan.DEVICE).stats().rxPackets());
  }

  private static byte[] vxlanFrame(NodeDataplane to, VxlanPacket vxlan) {
    byte[] udp = new UdpDatagram(40000, VxlanPacket.LINUX_PORT, 0, vxlan.toBytes()).toBytes();
    return Frames.ipv4(mac(0x77), to.eth0().mac(), Ipv4Packet.of(IpProtocol.UDP, W1_IP, W2_IP, 64, 1, udp));
  }

  @Test
  void unknownVniIsDropped() {
    byte[] inner = echoRequest(w1.backend().vtepMac(), w2.backend().vtepMac(), A_IP, X_IP, 63, 1, 1);
    w2.fromUnderlay(vxlanFrame(w2, VxlanPacket.of(2, inner)));
    assertEquals(List.of(), out2.sent);
    assertEquals(1, drops(w2.device(FlannelVxlan.DEVICE), DropReason.UNKNOWN_VNI));
  }

  @Test
  void vxlanWithoutTheIFlagOrForAnotherVtepIsDropped() {
    byte[] inner = echoRequest(w1.backend().vtepMac(), w2.backend().vtepMac(), A_IP, X_IP, 63, 1, 1);
    w2.fromUnderlay(vxlanFrame(w2, new VxlanPacket(0, 1, inner)));
    assertEquals(1, drops(w2.device(FlannelVxlan.DEVICE), DropReason.MALFORMED));
    byte[] elsewhere = echoRequest(w1.backend().vtepMac(), mac(0x55), A_IP, X_IP, 63, 1, 1);
    w2.fromUnderlay(vxlanFrame(w2, VxlanPacket.of(1, elsewhere)));
    assertEquals(1, drops(w2.device(FlannelVxlan.DEVICE), DropReason.NOT_FOR_US));
    assertEquals(List.of(), out2.sent);
  }

  @Test
  void aPeerWithoutAnUnderlayNeighbourCannotBeReached() {
    w1.backend().peerUp(lease(w2), w1);
    attach(w1, out1, "veth-w1-a", A_MAC, A_IP);
    w1.fromPod("veth-w1-a", echoRequest(A_MAC, w1.cni0().mac(), A_IP, X_IP, 64, 1, 1));
    assertEquals(List.of(), out1.sent);
    assertEquals(1, drops(w1.eth0(), DropReason.NEIGHBOR_FAILED));
  }
}
