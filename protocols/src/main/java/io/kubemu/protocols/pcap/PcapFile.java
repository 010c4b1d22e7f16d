package io.kubemu.protocols.pcap;

import java.util.List;

/**
 * A classic libpcap capture file, decoded: the link type of every record (1 for Ethernet), the
 * snap length, whether timestamps were written with nanosecond resolution, and the records.
 *
 * @see <a href="https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html">draft-ietf-opsawg-pcap</a>
 */
public record PcapFile(int linkType, int snapLength, boolean nanosecond, List<PcapRecord> records) {
  /** The magic number of files with microsecond timestamps, as read in the writer's byte order. */
  public static final int MAGIC_MICROS = 0xA1B2C3D4;
  /** The magic number of files with nanosecond timestamps. */
  public static final int MAGIC_NANOS = 0xA1B23C4D;
  public static final int VERSION_MAJOR = 2;
  public static final int VERSION_MINOR = 4;
  public static final int HEADER_LENGTH = 24;
  public static final int RECORD_HEADER_LENGTH = 16;
  /** libpcap's largest snap length (MAXIMUM_SNAPLEN); a longer record is malformed. */
  public static final int MAX_CAPTURE_LENGTH = 262_144;

  public PcapFile {
    records = List.copyOf(records);
  }
}
