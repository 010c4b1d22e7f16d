package io.kubemu.protocols.nat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.tcp.TcpSegment;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NAT rewrites: the incremental checksum must equal one summed from scratch, for any addresses and ports. */
class NatRewriteTest {
  private static final Ipv4Address POD = Ipv4Address.parse("10.244.0.2");
  private static final Ipv4Address VIP = Ipv4Address.parse("10.96.0.20");
  private static final Ipv4Address ENDPOINT = Ipv4Address.parse("10.244.1.3");

  @Test
  void aDnatOfTcpKeepsTheChecksumRight() {
    TcpSegment seg = TcpSegment.of(POD, VIP, 40000, 80, 1, 0, TcpSegment.SYN, 65535, new byte[0], "x".getBytes());
    Ipv4Packet p = Ipv4Packet.of(IpProtocol.TCP, POD, VIP, 64, 1, seg.toBytes());
    Ipv4Packet out = NatRewrite.rewrite(p, POD, 40000, ENDPOINT, 8080);
    TcpSegment rewritten = TcpSegment.decode(new ByteReader(out.payload()));
    assertEquals(ENDPOINT, out.destination());
    assertEquals(8080, rewritten.destinationPort());
    assertTrue(rewritten.checksumValid(POD, ENDPOINT));
    assertEquals(TcpSegment.of(POD, ENDPOINT, 40000, 8080, 1, 0, TcpSegment.SYN, 65535, new byte[0], "x".getBytes()).checksum(),
        rewritten.checksum(), "the same as summing from scratch");
    assertEquals(new NatRewrite.Ports(40000, 8080), NatRewrite.ports(out));
  }

  @Test
  void randomRewritesOfTcpAndUdpAlwaysVerify() {
    Random r = new Random(7);
    for (int i = 0; i < 5000; i++) {
      Ipv4Address src = new Ipv4Address(r.nextInt());
      Ipv4Address dst = new Ipv4Address(r.nextInt());
      byte[] payload = new byte[r.nextInt(40)];
      r.nextBytes(payload);
      boolean tcp = r.nextBoolean();
      byte[] l4 = tcp
          ? TcpSegment.of(src, dst, r.nextInt(65536), r.nextInt(65536), r.nextInt() & 0xFFFFFFFFL, 0, 16, 1000, new byte[0], payload).toBytes()
          : UdpDatagram.of(src, dst, r.nextInt(65536), r.nextInt(65536), payload).toBytes();
      Ipv4Packet p = Ipv4Packet.of(tcp ? IpProtocol.TCP : IpProtocol.UDP, src, dst, 64, 1, l4);
      Ipv4Address nsrc = new Ipv4Address(r.nextInt());
      Ipv4Address ndst = new Ipv4Address(r.nextInt());
      Ipv4Packet out = NatRewrite.rewrite(p, nsrc, r.nextInt(65536), ndst, r.nextInt(65536));
      boolean ok = tcp ? TcpSegment.decode(new ByteReader(out.payload())).checksumValid(nsrc, ndst)
          : UdpDatagram.decode(new ByteReader(out.payload())).checksumValid(nsrc, ndst);
      assertTrue(ok, "case " + i);
    }
  }

  @Test
  void anIcmpEchoGetsANewIdentifierAndAValidChecksum() {
    IcmpMessage echo = IcmpMessage.echoRequest(0x1234, 1, "ping".getBytes());
    Ipv4Packet p = Ipv4Packet.of(IpProtocol.ICMP, POD, VIP, 64, 1, echo.toBytes());
    assertEquals(new NatRewrite.Ports(0x1234, 0x1234), NatRewrite.ports(p));
    Ipv4Packet out = NatRewrite.rewrite(p, Ipv4Address.parse("172.18.0.2"), 0x4321, VIP, 0);
    IcmpMessage rewritten = IcmpMessage.decode(new ByteReader(out.payload()));
    assertEquals(0x4321, rewritten.identifier());
    assertArrayEquals(IcmpMessage.echoRequest(0x4321, 1, "ping".getBytes()).toBytes(), out.payload());
  }

  @Test
  void aUdpDatagramWithoutChecksumStaysWithout() {
    byte[] udp = {(byte) 0x9c, 0x40, 0, 53, 0, 9, 0, 0, 42};
    Ipv4Packet p = Ipv4Packet.of(IpProtocol.UDP, POD, VIP, 64, 1, udp);
    Ipv4Packet out = NatRewrite.rewrite(p, POD, 40000, ENDPOINT, 5353);
    assertEquals(0, UdpDatagram.decode(new ByteReader(out.payload())).checksum());
  }

  @Test
  void shortTransportHeadersAreRefusedAndOtherProtocolsHaveNoPorts() {
    Ipv4Packet shortTcp = Ipv4Packet.of(IpProtocol.TCP, POD, VIP, 64, 1, new byte[10]);
    assertThrows(MalformedPacketException.class, () -> NatRewrite.rewrite(shortTcp, POD, 1, ENDPOINT, 2));
    assertNull(NatRewrite.ports(Ipv4Packet.of(IpProtocol.TCP, POD, VIP, 64, 1, new byte[4])));
    assertNull(NatRewrite.ports(Ipv4Packet.of(47, POD, VIP, 64, 1, new byte[40])));
    assertNull(NatRewrite.ports(Ipv4Packet.of(IpProtocol.ICMP, POD, VIP, 64, 1,
        IcmpMessage.destinationUnreachable(3, Ipv4Packet.of(IpProtocol.UDP, VIP, POD, 64, 1, new byte[8]).toBytes())
            .toBytes())), "errors are related to a flow, not one");
  }
}
