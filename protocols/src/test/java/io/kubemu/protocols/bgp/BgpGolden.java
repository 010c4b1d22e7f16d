package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteWriter;
import java.util.HexFormat;

/** Real BGP messages from public sources, and a helper to frame hand-written bodies. */
final class BgpGolden {
  static final String MARKER = "ffffffffffffffffffffffffffffffff";

  /**
   * An OPEN with three capabilities, each in its own optional parameter, from the test vectors of the
   * Net::BGP Raku module (CPAN JMASLAK/Net-BGP-0.8.0, t/bgp-messages/open-message-capabilities.2.txt).
   */
  static final byte[] OPEN = hex(MARKER
      + "0031" // length 49
      + "01" // OPEN
      + "04" // version 4
      + "1020" // my AS 4128
      + "0003" // hold time 3 s
      + "01020304" // BGP identifier 1.2.3.4
      + "14" // optional parameters: 20 bytes
      + "02 02" + "02 00" // parameter: capabilities, 2 bytes: route refresh, empty
      + "02 06" + "41 04 12345678" // parameter: 4-octet AS 0x12345678
      + "02 06" + "01 04 0001 00 01"); // parameter: multiprotocol IPv4 (1), reserved, unicast (1)

  /**
   * An UPDATE a Junos router sent after its export policy added a community, as Wireshark dissected it
   * on forum.ivorde.com ("Example of BGP update message sent from Junos device when export policy is
   * modified"); the bytes are the dissected fields in order.
   */
  static final byte[] JUNOS_UPDATE = hex(MARKER
      + "003e" // length 62
      + "02" // UPDATE
      + "0000" // withdrawn routes: 0 bytes
      + "0023" // path attributes: 35 bytes
      + "40 01 01 00" // ORIGIN, well-known transitive: IGP
      + "40 02 00" // AS_PATH: empty (an internal peer)
      + "40 03 04 ac100022" // NEXT_HOP 172.16.0.34
      + "80 04 04 00000014" // MULTI_EXIT_DISC, optional non-transitive: 20
      + "40 05 04 00000064" // LOCAL_PREF 100
      + "c0 08 04 ffee0457" // COMMUNITIES, optional transitive: 65518:1111 (unknown here, kept)
      + "18 c0a803"); // NLRI 192.168.3.0/24

  /**
   * A NOTIFICATION as Cisco IOS shows the last one received ("Last notification (len 23) received
   * ... ffffffff ffffffff ffffffff ffffffff 00170302 02fe1400"), quoted on greynotebook.com's page of
   * BGP error codes: OPEN Message Error / Bad Peer AS with the AS 65044 as data. IOS prints whole
   * 4-byte words, so the last 00 lies past the 23 bytes of the message.
   */
  static final byte[] CISCO_NOTIFICATION_WORDS = hex(MARKER
      + "0017" // length 23
      + "03" // NOTIFICATION
      + "02" // OPEN Message Error
      + "02" // Bad Peer AS
      + "fe14" // data: AS 65044
      + "00"); // past the message

  /**
   * The body of a real Internet UPDATE between 4-octet AS speakers, from the Net::BGP Raku module's
   * t/54-Update-Failure.t (a message that once failed to parse there). Its AS_PATH uses the Extended
   * Length form for a 20-byte value, which RFC 7606 section 5 allows.
   */
  static final String AS4_UPDATE_BODY = "0000" // withdrawn routes: 0 bytes
      + "002e" // path attributes: 46 bytes
      + "40 01 01 02" // ORIGIN INCOMPLETE
      + "50 02 0014" // AS_PATH, well-known transitive, Extended Length: 20 bytes
      + "02 03 0000ffdd 0000ae8c 00002152" // AS_SEQUENCE 65501 44684 8530
      + "01 01 00030861" // AS_SET {198753}
      + "40 03 04 5d5d8366" // NEXT_HOP 93.93.131.102
      + "c0 07 08 00002152 5b8f4018" // AGGREGATOR, optional transitive: AS 8530, 91.143.64.24 (kept as bytes)
      + "15 0527b0"; // NLRI 5.39.176.0/21

