package io.kubemu.protocols.vxlan;

import java.util.HexFormat;

/**
 * A real VXLAN packet, whole from its outer Ethernet header: an ICMP echo request between two VMs,
 * from CloudShark's public vxlan.pcap (as quoted in gopacket's layers/udp_test.go).
 */
public final class VxlanCapture {
  /** Where the VXLAN header starts in {@link #FRAME}: after Ethernet (14), IPv4 (20) and UDP (8). */
  public static final int VXLAN_AT = 42;

  public static final byte[] FRAME = hex(
      "00 16 3e 08 71 cf 36 dc 85 1e b3 40 08 00" // outer Ethernet: to 00:16:3e:08:71:cf, IPv4
      + "45 00 00 86 d2 c0 40 00 40 11 51 52" // outer IPv4: 134 bytes, DF, TTL 64, UDP
      + "c0 a8 cb 01 c0 a8 ca 01" // 192.168.203.1 > 192.168.202.1
      + "b0 5d 12 b5 00 72 00 00" // UDP 45149 > 4789 (IANA VXLAN), 114 bytes, no checksum
      + "08" // VXLAN flags: I (the VNI is valid)
      + "00 00 00" // reserved
      + "00 00 00" // VNI 0
      + "00" // reserved
      + "00 30 88 01 00 02 00 16 3e 37 f6 04 08 00" // inner Ethernet: 00:16:3e:37:f6:04 > 00:30:88:01:00:02, IPv4
      + "45 00 00 54 00 00 40 00 40 01 23 4f c0 a8 cb 03 c0 a8 cb 05" // inner IPv4: ICMP 192.168.203.3 > .5
      + "08 00 f6 f2 05 0c 00 01" // ICMP echo request, id 0x050c, sequence 1
      + "fc e2 97 51 00 00 00 00 a6 f8 02 00 00 00 00 00" // ping's timestamp
      + "10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27"
      + "28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37"); // ping's payload pattern

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
  }

  private VxlanCapture() {}
}
