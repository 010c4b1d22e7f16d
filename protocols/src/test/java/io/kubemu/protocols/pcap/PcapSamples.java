package io.kubemu.protocols.pcap;

import io.kubemu.protocols.ethernet.ArpCapture;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Files written by Wireshark's own pcap writer: text2pcap 4.0.17 run with TZ=UTC over the
 * {@link ArpCapture} frames, timestamped 2001-04-26 01:54:26.265000 and .265900 UTC, once with
 * {@code -F nsecpcap} and once with {@code -F pcap}. Little-endian, as on x86.
 */
final class PcapSamples {
  /** 2001-04-26T01:54:26Z in seconds since 1970 (0x3ae77fd2). */
  static final long SECONDS = 988_250_066L;
  static final long REQUEST_NANOS = SECONDS * 1_000_000_000L + 265_000_000L;
  static final long REPLY_NANOS = SECONDS * 1_000_000_000L + 265_900_000L;

  static final byte[] NANOS_FILE = concat(
      hex("4d 3c b2 a1" // magic 0xa1b23c4d: nanosecond timestamps
          + "02 00 04 00" // version 2.4
          + "00 00 00 00" // thiszone: UTC
          + "00 00 00 00" // sigfigs
          + "00 00 04 00" // snap length 262144
          + "01 00 00 00"), // link type 1, Ethernet
      hex("d2 7f e7 3a" // seconds 988250066
          + "40 94 cb 0f" // nanoseconds 265000000
          + "3c 00 00 00" // captured length 60
          + "3c 00 00 00"), // original length 60
      ArpCapture.REQUEST_FRAME,
      hex("d2 7f e7 3a e0 4f d9 0f" // 988250066 s, 265900000 ns
          + "3c 00 00 00 3c 00 00 00"), // 60 of 60 bytes
      ArpCapture.REPLY_FRAME);

  static final byte[] MICROS_FILE = concat(
      hex("d4 c3 b2 a1" // magic 0xa1b2c3d4: microsecond timestamps
          + "02 00 04 00 00 00 00 00 00 00 00 00" // version 2.4, thiszone 0, sigfigs 0
          + "00 00 04 00 01 00 00 00"), // snap length 262144, Ethernet
      hex("d2 7f e7 3a" // seconds 988250066
          + "28 0b 04 00" // microseconds 265000
          + "3c 00 00 00 3c 00 00 00"), // 60 of 60 bytes
      ArpCapture.REQUEST_FRAME,
      hex("d2 7f e7 3a ac 0e 04 00" // 988250066 s, 265900 us
          + "3c 00 00 00 3c 00 00 00"),
      ArpCapture.REPLY_FRAME);

  private PcapSamples() {}

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
