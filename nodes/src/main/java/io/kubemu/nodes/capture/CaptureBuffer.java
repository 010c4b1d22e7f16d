package io.kubemu.nodes.capture;

import io.kubemu.protocols.pcap.PcapRecord;
import io.kubemu.protocols.pcap.PcapWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames one capture took from one interface, bounded in bytes; frames past the bound are
 * counted, not kept. Turned into a pcap file (LINKTYPE_ETHERNET) when the capture ends.
 */
public final class CaptureBuffer {
  private final long id;
  private final String iface;
  private final long maxBytes;
  private final List<PcapRecord> records = new ArrayList<>();
  private long bytes;
  private long truncated;

  public CaptureBuffer(long id, String iface, long maxBytes) {
    this.id = id;
    this.iface = iface;
    this.maxBytes = maxBytes;
  }

  public long id() {
    return id;
  }

  public String iface() {
    return iface;
  }

  public void offer(byte[] frame) {
    if (bytes + frame.length > maxBytes) {
      truncated++;
      return;
    }
    bytes += frame.length;
    java.time.Instant t = java.time.Instant.now();
    long now = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    records.add(new PcapRecord(now, frame, frame.length));
  }

  public int packets() {
    return records.size();
  }

  public long framesNotKept() {
    return truncated;
  }

  public byte[] toPcap() {
    return PcapWriter.encode(records, PcapWriter.LINKTYPE_ETHERNET);
  }
}