  // What BIRD 2.0.12 (Debian's bird2) sent our speakers over loopback: a router in AS 4200000001,
  // router ID 10.255.0.1, hold time 90, static blackhole routes, a node network route via lo.

  /** BIRD's OPEN: capabilities in one parameter, three of them unknown here and kept as bytes. */
  static final String BIRD_OPEN_BODY = "04" // version 4
      + "5ba0" // my AS: AS_TRANS 23456, the real one needs 4 octets
      + "005a" // hold time 90 s
      + "0aff0001" // BGP identifier 10.255.0.1
      + "18" // optional parameters: 24 bytes
      + "02 16" // one parameter: capabilities, 22 bytes
      + "01 04 0001 00 01" // multiprotocol IPv4 unicast
      + "02 00" // route refresh
      + "40 02 0078" // graceful restart (64): restart time 120 s, no address families
      + "41 04 fa56ea01" // 4-octet AS 4200000001
      + "46 00" // enhanced route refresh (70)
      + "47 00"; // long-lived graceful restart (71), no address families

  /** BIRD's eBGP UPDATE of a static route: next hop itself, AS_PATH of 4-octet numbers. */
  static final String BIRD_UPDATE_BODY = "0000" // withdrawn routes: 0 bytes
      + "0014" // path attributes: 20 bytes
      + "40 01 01 00" // ORIGIN IGP
      + "40 02 06 02 01 fa56ea01" // AS_PATH: AS_SEQUENCE of one, 4200000001
      + "40 03 04 7f000001" // NEXT_HOP 127.0.0.1, the session's local address
      + "18 cb0071"; // NLRI 203.0.113.0/24

  /**
   * BIRD as a route reflector (AS 64512, the nodes its clients) passing one node's pod block to
   * another: the next hop stays the first node's IP, and RFC 4456 adds the originator and the cluster.
   */
  static final String BIRD_REFLECTED_BODY = "0000" // withdrawn routes: 0 bytes
      + "0023" // path attributes: 35 bytes
      + "40 01 01 00" // ORIGIN IGP
      + "40 02 00" // AS_PATH empty: iBGP
      + "40 03 04 ac120002" // NEXT_HOP 172.18.0.2, the node that announced it
      + "40 05 04 00000064" // LOCAL_PREF 100
      + "80 09 04 ac120002" // ORIGINATOR_ID 172.18.0.2 (that node's router ID)
      + "80 0a 04 0aff0001" // CLUSTER_LIST [10.255.0.1], BIRD's router ID
      + "1a 0af40100"; // NLRI 10.244.1.0/26

  /** BIRD withdrawing that pod block when its node's session ended. */
  static final String BIRD_WITHDRAW_BODY = "0005" // withdrawn routes: 5 bytes
      + "1a 0af40100" // 10.244.1.0/26
      + "0000"; // no path attributes

  /** BIRD's End-of-RIB (RFC 4724 2): an UPDATE with nothing in it, sent after its first routes. */
  static final String BIRD_END_OF_RIB_BODY = "0000 0000";

  /** BIRD's answer to {@code birdc disable node1 "maintenance"}: Cease with a shutdown communication. */
  static final String BIRD_SHUTDOWN_BODY = "06" // Cease
      + "02" // Administrative Shutdown
      + "0b 6d61696e74656e616e6365"; // RFC 9003: 11 octets of UTF-8, "maintenance"

  /** BIRD's answer to an OPEN with hold time 1: the refused hold time as data. */
  static final String BIRD_HOLD_TIME_BODY = "02" // OPEN Message Error
      + "06" // Unacceptable Hold Time
      + "0001"; // the hold time offered

  /** A KEEPALIVE: the header alone (RFC 4271 4.4). */
  static final byte[] KEEPALIVE = hex(MARKER + "0013" + "04");

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
  }

  /** A message of {@code type} around a hand-written body, with the length field computed. */
  static byte[] message(int type, String bodyHex) {
    byte[] body = hex(bodyHex);
    ByteWriter w = new ByteWriter();
    w.bytes(hex(MARKER)).u16(BgpMessage.HEADER_LENGTH + body.length).u8(type).bytes(body);
    return w.toByteArray();
  }

  private BgpGolden() {}
}
