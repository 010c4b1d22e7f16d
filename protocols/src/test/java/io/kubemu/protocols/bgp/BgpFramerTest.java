package io.kubemu.protocols.bgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.wire.ByteWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BgpFramerTest {
  private static final byte[][] MESSAGES = {
    BgpGolden.OPEN, BgpGolden.KEEPALIVE, BgpGolden.JUNOS_UPDATE, BgpGolden.KEEPALIVE,
    Arrays.copyOf(BgpGolden.CISCO_NOTIFICATION_WORDS, 23)};

  private static byte[] stream() {
    ByteWriter w = new ByteWriter();
    for (byte[] m : MESSAGES) {
      w.bytes(m);
    }
    return w.toByteArray();
  }

  private static void assertMessages(List<byte[]> framed) {
    assertEquals(MESSAGES.length, framed.size());
    for (int i = 0; i < MESSAGES.length; i++) {
      assertArrayEquals(MESSAGES[i], framed.get(i), "message " + i);
    }
  }

  @Test
  void wholeStreamInOneRead() {
    BgpFramer framer = new BgpFramer();
    assertMessages(framer.feed(stream()));
    assertEquals(0, framer.buffered());
  }

  @Test
  void oneByteAtATime() {
    BgpFramer framer = new BgpFramer();
    byte[] stream = stream();
    List<byte[]> framed = new ArrayList<>();
    for (int i = 0; i < stream.length; i++) {
      framed.addAll(framer.feed(stream, i, 1));
    }
    assertMessages(framed);
  }

  @Test
  void everySplitIntoTwoReads() {
    byte[] stream = stream();
    for (int cut = 0; cut <= stream.length; cut++) {
      BgpFramer framer = new BgpFramer();
      List<byte[]> framed = new ArrayList<>(framer.feed(stream, 0, cut));
      framed.addAll(framer.feed(stream, cut, stream.length - cut));
      assertMessages(framed);
    }
  }

  @Test
  void randomReadSizes() {
    byte[] stream = stream();
    Random random = new Random(4271);
    for (int round = 0; round < 200; round++) {
      BgpFramer framer = new BgpFramer();
      List<byte[]> framed = new ArrayList<>();
      int at = 0;
      while (at < stream.length) {
        int n = Math.min(stream.length - at, random.nextInt(40));
        framed.addAll(framer.feed(stream, at, n));
        at += n;
      }
      assertMessages(framed);
    }
  }

  @Test
  void partialMessageStaysBuffered() {
    BgpFramer framer = new BgpFramer();
    assertEquals(List.of(), framer.feed(Arrays.copyOf(BgpGolden.OPEN, 30)));
    assertEquals(30, framer.buffered());
  }

  @Test
  void aMessageOfTheLargestLengthAcrossReads() {
    byte[] big = new byte[BgpMessage.MAX_LENGTH];
    Arrays.fill(big, 0, BgpMessage.MARKER_LENGTH, (byte) 0xFF);
    big[16] = 0x10; // length 4096
    big[18] = 2; // UPDATE; the framer reads no further than the length
    big[4095] = 7;
    BgpFramer framer = new BgpFramer();
    assertEquals(List.of(), framer.feed(big, 0, 10));
    assertEquals(List.of(), framer.feed(big, 10, 3000));
    assertEquals(3010, framer.buffered());
    List<byte[]> framed = framer.feed(big, 3010, big.length - 3010);
    assertEquals(1, framed.size());
    assertArrayEquals(big, framed.get(0));
    assertEquals(0, framer.buffered());
    assertArrayEquals(BgpGolden.KEEPALIVE, framer.feed(BgpGolden.KEEPALIVE).get(0), "the next message starts afresh");
  }

  @Test
  void badMarkerOrLengthStopsTheStream() {
    byte[] stream = stream();
    stream[BgpGolden.OPEN.length + 3] = 0; // the KEEPALIVE's marker
    BgpFramer framer = new BgpFramer();
    BgpError e = assertThrows(BgpError.class, () -> framer.feed(stream));
    assertEquals(new BgpNotification(1, 1), e.notification());
    assertThrows(IllegalStateException.class, () -> framer.feed(BgpGolden.KEEPALIVE));

    byte[] tooLong = BgpGolden.KEEPALIVE.clone();
    tooLong[16] = 0x10;
    tooLong[17] = 0x01;
    BgpError length = assertThrows(BgpError.class, () -> new BgpFramer().feed(tooLong));
    assertEquals(new BgpNotification(1, 2, new byte[] {0x10, 0x01}), length.notification());
  }
}
