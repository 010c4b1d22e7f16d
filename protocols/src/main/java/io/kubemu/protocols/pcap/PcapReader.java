package io.kubemu.protocols.pcap;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a classic libpcap file in either byte order, with microsecond or nanosecond timestamps.
 * Anything else (pcapng, a modified-pcap magic, a bad length) is a {@link MalformedPacketException}.
 * Caps keep garbage cheap: at most {@link #MAX_RECORDS} records, each at most the snap length and
 * never over {@link PcapFile#MAX_CAPTURE_LENGTH}.
 */
public final class PcapReader {
  public static final int MAX_RECORDS = 1_000_000;

  private static final int PCAPNG_MAGIC = 0x0A0D0D0A;

  private final ByteReader r;
  private final boolean swapped;

  private PcapReader(ByteReader r, boolean swapped) {
    this.r = r;
    this.swapped = swapped;
  }

  public static PcapFile decode(byte[] bytes) {
    ByteReader r = new ByteReader(bytes);
    int magic = r.i32("pcap magic");
    boolean nanosecond = magic == PcapFile.MAGIC_NANOS || magic == Integer.reverseBytes(PcapFile.MAGIC_NANOS);
    boolean micro = magic == PcapFile.MAGIC_MICROS || magic == Integer.reverseBytes(PcapFile.MAGIC_MICROS);
    if (!nanosecond && !micro) {
      throw new MalformedPacketException(0, String.format("bad pcap magic: 0x%08x (expected: 0xa1b2c3d4 or 0xa1b23c4d, "
          + "either byte order%s)", magic, magic == PCAPNG_MAGIC ? "; this is pcapng, which is not read here" : ""));
    }
    boolean swapped = magic != PcapFile.MAGIC_NANOS && magic != PcapFile.MAGIC_MICROS;
    return new PcapReader(r, swapped).readFile(nanosecond);
  }

  private PcapFile readFile(boolean nanosecond) {
    int at = r.position();
    int major = u16("pcap major version");
    u16("pcap minor version"); // 2.4 today; libpcap reads older minors the same way
    if (major != PcapFile.VERSION_MAJOR) {
      throw new MalformedPacketException(at, "unsupported pcap version: " + major + " (expected: 2)");
    }
    u32("pcap thiszone");
    u32("pcap sigfigs");
    long declaredSnap = u32("pcap snap length");
    // As libpcap does: 0 or a huge snap length means "no limit", which is our cap.
    int snapLength = declaredSnap == 0 || declaredSnap > PcapFile.MAX_CAPTURE_LENGTH
        ? PcapFile.MAX_CAPTURE_LENGTH : (int) declaredSnap;
    // The low 16 bits are the link type; the high ones carry FCS information we do not use.
    int linkType = (int) (u32("pcap link type") & 0xFFFF);
    List<PcapRecord> records = new ArrayList<>();
    while (r.hasRemaining()) {
      if (records.size() == MAX_RECORDS) {
        throw new MalformedPacketException(r.position(),
            "too many pcap records: more than " + MAX_RECORDS + " (expected: at most " + MAX_RECORDS + ")");
      }
      records.add(readRecord(nanosecond, snapLength));
    }
    return new PcapFile(linkType, snapLength, nanosecond, records);
  }

  private PcapRecord readRecord(boolean nanosecond, int snapLength) {
    int at = r.position();
    long seconds = u32("pcap record seconds");
    long fraction = u32("pcap record fraction");
    long limit = nanosecond ? 1_000_000_000L : 1_000_000L;
    if (fraction >= limit) {
      throw new MalformedPacketException(at + 4, "bad pcap timestamp fraction: " + fraction
          + " (expected: < " + limit + (nanosecond ? " nanoseconds)" : " microseconds)"));
    }
    long captured = u32("pcap record captured length");
    if (captured > snapLength) {
      throw new MalformedPacketException(at + 8, "pcap record longer than snap length: " + captured
          + " (expected: at most " + snapLength + ")");
    }
    long original = u32("pcap record original length");
    if (original < captured || original > Integer.MAX_VALUE) {
      throw new MalformedPacketException(at + 12, "bad pcap record original length: " + original
          + " (expected: " + captured + ".." + Integer.MAX_VALUE + ")");
    }
    byte[] data = r.bytes((int) captured, "pcap record data");
    long epochNanos = seconds * 1_000_000_000L + (nanosecond ? fraction : fraction * 1_000L);
    return new PcapRecord(epochNanos, data, (int) original);
  }

  private int u16(String what) {
    int v = r.u16(what);
    return swapped ? Integer.reverseBytes(v) >>> 16 : v;
  }

  private long u32(String what) {
    int v = r.i32(what);
    return (swapped ? Integer.reverseBytes(v) : v) & 0xFFFF_FFFFL;
  }
}
