package io.kubemu.nodes.proxy;

import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.FlowTuple;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.Checksum;
import io.kubemu.protocols.wire.MalformedPacketException;

/**
 * ICMP errors about translated flows, translated back as netfilter's
 * nf_nat_icmp_reply_translation does: the quoted packet went out with the endpoint's address (and
 * the masquerade address); the client must see the one it sent, to the cluster IP, and the error
 * must reach the client itself. So a client whose endpoint died hears "No route to host" from the
 * endpoint's node at once, instead of retrying its SYN for two minutes.
 */
final class IcmpTranslation {
  private IcmpTranslation() {}

  /** The error rewritten for the client, or null when it is about no translated flow (or is no error). */
  static Ipv4Packet reply(Ipv4Packet p, Conntrack conntrack) {
    IcmpMessage icmp;
    try {
      icmp = IcmpMessage.decode(new ByteReader(p.payload()));
    } catch (MalformedPacketException e) {
      return null;
    }
    if (!icmp.isError()) {
      return null;
    }
    byte[] q = icmp.body().clone();
    if (q.length < 20) {
      return null;
    }
    int ihl = (q[0] & 0x0F) * 4;
    int proto = q[9] & 0xFF;
    if (ihl < 20 || q.length < ihl + 4 || (proto != IpProtocol.TCP && proto != IpProtocol.UDP)) {
      return null;
    }
    Ipv4Address from = address(q, 12);
    Ipv4Address to = address(q, 16);
    // the quoted packet went from the client (or its masquerade address) to the endpoint: reversed, a reply tuple
    Conntrack.Match m = conntrack.lookup(new FlowTuple(proto, to, u16(q, ihl + 2), from, u16(q, ihl)));
    if (m == null || m.original()) {
      return null;
    }
    FlowTuple sent = m.entry().original();
    put32(q, 12, sent.source().bits());
    put32(q, 16, sent.destination().bits());
    put16(q, 10, 0);
    put16(q, 10, Checksum.of(q, 0, ihl));
    put16(q, ihl, sent.sourcePort());
    put16(q, ihl + 2, sent.destinationPort());
    IcmpMessage translated = new IcmpMessage(icmp.type(), icmp.code(), icmp.rest(), q);
    return new Ipv4Packet(p.tos(), p.identification(), p.flagsAndFragment(), p.ttl(), p.protocol(), p.source(), sent.source(),
        p.options(), translated.toBytes());
  }

  private static Ipv4Address address(byte[] b, int at) {
    return new Ipv4Address(((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF));
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static void put16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  private static void put32(byte[] b, int at, int v) {
    put16(b, at, v >>> 16);
    put16(b, at + 2, v & 0xFFFF);
  }
}
