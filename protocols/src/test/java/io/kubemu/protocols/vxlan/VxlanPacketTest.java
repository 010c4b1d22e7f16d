package io.kubemu.protocols.vxlan;

import static io.kubemu.protocols.vxlan.VxlanCapture.FRAME;
import static io.kubemu.protocols.vxlan.VxlanCapture.VXLAN_AT;
import static io.kubemu.protocols.vxlan.VxlanCapture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VxlanPacketTest {
  private static byte[] vxlanPart() {
    return Arrays.copyOfRange(FRAME, VXLAN_AT, FRAME.length);
  }

  @Test
  void decodesARealPacket() {
    VxlanPacket packet = VxlanPacket.decode(new ByteReader(FRAME, VXLAN_AT, FRAME.length - VXLAN_AT));
    assertEquals(VxlanPacket.FLAG_VNI, packet.flags());
    assertEquals(0, packet.vni());
    assertEquals(98, packet.innerFrame().length);
    EthernetFrame inner = packet.innerEthernet();
    assertEquals(MacAddress.parse("00:30:88:01:00:02"), inner.destination());
    assertEquals(MacAddress.parse("00:16:3e:37:f6:04"), inner.source());
    assertEquals(EtherType.IPV4, inner.etherType());
    assertEquals("vxlan vni 0 len 98", packet.toString());
  }

  @Test
  void reEncodesTheSameBytes() {
    assertArrayEquals(vxlanPart(), VxlanPacket.decode(new ByteReader(vxlanPart())).toBytes());
  }

  @Test
  void encodesFlannelsHeader() {
    byte[] inner = Arrays.copyOfRange(FRAME, VXLAN_AT + 8, FRAME.length);
    VxlanPacket packet = VxlanPacket.of(1, inner); // flannel.1 uses VNI 1
    byte[] bytes = packet.toBytes();
    assertArrayEquals(hex("08 000000 000001 00"), Arrays.copyOf(bytes, 8));
    assertEquals(8 + inner.length, packet.length());
    assertEquals(packet, VxlanPacket.decode(new ByteReader(bytes)));
  }

  @Test
  void ignoresReservedBitsOnReceiptAndSendsThemAsZero() {
    byte[] bytes = vxlanPart();
    bytes[0] = (byte) 0xFF; // every flag
    bytes[1] = bytes[2] = bytes[3] = (byte) 0xFF; // first reserved field
    bytes[4] = 0x12;
    bytes[5] = 0x34;
    bytes[6] = 0x56; // VNI 0x123456
    bytes[7] = (byte) 0xFF; // last reserved field
    VxlanPacket packet = VxlanPacket.decode(new ByteReader(bytes));
    assertEquals(0x123456, packet.vni());
    assertEquals(0xFF, packet.flags());
    assertArrayEquals(hex("ff 000000 123456 00"), Arrays.copyOf(packet.toBytes(), 8));
  }

  @Test
  void rejectsAPacketWithoutTheIFlag() {
    byte[] bytes = vxlanPart();
    bytes[0] = (byte) 0xF7;
    MalformedPacketException e = assertThrows(MalformedPacketException.class,
        () -> VxlanPacket.decode(new ByteReader(bytes)));
    assertEquals(0, e.offset());
    assertEquals("VXLAN I flag not set: flags 0xf7 (expected: 0x08 bit set) at offset 0", e.getMessage());
  }

  @Test
  void everyPrefixWithoutAWholeInnerHeaderIsMalformed() {
    byte[] bytes = vxlanPart();
    for (int n = 0; n < VxlanPacket.HEADER_LENGTH + EthernetFrame.HEADER_LENGTH; n++) {
      byte[] prefix = Arrays.copyOf(bytes, n);
      assertThrows(MalformedPacketException.class, () -> VxlanPacket.decode(new ByteReader(prefix)), "prefix " + n);
    }
    VxlanPacket shortest = VxlanPacket.decode(new ByteReader(Arrays.copyOf(bytes, 22)));
    assertEquals(14, shortest.innerFrame().length);
  }

  @Test
  void sayWhatIsMissing() {
    MalformedPacketException header = assertThrows(MalformedPacketException.class,
        () -> VxlanPacket.decode(new ByteReader(Arrays.copyOf(vxlanPart(), 5))));
    assertEquals("truncated VXLAN header: 5 bytes left (expected: at least 8) at offset 0", header.getMessage());
    MalformedPacketException inner = assertThrows(MalformedPacketException.class,
        () -> VxlanPacket.decode(new ByteReader(Arrays.copyOf(vxlanPart(), 20))));
    assertEquals(8, inner.offset());
    assertEquals("truncated VXLAN inner frame: 12 bytes (expected: at least 14, an Ethernet header) at offset 8",
        inner.getMessage());
  }

  @Test
  void checksTheVniRange() {
    byte[] inner = new byte[14];
    assertEquals(VxlanPacket.MAX_VNI, VxlanPacket.of(0xFF_FFFF, inner).vni());
    assertThrows(IllegalArgumentException.class, () -> VxlanPacket.of(-1, inner));
    assertThrows(IllegalArgumentException.class, () -> VxlanPacket.of(1 << 24, inner));
    assertThrows(IllegalArgumentException.class, () -> VxlanPacket.of(1, new byte[13]));
  }

  @Test
  void randomAndMutatedBytesDecodeOrFailOnlyAsMalformed() {
    Random random = new Random(0x7348);
    byte[] valid = vxlanPart();
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(40)];
        random.nextBytes(input);
      } else {
        input = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
        for (int flips = random.nextInt(3); flips > 0 && input.length > 0; flips--) {
          input[random.nextInt(Math.min(10, input.length))] = (byte) random.nextInt(256);
        }
      }
      try {
        VxlanPacket packet = VxlanPacket.decode(new ByteReader(input));
        assertEquals(packet, VxlanPacket.decode(new ByteReader(packet.toBytes())));
      } catch (MalformedPacketException expected) {
        // the only failure allowed
      }
    }
  }
}
