package io.kubemu.protocols.pcap;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * Writes a classic libpcap file that tcpdump, tshark and Wireshark read: the 24-byte global
 * header once, then a 16-byte header and the captured bytes per packet. Timestamps use the
 * nanosecond magic; every field is little-endian, as in files written on x86. Records longer than
 * the snap length are cut, keeping their original length. Not thread-safe.
 */
public final class PcapWriter implements Closeable, Flushable {
  /** LINKTYPE_ETHERNET: records are Ethernet II frames without FCS. */
  public static final int LINKTYPE_ETHERNET = 1;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final OutputStream out;
  private final int snapLength;

  /** Writes the global header at once, so a file with no packets is still valid. */
  public PcapWriter(OutputStream out, int snapLength, int linkType) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    if (snapLength < 1 || snapLength > PcapFile.MAX_CAPTURE_LENGTH) {
      throw new IllegalArgumentException("pcap snap length out of range: " + snapLength
          + " (expected: 1.." + PcapFile.MAX_CAPTURE_LENGTH + ")");
    }
    if (linkType < 0 || linkType > 0xFFFF) {
      throw new IllegalArgumentException("pcap link type out of range: " + linkType + " (expected: 0..65535)");
    }
    this.snapLength = snapLength;
    out.write(littleEndian(PcapFile.HEADER_LENGTH)
        .putInt(PcapFile.MAGIC_NANOS)
        .putShort((short) PcapFile.VERSION_MAJOR)
        .putShort((short) PcapFile.VERSION_MINOR)
        .putInt(0) // thiszone: timestamps are UTC
        .putInt(0) // sigfigs: always 0
        .putInt(snapLength)
        .putInt(linkType)
        .array());
  }

  /** A writer of Ethernet frames that keeps whole frames. */
  public static PcapWriter ethernet(OutputStream out) throws IOException {
    return new PcapWriter(out, PcapFile.MAX_CAPTURE_LENGTH, LINKTYPE_ETHERNET);
  }

  /** A whole file in memory, records cut to {@link PcapFile#MAX_CAPTURE_LENGTH}. */
  public static byte[] encode(List<PcapRecord> records, int linkType) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PcapWriter writer = new PcapWriter(bytes, PcapFile.MAX_CAPTURE_LENGTH, linkType)) {
      for (PcapRecord record : records) {
        writer.write(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream does not throw", e);
    }
    return bytes.toByteArray();
  }

  public int snapLength() {
    return snapLength;
  }

  /** One packet seen whole at {@code epochNanos} (nanoseconds since 1970 UTC). */
  public void write(long epochNanos, byte[] frame) throws IOException {
    write(epochNanos, frame, frame.length);
  }

  public void write(PcapRecord record) throws IOException {
    write(record.epochNanos(), record.data(), record.originalLength());
  }

  private void write(long epochNanos, byte[] data, int originalLength) throws IOException {
    long seconds = epochNanos / NANOS_PER_SECOND;
    if (epochNanos < 0 || seconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("pcap timestamp out of range: " + epochNanos
          + " ns (expected: 1970 to 2106, an unsigned 32-bit count of seconds)");
    }
    int captured = Math.min(data.length, snapLength);
    out.write(littleEndian(PcapFile.RECORD_HEADER_LENGTH)
        .putInt((int) seconds)
        .putInt((int) (epochNanos % NANOS_PER_SECOND))
        .putInt(captured)
        .putInt(originalLength)
        .array());
    out.write(data, 0, captured);
  }

  private static ByteBuffer littleEndian(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    out.close();
  }
}
