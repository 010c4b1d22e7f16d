package io.kubemu.protocols.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TcpOptionTest {
  /** The options of a real Linux SYN ("options [mss 1460,sackOK,TS val 508232750 ecr 0,nop,wscale 7]"). */
  private static final byte[] LINUX_SYN = hex(
      "0204 05b4" // kind 2 mss, length 4, 1460
      + "0402" // kind 4 sackOK, length 2
      + "080a 1e4b042e 00000000" // kind 8 TS, length 10, val 508232750, ecr 0
      + "01" // nop
      + "0303 07"); // kind 3 wscale, length 3, shift 7

  /** A Windows SYN's options, rebuilt byte for byte from tcpdump's "options [mss 1460,nop,wscale 8,nop,nop,sackOK]". */
  private static final byte[] WINDOWS_SYN = hex("020405b4 01 030308 01 01 0402");

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  @Test
  void parsesLinuxSynOptions() {
    List<TcpOption> options = TcpOption.parse(LINUX_SYN);
    assertEquals(List.of(TcpOption.mss(1460), TcpOption.sackPermitted(), TcpOption.timestamps(508232750L, 0),
        TcpOption.nop(), TcpOption.windowScale(7)), options);
    assertEquals(1460, options.get(0).mss());
    assertEquals(508232750L, options.get(2).timestampValue());
    assertEquals(0, options.get(2).timestampEchoReply());
    assertEquals(7, options.get(4).windowScale());
    assertEquals("[mss 1460, sackOK, TS val 508232750 ecr 0, nop, wscale 7]", options.toString());
    assertArrayEquals(LINUX_SYN, TcpOption.encodeAll(options));
  }

  @Test
  void parsesWindowsSynOptions() {
    assertEquals("[mss 1460, nop, wscale 8, nop, nop, sackOK]", TcpOption.parse(WINDOWS_SYN).toString());
    assertArrayEquals(WINDOWS_SYN, TcpOption.encodeAll(TcpOption.parse(WINDOWS_SYN)));
  }

  @Test
  void encodeAllPadsWithEolToFourBytes() {
    byte[] b = TcpOption.encodeAll(List.of(TcpOption.mss(536), TcpOption.windowScale(14)));
    assertArrayEquals(hex("02040218 03030e 00"), b);
    assertEquals(List.of(TcpOption.mss(536), TcpOption.windowScale(14), TcpOption.eol()), TcpOption.parse(b));
    assertArrayEquals(new byte[0], TcpOption.encodeAll(List.of()));
  }

  @Test
  void stopsAtEolAndIgnoresThePadding() {
    assertEquals(List.of(TcpOption.nop(), TcpOption.eol()), TcpOption.parse(hex("01 00 ff 63")));
  }

  @Test
  void keepsUnknownKindsAsTheyCame() {
    // kind 5 SACK with one block, then kind 30 (MPTCP) with two bytes
    List<TcpOption> options = TcpOption.parse(hex("050a 00000001 00000002 1e04 abcd"));
    assertEquals(5, options.get(0).kind());
    assertArrayEquals(hex("00000001 00000002"), options.get(0).data());
    assertEquals("opt-30:abcd", options.get(1).toString());
  }

  @Test
  void rejectsMalformedLengthsWithOffsets() {
    assertMalformed("bad TCP option length for opt-30: 1 (expected: >= 2) at offset 3", "0101 1e01");
    assertMalformed("bad TCP option length for opt-30: 0 (expected: >= 2) at offset 1", "1e00");
    assertMalformed("bad TCP option length for mss: 5 (expected: 4) at offset 1", "0205 05b400");
    assertMalformed("bad TCP option length for TS: 8 (expected: 10) at offset 1", "0808 00000000 0000");
    assertMalformed("bad TCP option length for sackOK: 3 (expected: 2) at offset 1", "040300");
    assertMalformed("bad TCP option length for wscale: 2 (expected: 3) at offset 1", "0302");
    assertMalformed("truncated TCP option opt-30: 1 bytes left (expected: at least 2) at offset 2", "1e04 ab");
    assertMalformed("truncated TCP option length: 0 bytes left (expected: at least 1) at offset 1", "02");
    assertMalformed("TCP options too long: 44 bytes (expected: at most 40) at offset 0", "00".repeat(44));
  }

  private static void assertMalformed(String message, String options) {
    MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> TcpOption.parse(hex(options)));
    assertEquals(message, e.getMessage());
  }

  @Test
  void everyTruncationOfALengthOptionFails() {
    for (int n = 1; n < 10; n++) {
      byte[] prefix = Arrays.copyOfRange(LINUX_SYN, 8, 8 + n);
      assertThrows(MalformedPacketException.class, () -> TcpOption.parse(prefix), "TS prefix of " + n + " bytes");
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> TcpOption.mss(65536));
    assertThrows(IllegalArgumentException.class, () -> TcpOption.windowScale(-1));
    assertThrows(IllegalArgumentException.class, () -> TcpOption.timestamps(1L << 32, 0));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption(TcpOption.MSS, new byte[3]));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption(TcpOption.NOP, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption(256, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new TcpOption(30, new byte[39]));
    assertThrows(IllegalStateException.class, () -> TcpOption.nop().mss());
    List<TcpOption> tooMany = List.of(TcpOption.timestamps(1, 2), TcpOption.timestamps(1, 2),
        TcpOption.timestamps(1, 2), TcpOption.timestamps(1, 2), TcpOption.nop());
    assertThrows(IllegalArgumentException.class, () -> TcpOption.encodeAll(tooMany));
  }

  @Test
  void randomBytesOnlyEverFailAsMalformed() {
    Random random = new Random(0x0F7);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(44)];
      random.nextBytes(b);
      for (int j = 0; j < b.length; j++) {
        if (random.nextInt(3) == 0) {
          b[j] = (byte) random.nextInt(12); // small values hit the known kinds and short lengths
        }
      }
      try {
        List<TcpOption> options = TcpOption.parse(b);
        options.forEach(TcpOption::toString);
        byte[] encoded = TcpOption.encodeAll(options);
        assertEquals(options, TcpOption.parse(encoded).subList(0, options.size()));
        parsed++;
      } catch (MalformedPacketException expected) {
        // the only failure a parser may have
      }
    }
    assertTrue(parsed > 1000, "parsed " + parsed);
  }
}
