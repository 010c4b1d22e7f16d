package io.kubemu.protocols.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UdpDatagramTest {
  /**
   * A real DNS answer, from a `tcpdump -nnvXX` capture published in HTB Academy's tcpdump notes:
   * "172.16.146.1.53 > 172.16.146.2.55351: 26460 3/0/0 app.hackthebox.eu. A 104.20.55.68, ...
   * (83)". It was received, so its checksum is the one the resolver computed.
   */
  private static final Ipv4Address RESOLVER = Ipv4Address.parse("172.16.146.1");
  private static final Ipv4Address CLIENT = Ipv4Address.parse("172.16.146.2");
  private static final String DNS_ANSWER =
      "675c 8180 0001 0003 0000 0000" // id 26460, flags QR RD RA, 1 question, 3 answers
      + "0361 7070 0a68 6163 6b74 6865 626f 7802 6575 00 0001 0001" // app.hackthebox.eu. A IN
      + "c00c 0001 0001 000000ab 0004 68143744" // A 104.20.55.68, TTL 171
      + "c00c 0001 0001 000000ab 0004 ac430101" // A 172.67.1.1
      + "c00c 0001 0001 000000ab 0004 68144244"; // A 104.20.66.68
  private static final byte[] ANSWER = hex(
      "0035" // source port 53
      + "d837" // destination port 55351
      + "005b" // length 91: 8 of header + 83 of DNS
      + "9d2e" // checksum 0x9d2e
      + DNS_ANSWER);

  /**
   * A real DNS query captured on its sender with checksum offload, from a `tcpdump -v -X` example
   * in a course README: "kali478-0.38378 > _gateway.domain: [bad udp cksum 0x6ede -> 0x96ae!]
   * 54659+ A? www.google.com. (32)". The captured field is the NIC's unfinished partial sum;
   * tcpdump's 0x96ae is the real checksum.
   */
  private static final Ipv4Address KALI = Ipv4Address.parse("172.16.139.129");
  private static final Ipv4Address GATEWAY = Ipv4Address.parse("172.16.139.2");
  private static final byte[] QUERY = hex(
      "95ea" // source port 38378
      + "0035" // destination port 53
      + "0028" // length 40
      + "6ede" // checksum as captured before offload filled it in
      + "d583 0100 0001 0000 0000 0000" // id 54659, RD, 1 question
      + "0377 7777 0667 6f6f 676c 6503 636f 6d00 0001 0001"); // www.google.com. A IN

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  private static UdpDatagram decode(byte[] b) {
    return UdpDatagram.decode(new ByteReader(b));
  }

  @Test
  void decodesCapturedDnsAnswer() {
    UdpDatagram d = decode(ANSWER);
    assertEquals(53, d.sourcePort());
    assertEquals(55351, d.destinationPort());
    assertEquals(0x9d2e, d.checksum());
    assertArrayEquals(hex(DNS_ANSWER), d.payload());
    assertEquals(83, d.payload().length);
    assertEquals("UDP 53 > 55351 len 83", d.toString());
  }

  @Test
  void capturedChecksumVerifiesAndOfReproducesIt() {
    UdpDatagram d = decode(ANSWER);
    assertTrue(d.checksumValid(RESOLVER, CLIENT));
    assertFalse(d.checksumValid(CLIENT, RESOLVER.plus(1)));
    assertEquals(d, UdpDatagram.of(RESOLVER, CLIENT, 53, 55351, hex(DNS_ANSWER)));
    assertArrayEquals(ANSWER, d.toBytes());
  }

  @Test
  void offloadedQueryFailsAndOfComputesWhatTcpdumpSaid() {
    UdpDatagram captured = decode(QUERY);
    assertFalse(captured.checksumValid(KALI, GATEWAY));
    UdpDatagram fixed = UdpDatagram.of(KALI, GATEWAY, 38378, 53, captured.payload());
    assertEquals(0x96ae, fixed.checksum());
    assertTrue(fixed.checksumValid(KALI, GATEWAY));
  }

  @Test
  void zeroChecksumMeansNoneAndComputedZeroIsSentAsAllOnes() {
    assertTrue(new UdpDatagram(1, 2, 0, new byte[] {7}).checksumValid(KALI, GATEWAY));
    // Choose a payload word that makes the ones' complement sum come out 0xFFFF, i.e. a checksum of 0.
    UdpDatagram probe = UdpDatagram.of(KALI, GATEWAY, 1000, 2000, new byte[2]);
    int word = probe.checksum() == 0xFFFF ? 0 : probe.checksum();
    byte[] payload = {(byte) (word >>> 8), (byte) word};
    UdpDatagram d = UdpDatagram.of(KALI, GATEWAY, 1000, 2000, payload);
    assertEquals(0xFFFF, d.checksum());
    assertTrue(d.checksumValid(KALI, GATEWAY));
  }

  @Test
  void readsExactlyItsLengthAndLeavesTheRest() {
    byte[] framed = new byte[ANSWER.length + 6];
    System.arraycopy(ANSWER, 0, framed, 0, ANSWER.length);
    ByteReader r = new ByteReader(framed);
    assertEquals(decode(ANSWER), UdpDatagram.decode(r));
    assertEquals(6, r.remaining());
  }

  @Test
  void rejectsBadLengthsWithAbsoluteOffsets() {
    byte[] framed = new byte[20 + QUERY.length];
    System.arraycopy(QUERY, 0, framed, 20, QUERY.length);
    framed[20 + 5] = 7;
    MalformedPacketException tooShort = assertThrows(MalformedPacketException.class,
        () -> UdpDatagram.decode(new ByteReader(framed, 20, QUERY.length)));
    assertEquals("bad UDP length: 7 (expected: >= 8) at offset 24", tooShort.getMessage());
    framed[20 + 5] = 41;
    MalformedPacketException tooLong = assertThrows(MalformedPacketException.class,
        () -> UdpDatagram.decode(new ByteReader(framed, 20, QUERY.length)));
    assertEquals("UDP length beyond available bytes: 41 (expected: <= 40) at offset 24", tooLong.getMessage());
  }

  @Test
  void rejectsPayloadLongerThanAnIpv4DatagramHolds() {
    byte[] b = new byte[8 + 65527];
    b[4] = (byte) 0xFF;
    b[5] = (byte) 0xFF;
    MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> decode(b));
    assertEquals("UDP length too large: 65535 (expected: <= 65515) at offset 4", e.getMessage());
    assertEquals(65507, decode(new UdpDatagram(1, 2, 0, new byte[65507]).toBytes()).payload().length);
  }

  @Test
  void everyTruncationFails() {
    for (byte[] golden : new byte[][] {ANSWER, QUERY}) {
      for (int n = 0; n < golden.length; n++) {
        byte[] prefix = Arrays.copyOf(golden, n);
        assertThrows(MalformedPacketException.class, () -> decode(prefix), "prefix of " + n + " bytes");
      }
    }
  }

  @Test
  void roundTrips() {
    UdpDatagram[] datagrams = {
      new UdpDatagram(0, 0, 0, new byte[0]),
      new UdpDatagram(65535, 65535, 65535, new byte[] {1}),
      UdpDatagram.of(CLIENT, RESOLVER, 55351, 53, new byte[] {1, 2, 3}),
    };
    for (UdpDatagram d : datagrams) {
      byte[] bytes = d.toBytes();
      assertEquals(d.length(), bytes.length);
      assertEquals(d, decode(bytes));
      assertEquals(d.hashCode(), decode(bytes).hashCode());
    }
  }

  @Test
  void rejectsBadArgumentsAndSharesThePayload() {
    assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(-1, 0, 0, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(0, 65536, 0, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(0, 0, 0x10000, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(0, 0, 0, null));
    assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(0, 0, 0, new byte[65508]));
    byte[] payload = {1, 2};
    UdpDatagram d = new UdpDatagram(1, 2, 3, payload);
    assertSame(payload, d.payload());
    assertEquals(new UdpDatagram(1, 2, 3, new byte[] {1, 2}), d);
    assertNotEquals(new UdpDatagram(1, 2, 4, new byte[] {1, 2}), d);
  }

  @Test
  void randomBytesOnlyEverFailAsMalformed() {
    Random random = new Random(0x0D9);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(64)];
      random.nextBytes(b);
      if (b.length >= 8 && random.nextBoolean()) {
        int length = 8 + random.nextInt(b.length - 7);
        b[4] = (byte) (length >>> 8);
        b[5] = (byte) length;
      }
      try {
        ByteReader r = new ByteReader(b);
        UdpDatagram d = UdpDatagram.decode(r);
        assertArrayEquals(Arrays.copyOf(b, r.position()), d.toBytes());
        d.checksumValid(KALI, GATEWAY);
        decoded++;
      } catch (MalformedPacketException expected) {
        // the only failure a decoder may have
      }
    }
    assertTrue(decoded > 1000, "decoded " + decoded);
  }
}
