package io.kubemu.protocols.ethernet;

import java.util.HexFormat;

/**
 * A real ARP exchange on a 10 Mb/s Ethernet: Frames 7 and 8 of the trace in mynetwatchman.com's
 * "goodarp" note (2001). Both are 60 bytes, the Ethernet minimum, so each ends in 18 bytes of
 * padding. The note gives the request in hex and the reply decoded field by field with its hex
 * dump cut short; the reply's padding is taken to be zero, like the request's.
 */
public final class ArpCapture {
  public static final byte[] REQUEST_FRAME = hex(
      "ff ff ff ff ff ff" // destination: broadcast
      + "00 a0 c9 22 b2 10" // source: an Intel NIC
      + "08 06" // EtherType: ARP
      + "00 01" // hardware type: Ethernet
      + "08 00" // protocol type: IPv4
      + "06 04" // address lengths: 6 and 4
      + "00 01" // operation: request
      + "00 a0 c9 22 b2 10 ac 10 01 65" // sender: 00:a0:c9:22:b2:10, 172.16.1.101
      + "00 00 00 00 00 00 ac 10 01 32" // target: MAC unknown, 172.16.1.50
      + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"); // padding

  public static final byte[] REPLY_FRAME = hex(
      "00 a0 c9 22 b2 10" // destination: the asker
      + "00 90 27 3c 66 e1" // source: the owner of 172.16.1.50
      + "08 06" // EtherType: ARP
      + "00 01 08 00 06 04" // Ethernet, IPv4, lengths 6 and 4
      + "00 02" // operation: reply
      + "00 90 27 3c 66 e1 ac 10 01 32" // sender: 00:90:27:3c:66:e1 is 172.16.1.50
      + "00 a0 c9 22 b2 10 ac 10 01 65" // target: the asker, 172.16.1.101
      + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"); // padding

  private ArpCapture() {}

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
  }
}
