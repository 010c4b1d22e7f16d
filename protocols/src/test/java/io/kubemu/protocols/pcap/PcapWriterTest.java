package io.kubemu.protocols.pcap;

import static io.kubemu.protocols.pcap.PcapSamples.NANOS_FILE;
import static io.kubemu.protocols.pcap.PcapSamples.REPLY_NANOS;
import static io.kubemu.protocols.pcap.PcapSamples.REQUEST_NANOS;
import static io.kubemu.protocols.pcap.PcapSamples.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.ethernet.ArpCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
  @Test
  void writesWhatWiresharkWrites() {
    byte[] file = PcapWriter.encode(List.of(
        PcapRecord.of(REQUEST_NANOS, ArpCapture.REQUEST_FRAME),
        PcapRecord.of(REPLY_NANOS, ArpCapture.REPLY_FRAME)), PcapWriter.LINKTYPE_ETHERNET);
    assertArrayEquals(NANOS_FILE, file);
  }

  @Test
  void streamsTheSameBytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PcapWriter writer = PcapWriter.ethernet(out)) {
      writer.write(REQUEST_NANOS, ArpCapture.REQUEST_FRAME);
      writer.write(REPLY_NANOS, ArpCapture.REPLY_FRAME);
    }
    assertArrayEquals(NANOS_FILE, out.toByteArray());
  }

  @Test
  void anEmptyCaptureIsTheHeaderAlone() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PcapWriter(out, 65_535, 101).flush(); // LINKTYPE_RAW: bare IP packets
    assertArrayEquals(hex("4d3cb2a1 0200 0400 00000000 00000000 ffff0000 65000000"), out.toByteArray());
  }

  @Test
  void cutsRecordsAtTheSnapLengthKeepingTheOriginalLength() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapWriter writer = new PcapWriter(out, 42, PcapWriter.LINKTYPE_ETHERNET);
    writer.write(1_500_000_123L, ArpCapture.REQUEST_FRAME);
    byte[] bytes = out.toByteArray();
    assertArrayEquals(hex("01000000" // 1 s
        + "7b65cd1d" // 500000123 ns
        + "2a000000" // captured 42
        + "3c000000"), // original 60
        Arrays.copyOfRange(bytes, 24, 40));
    assertArrayEquals(Arrays.copyOf(ArpCapture.REQUEST_FRAME, 42), Arrays.copyOfRange(bytes, 40, bytes.length));
  }

  @Test
  void keepsARecordsOwnOriginalLength() {
    byte[] file = PcapWriter.encode(List.of(new PcapRecord(0, new byte[] {1, 2}, 1500)), 1);
    assertArrayEquals(hex("00000000 00000000 02000000 dc050000 0102"), Arrays.copyOfRange(file, 24, file.length));
  }

  @Test
  void rejectsTimestampsOutsideTheFormat() throws IOException {
    PcapWriter writer = PcapWriter.ethernet(new ByteArrayOutputStream());
    assertThrows(IllegalArgumentException.class, () -> writer.write(-1, new byte[14]));
    assertThrows(IllegalArgumentException.class, () -> writer.write(0x1_0000_0000L * 1_000_000_000L, new byte[14]));
    writer.write(0xFFFF_FFFFL * 1_000_000_000L + 999_999_999L, new byte[14]); // the last instant of 2106-02-07
  }

  @Test
  void rejectsBadSettings() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThrows(IllegalArgumentException.class, () -> new PcapWriter(out, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PcapWriter(out, PcapFile.MAX_CAPTURE_LENGTH + 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PcapWriter(out, 65_535, -1));
    assertEquals(0, out.size());
  }
}
