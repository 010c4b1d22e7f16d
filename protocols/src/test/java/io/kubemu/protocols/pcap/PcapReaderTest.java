package io.kubemu.protocols.pcap;

import static io.kubemu.protocols.pcap.PcapSamples.MICROS_FILE;
import static io.kubemu.protocols.pcap.PcapSamples.NANOS_FILE;
import static io.kubemu.protocols.pcap.PcapSamples.REPLY_NANOS;
import static io.kubemu.protocols.pcap.PcapSamples.REQUEST_NANOS;
import static io.kubemu.protocols.pcap.PcapSamples.concat;
import static io.kubemu.protocols.pcap.PcapSamples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.ethernet.ArpCapture;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcapReaderTest {
  private static final List<PcapRecord> ARP_EXCHANGE = List.of(
      PcapRecord.of(REQUEST_NANOS, ArpCapture.REQUEST_FRAME), PcapRecord.of(REPLY_NANOS, ArpCapture.REPLY_FRAME));

  @Test
  void readsWiresharksNanosecondFile() {
    PcapFile file = PcapReader.decode(NANOS_FILE);
    assertEquals(new PcapFile(1, 262_144, true, ARP_EXCHANGE), file);
  }

  @Test
  void readsWiresharksMicrosecondFile() {
    PcapFile file = PcapReader.decode(MICROS_FILE);
    assertEquals(new PcapFile(1, 262_144, false, ARP_EXCHANGE), file);
  }

  @Test
  void readsBigEndianFilesOfBothResolutions() {
    byte[] micros = concat(hex("a1 b2 c3 d4" // magic as a big-endian host writes it
        + "00 02 00 04 00 00 00 00 00 00 00 00" // version 2.4, thiszone, sigfigs
        + "00 00 ff ff 00 00 00 01" // snap length 65535, Ethernet
        + "3a e7 7f d2 00 04 0b 28" // 988250066 s, 265000 us
        + "00 00 00 3c 00 00 00 3c"), ArpCapture.REQUEST_FRAME); // 60 of 60 bytes
    assertEquals(new PcapFile(1, 65_535, false, ARP_EXCHANGE.subList(0, 1)), PcapReader.decode(micros));
    byte[] nanos = concat(hex("a1 b2 3c 4d 00 02 00 04 00 00 00 00 00 00 00 00 00 00 ff ff 00 00 00 01"
        + "3a e7 7f d2 0f cb 94 40" // 988250066 s, 265000000 ns
        + "00 00 00 3c 00 00 00 3c"), ArpCapture.REQUEST_FRAME);
    assertEquals(new PcapFile(1, 65_535, true, ARP_EXCHANGE.subList(0, 1)), PcapReader.decode(nanos));
  }

  @Test
  void roundTripsThroughTheWriterCuttingAtTheSnapLength() throws IOException {
    Random random = new Random(42);
    List<PcapRecord> expected = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PcapWriter writer = new PcapWriter(out, 128, PcapWriter.LINKTYPE_ETHERNET)) {
      long now = 1_700_000_000_123_456_789L;
      for (int i = 0; i < 50; i++) {
        byte[] frame = new byte[14 + random.nextInt(1500)];
        random.nextBytes(frame);
        now += random.nextInt(1_000_000_000);
        writer.write(now, frame);
        expected.add(new PcapRecord(now, Arrays.copyOf(frame, Math.min(frame.length, 128)), frame.length));
      }
    }
    assertEquals(new PcapFile(1, 128, true, expected), PcapReader.decode(out.toByteArray()));
  }

  @Test
  void aHeaderAloneIsAnEmptyCapture() {
    assertEquals(List.of(), PcapReader.decode(Arrays.copyOf(NANOS_FILE, 24)).records());
  }

  @Test
  void everyPrefixThatEndsInsideAHeaderOrRecordIsMalformed() {
    int firstRecordEnd = 24 + 16 + 60;
    for (int n = 0; n < NANOS_FILE.length; n++) {
      byte[] prefix = Arrays.copyOf(NANOS_FILE, n);
      if (n == 24 || n == firstRecordEnd) {
        assertEquals(n == 24 ? 0 : 1, PcapReader.decode(prefix).records().size());
      } else {
        assertThrows(MalformedPacketException.class, () -> PcapReader.decode(prefix), "prefix of " + n);
      }
    }
  }

  @Test
  void rejectsOtherFormats() {
    MalformedPacketException bad = assertMalformed(hex("12345678"), 0);
    assertEquals("bad pcap magic: 0x12345678 (expected: 0xa1b2c3d4 or 0xa1b23c4d, either byte order) at offset 0",
        bad.getMessage());
    byte[] pcapng = hex("0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000");
    assertTrue(assertMalformed(pcapng, 0).getMessage().contains("this is pcapng"));
    assertMalformed(patch(NANOS_FILE, 4, 3, 2), 4); // version 3.4
  }

  @Test
  void rejectsARecordLongerThanTheSnapLength() {
    MalformedPacketException e = assertMalformed(patch(NANOS_FILE, 16, 59, 4), 32);
    assertEquals("pcap record longer than snap length: 60 (expected: at most 59) at offset 32", e.getMessage());
  }

  @Test
  void readsSnapLengthZeroAsUnlimitedButCapsRecords() {
    byte[] unlimited = patch(NANOS_FILE, 16, 0, 4);
    assertEquals(PcapFile.MAX_CAPTURE_LENGTH, PcapReader.decode(unlimited).snapLength());
    byte[] huge = patch(patch(unlimited, 32, PcapFile.MAX_CAPTURE_LENGTH + 1, 4), 36, PcapFile.MAX_CAPTURE_LENGTH + 1, 4);
    assertMalformed(huge, 32);
  }

  @Test
  void rejectsBadLengthsAndTimestamps() {
    assertMalformed(patch(NANOS_FILE, 36, 59, 4), 36); // original shorter than captured
    assertMalformed(patch(NANOS_FILE, 36, -1, 4), 36); // original of 4 GiB
    assertMalformed(patch(NANOS_FILE, 28, 1_000_000_000, 4), 28); // a whole second of nanoseconds
    assertMalformed(patch(MICROS_FILE, 28, 1_000_000, 4), 28); // a whole second of microseconds
  }

  @Test
  void capsTheRecordCount() {
    byte[] header = Arrays.copyOf(NANOS_FILE, 24);
    byte[] many = Arrays.copyOf(header, 24 + 16 * (PcapReader.MAX_RECORDS + 1)); // empty records at time 0
    MalformedPacketException e = assertMalformed(many, 24 + 16 * PcapReader.MAX_RECORDS);
    assertTrue(e.getMessage().startsWith("too many pcap records"), e.getMessage());
  }

  @Test
  void randomAndMutatedBytesDecodeOrFailOnlyAsMalformed() {
    Random random = new Random(0xA1B23C4DL);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(80)];
        random.nextBytes(input);
        if (random.nextBoolean() && input.length >= 8) {
          System.arraycopy(i % 4 == 0 ? NANOS_FILE : MICROS_FILE, 0, input, 0, 8); // get past the magic
        }
      } else {
        byte[] valid = i % 4 == 1 ? NANOS_FILE : MICROS_FILE;
        input = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
        for (int flips = random.nextInt(4); flips > 0 && input.length > 0; flips--) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
      }
      try {
        PcapReader.decode(input);
        decoded++;
      } catch (MalformedPacketException expected) {
        // the only failure allowed
      }
    }
    assertFalse(decoded == 0, "the loop should reach past the header sometimes");
  }

  private static MalformedPacketException assertMalformed(byte[] bytes, int offset) {
    MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> PcapReader.decode(bytes));
    assertEquals(offset, e.offset(), e.getMessage());
    return e;
  }

  /** A copy with a little-endian field of {@code size} bytes at {@code at} set to {@code value}. */
  private static byte[] patch(byte[] bytes, int at, int value, int size) {
    byte[] copy = bytes.clone();
    ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
    if (size == 2) {
      b.putShort(at, (short) value);
    } else {
      b.putInt(at, value);
    }
    return copy;
  }
}
