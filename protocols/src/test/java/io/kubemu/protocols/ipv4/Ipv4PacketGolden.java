package io.kubemu.protocols.ipv4;

import java.util.HexFormat;

/** Real IPv4 packets, field by field, for the codec tests. */
final class Ipv4PacketGolden {
  private Ipv4PacketGolden() {}

  /** The bytes of hex text; spaces and line breaks are ignored. */
  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
  }

  /** The bytes 0x10..0x37 that Linux ping puts after its timestamp. */
  private static final String PING_PATTERN = "1011 1213 1415 1617 1819 1a1b 1c1d 1e1f 2021 2223 2425 2627"
      + " 2829 2a2b 2c2d 2e2f 3031 3233 3435 3637";

  /** An ICMP echo reply captured on a Docker bridge (tcpdump -X): 172.17.0.2 > 172.17.0.1, id 1, seq 4. */
  static final byte[] DOCKER_ECHO_REPLY = hex(
      "45"          // version 4, IHL 5 (20 bytes)
      + "00"        // TOS 0
      + "0054"      // total length 84
      + "dff7"      // identification 57335
      + "0000"      // flags none, fragment offset 0
      + "40"        // TTL 64
      + "01"        // protocol 1, ICMP
      + "428c"      // header checksum
      + "ac110002"  // source 172.17.0.2
      + "ac110001"  // destination 172.17.0.1
      + "0000 55b5 0001 0004"                 // ICMP echo reply, checksum, id 1, seq 4
      + "84be 0d64 0000 0000 4d50 0c00 0000 0000"  // ping's timestamp
      + PING_PATTERN);

  /** An ICMP echo request on loopback (tcpdump -X): 127.0.0.1 > 127.0.0.1, Don't Fragment set. */
  static final byte[] LOOPBACK_ECHO_REQUEST = hex(
      "45"          // version 4, IHL 5
      + "00"        // TOS 0
      + "0054"      // total length 84
      + "d2f2"      // identification 54002
      + "4000"      // flags DF, fragment offset 0
      + "40"        // TTL 64
      + "01"        // protocol 1, ICMP
      + "69b4"      // header checksum
      + "7f000001"  // source 127.0.0.1
      + "7f000001"  // destination 127.0.0.1
      + "0800 307c 9d2a 0001"                 // ICMP echo request, checksum, id 40234, seq 1
      + "e7c2 5561 0000 0000 2d61 0100 0000 0000"
      + PING_PATTERN);

  /** An IGMPv2 membership report with the Router Alert option (RFC 2113), captured with tcpdump -X. */
  static final byte[] IGMP_REPORT_WITH_ROUTER_ALERT = hex(
      "46"          // version 4, IHL 6 (24 bytes: one 4-byte option)
      + "c0"        // TOS 0xc0, internetwork control
      + "0020"      // total length 32
      + "0000"      // identification 0
      + "4000"      // flags DF
      + "01"        // TTL 1
      + "02"        // protocol 2, IGMP
      + "692b"      // header checksum
      + "0a867feb"  // source 10.134.127.235
      + "efff007c"  // destination 239.255.0.124
      + "94040000"  // option: Router Alert (type 148, length 4, value 0)
      + "1600 f983 efff 007c");  // IGMPv2 report for 239.255.0.124

  /** The header from the IPv4 header checksum example widely cited (Wikipedia), with a zero UDP body. */
  static final byte[] UDP_CHECKSUM_EXAMPLE = hex(
      "45"          // version 4, IHL 5
      + "00"        // TOS 0
      + "0073"      // total length 115
      + "0000"      // identification 0
      + "4000"      // flags DF
      + "40"        // TTL 64
      + "11"        // protocol 17, UDP
      + "b861"      // header checksum
      + "c0a80001"  // source 192.168.0.1
      + "c0a800c7"  // destination 192.168.0.199
      + "00".repeat(95));
}
