package io.kubemu.protocols.ethernet;

import static io.kubemu.protocols.ethernet.ArpCapture.REPLY_FRAME;
import static io.kubemu.protocols.ethernet.ArpCapture.REQUEST_FRAME;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArpPacketTest {
  private static final MacAddress ASKER = MacAddress.parse("00:a0:c9:22:b2:10");
  private static final MacAddress OWNER = MacAddress.parse("00:90:27:3c:66:e1");
  private static final Ipv4Address ASKER_IP = Ipv4Address.parse("172.16.1.101");
  private static final Ipv4Address OWNER_IP = Ipv4Address.parse("172.16.1.50");

  private static ByteReader arpOf(byte[] frame) {
    return new ByteReader(frame, EthernetFrame.HEADER_LENGTH, frame.length - EthernetFrame.HEADER_LENGTH);
  }

  @Test
  void decodesARealRequestLeavingThePaddingUnread() {
    ByteReader r = arpOf(REQUEST_FRAME);
    ArpPacket arp = ArpPacket.decode(r);
    assertEquals(ArpPacket.REQUEST, arp.operation());
    assertEquals(ASKER, arp.senderMac());
    assertEquals(ASKER_IP, arp.senderIp());
    assertEquals(MacAddress.ZERO, arp.targetMac());
    assertEquals(OWNER_IP, arp.targetIp());
    assertEquals(18, r.remaining());
    assertEquals("arp who-has 172.16.1.50 tell 172.16.1.101", arp.toString());
  }

  @Test
  void decodesARealReply() {
    ArpPacket arp = ArpPacket.decode(arpOf(REPLY_FRAME));
    assertEquals(new ArpPacket(ArpPacket.REPLY, OWNER, OWNER_IP, ASKER, ASKER_IP), arp);
    assertEquals("arp reply 172.16.1.50 is-at 00:90:27:3c:66:e1", arp.toString());
  }

  @Test
  void theFactoriesBuildTheCapturedExchange() {
    ArpPacket request = ArpPacket.request(ASKER, ASKER_IP, OWNER_IP);
    assertArrayEquals(Arrays.copyOfRange(REQUEST_FRAME, 14, 42), request.toBytes());
    assertArrayEquals(Arrays.copyOfRange(REPLY_FRAME, 14, 42), request.replyFrom(OWNER).toBytes());
  }

  @Test
  void onlyARequestHasAReply() {
    ArpPacket reply = ArpPacket.request(ASKER, ASKER_IP, OWNER_IP).replyFrom(OWNER);
    assertThrows(IllegalStateException.class, () -> reply.replyFrom(ASKER));
  }

  @Test
  void roundTrips() {
    ArpPacket arp = new ArpPacket(ArpPacket.REPLY, OWNER, OWNER_IP, ASKER, ASKER_IP);
    assertEquals(ArpPacket.LENGTH, arp.length());
    assertEquals(arp, ArpPacket.decode(new ByteReader(arp.toBytes())));
  }

  @Test
  void keepsUnknownOperations() {
    byte[] bytes = Arrays.copyOfRange(REQUEST_FRAME, 14, 42);
    bytes[7] = 9; // operation 9, InARP request (RFC 2390): not ours, but well-formed
    ArpPacket arp = ArpPacket.decode(new ByteReader(bytes));
    assertEquals(9, arp.operation());
    assertArrayEquals(bytes, arp.toBytes());
  }

  @Test
  void everyPrefixIsMalformed() {
    for (int n = 0; n < ArpPacket.LENGTH; n++) {
      byte[] prefix = Arrays.copyOfRange(REQUEST_FRAME, 14, 14 + n);
      MalformedPacketException e = assertThrows(MalformedPacketException.class,
          () -> ArpPacket.decode(new ByteReader(prefix)), "prefix of " + n);
      assertEquals("truncated ARP packet: " + n + " bytes left (expected: at least 28) at offset 0", e.getMessage());
    }
  }

  @Test
  void rejectsOtherHardwareAndProtocols() {
    assertMalformed(1, 0x06, 0, "unsupported ARP hardware type: 6 (expected: 1, Ethernet) at offset 0");
    assertMalformed(2, 0x86, 2, "unsupported ARP protocol type: 0x8600 (expected: 0x0800, IPv4) at offset 2");
    assertMalformed(4, 0x08, 4, "unsupported ARP hardware address length: 8 (expected: 6) at offset 4");
    assertMalformed(5, 0x10, 5, "unsupported ARP protocol address length: 16 (expected: 4) at offset 5");
  }

  private static void assertMalformed(int index, int value, int offset, String message) {
    byte[] bytes = Arrays.copyOfRange(REQUEST_FRAME, 14, 42);
    bytes[index] = (byte) value;
    MalformedPacketException e = assertThrows(MalformedPacketException.class,
        () -> ArpPacket.decode(new ByteReader(bytes)));
    assertEquals(offset, e.offset());
    assertEquals(message, e.getMessage());
  }

  @Test
  void randomAndMutatedBytesDecodeOrFailOnlyAsMalformed() {
    Random random = new Random(0xA12F);
    byte[] valid = Arrays.copyOfRange(REPLY_FRAME, 14, 60);
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(48)];
        random.nextBytes(input);
      } else {
        input = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
        for (int flips = random.nextInt(3); flips > 0 && input.length > 0; flips--) {
          input[random.nextInt(Math.min(8, input.length))] = (byte) random.nextInt(256);
        }
      }
      try {
        ArpPacket arp = ArpPacket.decode(new ByteReader(input));
        assertArrayEquals(Arrays.copyOf(input, ArpPacket.LENGTH), arp.toBytes());
      } catch (MalformedPacketException expected) {
        // the only failure allowed
      }
    }
  }
}
