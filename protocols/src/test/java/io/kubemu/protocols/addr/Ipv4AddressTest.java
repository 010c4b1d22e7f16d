package io.kubemu.protocols.addr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.MalformedPacketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

  @Test
  void parsesEncodesAndOrders() {
    Ipv4Address a = Ipv4Address.parse("192.168.0.199");
    assertEquals(Ipv4Address.of(192, 168, 0, 199), a);
    assertEquals("192.168.0.199", a.toString());
    byte[] golden = {(byte) 0xc0, (byte) 0xa8, 0x00, (byte) 0xc7};
    assertArrayEquals(golden, a.toBytes());
    ByteWriter w = new ByteWriter();
    a.encode(w);
    assertArrayEquals(golden, w.toByteArray());
    assertEquals(a, Ipv4Address.decode(new ByteReader(golden)));
    assertTrue(Ipv4Address.parse("128.0.0.0").compareTo(Ipv4Address.parse("127.255.255.255")) > 0);
    assertEquals(Ipv4Address.ANY, Ipv4Address.BROADCAST.plus(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1..3.4", "1.2.3.-4", "+1.2.3.4",
      "1.2.3.4 ", "\u0661.2.3.4", "\uff11.2.3.4", "0x1.2.3.4", "1.2.3.1234"})
  void rejectsBadTextNamingIt(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text));
    assertTrue(e.getMessage().startsWith("bad IPv4 address: '" + text + "'"), e.getMessage());
  }

  @Test
  void everyTruncationIsMalformed() {
    byte[] full = {10, (byte) 244, 1, 5};
    for (int len = 0; len < full.length; len++) {
      ByteReader r = new ByteReader(full, 0, len);
      assertThrows(MalformedPacketException.class, () -> Ipv4Address.decode(r), "length " + len);
    }
  }
}
