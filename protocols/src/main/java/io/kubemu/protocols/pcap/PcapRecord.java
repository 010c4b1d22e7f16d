package io.kubemu.protocols.pcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * One captured packet: when it was seen, the bytes kept (at most the snap length) and how long it
 * really was. The data array is shared, not copied: treat it as read-only.
 */
public record PcapRecord(long epochNanos, byte[] data, int originalLength) {
  public PcapRecord {
    Objects.requireNonNull(data, "data");
    if (epochNanos < 0) {
      throw new IllegalArgumentException("pcap timestamp before 1970: " + epochNanos + " ns (expected: >= 0)");
    }
    if (originalLength < data.length) {
      throw new IllegalArgumentException("pcap original length below captured length: " + originalLength
          + " (expected: >= " + data.length + ")");
    }
  }

  /** A record of a whole packet. */
  public static PcapRecord of(long epochNanos, byte[] data) {
    return new PcapRecord(epochNanos, data, data.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PcapRecord r && epochNanos == r.epochNanos && originalLength == r.originalLength
        && Arrays.equals(data, r.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(epochNanos) + originalLength) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "PcapRecord[epochNanos=" + epochNanos + ", captured=" + data.length + ", original=" + originalLength + "]";
  }
}
