package io.kubemu.protocols.ethernet;

import static io.kubemu.protocols.ethernet.ArpCapture.REQUEST_FRAME;
import static io.kubemu.protocols.ethernet.ArpCapture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EthernetFrameTest {
  @Test
  void decodesARealFrameKeepingPaddingInThePayload() {
    EthernetFrame frame = EthernetFrame.decode(new ByteReader(REQUEST_FRAME));
    assertEquals(MacAddress.BROADCAST, frame.destination());
    assertEquals(MacAddress.parse("00:a0:c9:22:b2:10"), frame.source());
    assertEquals(EtherType.ARP, frame.etherType());
    assertEquals(46, frame.payload().length);
    assertArrayEquals(Arrays.copyOfRange(REQUEST_FRAME, 14, 60), frame.payload());
    assertEquals(60, frame.length());
  }

  @Test
  void reEncodesTheSameBytes() {
    assertArrayEquals(REQUEST_FRAME, EthernetFrame.decode(new ByteReader(REQUEST_FRAME)).toBytes());
  }

  @Test
  void encodesWithoutPadding() {
    ArpPacket arp = ArpPacket.request(MacAddress.parse("00:a0:c9:22:b2:10"),
        Ipv4Address.parse("172.16.1.101"), Ipv4Address.parse("172.16.1.50"));
    EthernetFrame frame = new EthernetFrame(MacAddress.BROADCAST, arp.senderMac(), EtherType.ARP, arp.toBytes());
    assertEquals(42, frame.length());
    assertArrayEquals(Arrays.copyOf(REQUEST_FRAME, 42), frame.toBytes());
  }

  @Test
  void aBareHeaderIsAFrameWithAnEmptyPayload() {
    EthernetFrame frame = EthernetFrame.decode(new ByteReader(Arrays.copyOf(REQUEST_FRAME, 14)));
    assertEquals(0, frame.payload().length);
  }

  @Test
  void keepsUnknownEtherTypes() {
    byte[] lldp = hex("01 80 c2 00 00 0e 02 00 00 00 00 01 88 cc 02 07 04");
    EthernetFrame frame = EthernetFrame.decode(new ByteReader(lldp));
    assertEquals(0x88CC, frame.etherType());
    assertArrayEquals(lldp, frame.toBytes());
  }

  @Test
  void everyPrefixShorterThanTheHeaderIsMalformed() {
    for (int n = 0; n < EthernetFrame.HEADER_LENGTH; n++) {
      byte[] prefix = Arrays.copyOf(REQUEST_FRAME, n);
      MalformedPacketException e = assertThrows(MalformedPacketException.class,
          () -> EthernetFrame.decode(new ByteReader(prefix)), "prefix of " + n);
      assertEquals(0, e.offset());
      assertEquals("truncated Ethernet header: " + n + " bytes left (expected: at least 14) at offset 0", e.getMessage());
    }
  }

  @Test
  void readsOnlyWithinTheReader() {
    byte[] padded = new byte[REQUEST_FRAME.length + 4];
    System.arraycopy(REQUEST_FRAME, 0, padded, 2, REQUEST_FRAME.length);
    EthernetFrame frame = EthernetFrame.decode(new ByteReader(padded, 2, REQUEST_FRAME.length));
    assertArrayEquals(REQUEST_FRAME, frame.toBytes());
  }

  @Test
  void comparesPayloadsByContent() {
    EthernetFrame a = EthernetFrame.decode(new ByteReader(REQUEST_FRAME));
    EthernetFrame b = EthernetFrame.decode(new ByteReader(REQUEST_FRAME.clone()));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    byte[] other = REQUEST_FRAME.clone();
    other[59] = 1;
    assertNotEquals(a, EthernetFrame.decode(new ByteReader(other)));
  }

  @Test
  void printsLikeTcpdump() {
    EthernetFrame frame = new EthernetFrame(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"),
        EtherType.ARP, new byte[28]);
    assertEquals("02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff arp len 28", frame.toString());
  }

  @Test
  void rejectsAnEtherTypeWiderThan16Bits() {
    assertThrows(IllegalArgumentException.class,
        () -> new EthernetFrame(MacAddress.BROADCAST, MacAddress.ZERO, 0x10000, new byte[0]));
  }

  @Test
  void randomBytesDecodeOrFailOnlyAsMalformed() {
    Random random = new Random(0xE7E7);
    for (int i = 0; i < 20_000; i++) {
      byte[] garbage = new byte[random.nextInt(40)];
      random.nextBytes(garbage);
      try {
        EthernetFrame frame = EthernetFrame.decode(new ByteReader(garbage));
        assertArrayEquals(garbage, frame.toBytes());
      } catch (MalformedPacketException expected) {
        // the only failure allowed
      }
    }
  }
}
