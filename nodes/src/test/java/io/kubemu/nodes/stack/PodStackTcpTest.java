package io.kubemu.nodes.stack;

import static io.kubemu.nodes.net.TestFrames.drops;
import static io.kubemu.nodes.net.TestFrames.ip;
import static io.kubemu.nodes.net.TestFrames.ipv4;
import static io.kubemu.nodes.net.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.nodes.net.DropReason;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.nodes.tcp.TcpState;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.tcp.TcpSegment;
import io.kubemu.protocols.wire.ByteReader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TCP inside a pod's namespace: over loopback, and as segments in frames on its veth. */
class PodStackTcpTest {
  private static final MacAddress POD_MAC = mac(2);
  private static final MacAddress GW_MAC = mac(1);
  private static final Ipv4Address POD_IP = ip("10.244.0.2");
  private static final Ipv4Address GW_IP = ip("10.244.0.1");
  private static final Ipv4Address REMOTE_IP = ip("10.244.1.5");

  private final List<byte[]> sent = new ArrayList<>();
  private final PodStack stack = new PodStack("w1", "default/a", POD_MAC, POD_IP, Ipv4Cidr.parse("10.244.0.0/24"),
      Ipv4Cidr.parse("10.244.0.0/16"), GW_IP, 1450, sent::add, new FakeTcpTimers(() -> 0L));

  /** Echoes every byte back, and closes when the peer does. */
  private static final class Echo implements TcpHandler {
    @Override
    public void onData(TcpSocket s, byte[] data) {
      s.write(data);
    }

    @Override
    public void onEndOfStream(TcpSocket s) {
      s.close();
    }
  }

  private static final class Collect implements TcpHandler {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String closed = "open";

    @Override
    public void onData(TcpSocket s, byte[] data) {
      bytes.writeBytes(data);
    }

    @Override
    public void onClosed(TcpSocket s, String error) {
      closed = String.valueOf(error);
    }
  }

  private void learnGateway() {
    stack.receive(Frames.arpRequest(GW_MAC, GW_IP, POD_IP));
    sent.clear();
  }

  private byte[] tcpFrame(int srcPort, int dstPort, long seq, long ack, int flags) {
    TcpSegment seg = TcpSegment.of(REMOTE_IP, POD_IP, srcPort, dstPort, seq, ack, flags, 65535, new byte[0], new byte[0]);
    return Frames.ipv4(GW_MAC, POD_MAC, Ipv4Packet.of(IpProtocol.TCP, REMOTE_IP, POD_IP, 63, 1, seg.toBytes()));
  }

  private static TcpSegment tcp(byte[] frame) {
    return TcpSegment.decode(new ByteReader(ipv4(frame).payload()));
  }

  @Test
  void aMegabyteEchoedOverLoopbackToThePodsOwnAddress() {
    stack.tcp().listen(7, 16, s -> new Echo());
    Collect client = new Collect();
    TcpSocket socket = stack.tcp().connect(POD_IP, 7, client);
    byte[] data = new byte[1 << 20];
    new Random(3).nextBytes(data);
    for (int i = 0; i < data.length; i += 65536) {
      socket.write(java.util.Arrays.copyOfRange(data, i, i + 65536));
    }
    socket.shutdownOutput();
    assertArrayEquals(data, client.bytes.toByteArray());
    assertEquals("null", client.closed, "an orderly close");
    assertEquals(TcpState.TIME_WAIT, socket.state());
    assertEquals(List.of(), sent, "loopback never reaches eth0");
    assertEquals(POD_IP, socket.localAddress());
  }

  @Test
  void aSynToAClosedPortIsAnsweredWithRstOnTheWire() {
    learnGateway();
    stack.receive(tcpFrame(40000, 8080, 77, 0, TcpSegment.SYN));
    assertEquals(1, sent.size());
    TcpSegment rst = tcp(sent.get(0));
    assertEquals(TcpSegment.RST | TcpSegment.ACK, rst.flags());
    assertEquals(78, rst.acknowledgment());
    assertEquals(8080, rst.sourcePort());
    assertEquals(40000, rst.destinationPort());
    assertEquals(REMOTE_IP, ipv4(sent.get(0)).destination());
  }

  @Test
  void aPortUnreachableForOurSynRefusesTheConnectionAtOnce() {
    learnGateway();
    Collect client = new Collect();
    TcpSocket socket = stack.tcp().connect(REMOTE_IP, 80, client);
    byte[] syn = ipv4(sent.remove(0)).toBytes();
    IcmpMessage unreachable = IcmpMessage.destinationUnreachable(IcmpMessage.PORT, syn);
    stack.receive(Frames.ipv4(GW_MAC, POD_MAC, Ipv4Packet.of(IpProtocol.ICMP, ip("10.244.0.1"), POD_IP, 64, 2,
        unreachable.toBytes())));
    assertEquals("Connection refused", client.closed);
    assertEquals(TcpState.CLOSED, socket.state());
    Collect other = new Collect();
    stack.tcp().connect(REMOTE_IP, 80, other);
    byte[] syn2 = ipv4(sent.remove(0)).toBytes();
    stack.receive(Frames.ipv4(GW_MAC, POD_MAC, Ipv4Packet.of(IpProtocol.ICMP, GW_IP, POD_IP, 64, 3,
        IcmpMessage.destinationUnreachable(IcmpMessage.HOST, syn2).toBytes())));
    assertEquals("No route to host", other.closed);
  }

  @Test
  void aSegmentWithABadChecksumIsDroppedAndCounted() {
    learnGateway();
    byte[] frame = tcpFrame(40000, 8080, 77, 0, TcpSegment.SYN);
    frame[frame.length - 3] ^= 0x40; // a bit of the TCP checksum
    stack.receive(frame);
    assertEquals(List.of(), sent);
    assertEquals(1, drops(stack.eth0(), DropReason.MALFORMED));
  }
}
